"""``ekzh.netschool`` and ``ekzh.check(..., source="netschool")`` on the NetSchool fixtures
(tests/fixtures/netschool, imported as its cases.json says): the same events, import
summary and report as the Rust snapshots (tests/snapshots/netschool__*), whichever way a
client hands the download over; bad downloads raise ``ekzh.NetschoolError`` naming the
file, the line, the path inside the JSON and the field."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any, Dict, List

import pytest

import ekzh
import ekzh.netschool
from conftest import FIXTURES, snapshot

NETSCHOOL = FIXTURES / "netschool"
CASES: List[Dict[str, Any]] = json.loads((NETSCHOOL / "cases.json").read_text(encoding="utf-8"))["cases"]
BAD: List[Dict[str, Any]] = json.loads((NETSCHOOL / "bad" / "expected.json").read_text(encoding="utf-8"))[
    "inputs"
]
WEEK = NETSCHOOL / "student-diary-week-2023-04-10.json"
JOURNAL = NETSCHOOL / "class-journal-7a-algebra-q1-2024.json"
JOURNAL_OPTIONS = {"class_name": "7А", "subject": "Алгебра"}


def options(case: Dict[str, Any]) -> Dict[str, Any]:
    """A case's options as the Python functions name them; its types file as a path."""
    out: Dict[str, Any] = {}
    for key, value in case["options"].items():
        if key == "types":
            out["types"] = NETSCHOOL / value
        else:
            out["class_name" if key == "class" else key] = value
    return out


def text_snapshot(name: str) -> str:
    text = (Path(__file__).resolve().parents[2] / "tests" / "snapshots" / f"{name}.snap").read_text(
        encoding="utf-8"
    )
    return text.split("---\n", 2)[2]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_import_is_the_rust_snapshot(case: Dict[str, Any]) -> None:
    name = case["name"]
    read = ekzh.netschool.read([NETSCHOOL / f for f in case["files"]], **options(case))
    assert read["events"] == snapshot(f"netschool__{name}__events")
    assert read["summary"] == snapshot(f"netschool__{name}__summary")
    assert read["events"][0]["type"] == "extract"
    english = ekzh.netschool.read([NETSCHOOL / f for f in case["files"]], **options(case), lang="en")
    assert read["text"] + "\n" + english["text"] == text_snapshot(f"netschool__{name}__text")
    assert ekzh.netschool.events([NETSCHOOL / f for f in case["files"]], **options(case)) == read["events"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_check_from_netschool_is_the_rust_report(case: Dict[str, Any]) -> None:
    path = NETSCHOOL / case["files"][0]
    report = ekzh.check(path, case["as_of"], source="netschool", **options(case))
    assert report.to_dict() == snapshot(f"netschool__{case['name']}__report")
    # The same as importing, then checking the events.
    events = ekzh.netschool.events(path, **options(case))
    assert ekzh.check(events, case["as_of"]).to_dicts() == report.to_dicts()


def handed_over(form: str) -> Any:
    """The real week as a client may hold it."""
    if form == "path":
        return WEEK
    if form == "paths":
        return [WEEK]
    if form == "str":
        return WEEK.read_text(encoding="utf-8")
    if form == "bytes":
        return WEEK.read_bytes()
    if form == "dict":
        return json.loads(WEEK.read_text(encoding="utf-8"))
    if form == "list":
        return [json.loads(WEEK.read_text(encoding="utf-8"))]
    raise AssertionError(form)


@pytest.mark.parametrize("form", ["path", "paths", "str", "bytes", "dict", "list"])
def test_every_form_of_a_download_reads_alike(form: str) -> None:
    assert ekzh.netschool.events(handed_over(form)) == snapshot("netschool__diary_week__events")


@pytest.mark.parametrize("form", ["path", "str", "list"])
def test_types_come_in_any_form(form: str) -> None:
    types_path = NETSCHOOL / "assignment-types.json"
    types: Any = {
        "path": types_path,
        "str": types_path.read_text(encoding="utf-8"),
        "list": json.loads(types_path.read_text(encoding="utf-8")),
    }[form]
    read = ekzh.netschool.read(WEEK, types=types)
    assert read["events"] == snapshot("netschool__diary_week_with_types__events")
    assert read["summary"]["types_list"] and read["summary"]["unknown_types"] == {}


def test_the_real_week_reports_its_empty_homework() -> None:
    report = ekzh.check(WEEK, "2023-04-20T00:00:00+04:00", source="netschool")
    empty = [f for f in report if f.rule == "homework_empty"]
    assert sorted(f.lesson or "" for f in empty) == ["208191326", "208194241", "232728892"]
    events = ekzh.netschool.events(WEEK)
    texts = {e["lesson"]: e["text"] for e in events if e["type"] == "homework"}
    assert sorted(texts[f.lesson or ""] for f in empty) == ["-", "-", "----"]
    assert "---" not in texts.values()
    summary = ekzh.netschool.read(WEEK)["summary"]
    assert summary["left_out"] == {"extracurricular_lessons": 1}
    assert summary["unknown_types"] == {"18": 1, "20": 1}


def test_the_real_week_judges_only_what_a_diary_holds() -> None:
    report = ekzh.check(WEEK, "2023-04-20T00:00:00+04:00", source="netschool")
    # A diary has no topics, entry times, authors, teachers, attendance or final marks:
    # nothing that needs them is reported, only its empty homework and homework that
    # does not say what to do.
    rules = [f.rule for f in report]
    assert sorted(rules) == ["homework_empty"] * 3 + ["homework_uninformative"] * 2
    not_judged = report.summary["not_judged"]
    assert not_judged["lesson_topic_missing"] == {"lacks_topic": 33}
    assert not_judged["lesson_entered_late"] == {"lacks_at": 33}
    assert not_judged["briefing_introductory_missing"] == {"lacks_topic": 2}
    assert not_judged["absent_mark_without_basis"] == {"lacks_attendance": 10}
    assert not_judged["entry_not_permitted"] == {"lacks_by": 76}
    assert report.summary["fill"]["total"]["with_topic"] is None
    # The whole school's register has no `not_judged` at all.
    whole = ekzh.check([e for e in ekzh.netschool.events(WEEK) if e["type"] != "extract"], "2023-04-20T00:00:00+04:00")
    assert "not_judged" not in whole.summary
    assert "lesson_topic_missing" in {f.rule for f in whole}


def test_the_journal_keeps_what_its_part_can_judge() -> None:
    report = ekzh.check(
        JOURNAL,
        "2024-10-31T18:00:00+04:00",
        source="netschool",
        types=NETSCHOOL / "assignment-types.json",
        period="quarter:2024-09-02:2024-10-25",
        **JOURNAL_OPTIONS,
    )
    assert sorted(f.rule for f in report) == ["absence_reason_unset", "failing_mark_after_absence"]
    not_judged = report.summary["not_judged"]
    assert not_judged["lesson_topic_missing"] == {"lacks_topic": 24}
    assert not_judged["thematic_plan_missing"] == {"lacks_plans": 1}
    assert "failing_mark_after_absence" not in not_judged


@pytest.mark.parametrize("bad", BAD, ids=lambda b: b["file"])
def test_bad_downloads_name_file_path_and_field(bad: Dict[str, Any]) -> None:
    path = NETSCHOOL / "bad" / bad["file"]
    given = {"class_name" if k == "class" else k: v for k, v in bad.get("options", {}).items()}
    with pytest.raises(ekzh.NetschoolError) as caught:
        ekzh.netschool.events(path, **given, lang="en")
    error = caught.value
    assert isinstance(error, ekzh.InputError) and isinstance(error, ValueError)
    assert (error.file, error.line, error.path, error.field) == (str(path), bad["line"], bad["path"], bad["field"])
    assert bad["message"] in error.message and error.event is None
    assert str(error).startswith(f"`{path}`")
    # In Russian by default: the same place, in Russian words.
    with pytest.raises(ekzh.NetschoolError) as caught:
        ekzh.netschool.events(path, **given)
    russian = caught.value
    assert (russian.file, russian.path, russian.field) == (error.file, error.path, error.field)
    assert russian.message != error.message and str(russian).startswith(f"`{path}`")
    # The same through check, and without a file name for its text.
    with pytest.raises(ekzh.NetschoolError):
        ekzh.check(path, "2024-10-31", source="netschool", **given)
    with pytest.raises(ekzh.NetschoolError) as caught:
        ekzh.netschool.events(path.read_bytes(), **given)
    assert (caught.value.file, caught.value.path, caught.value.field) == (None, bad["path"], bad["field"])
    # A download already parsed names the same path.
    try:
        parsed = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return
    with pytest.raises(ekzh.NetschoolError) as caught:
        ekzh.netschool.events(parsed, **given)
    assert (caught.value.path, caught.value.field) == (bad["path"], bad["field"])


def test_netschool_error_pickles_and_reads_well() -> None:
    with pytest.raises(ekzh.NetschoolError) as caught:
        ekzh.netschool.events(NETSCHOOL / "bad" / "mark-of-wrong-type.json")
    error = caught.value
    again = pickle.loads(pickle.dumps(error))
    assert (again.file, again.line, again.path, again.field, again.message, str(again)) == (
        error.file,
        error.line,
        error.path,
        error.field,
        error.message,
        str(error),
    )
    assert repr(error).startswith("NetschoolError(") and "path='weekDays[2]" in repr(error)


def test_options_that_cannot_be_used_are_value_errors() -> None:
    for given, part in [
        ({"subject": "Алгебра"}, "does not name its class"),
        ({"class_name": "7А"}, "does not name its subject"),
        ({**JOURNAL_OPTIONS, "period": "quarter:2024-09-02"}, "is not a period"),
        ({**JOURNAL_OPTIONS, "grade": 12}, "not a school grade"),
    ]:
        with pytest.raises(ValueError, match=part) as caught:
            ekzh.netschool.events(JOURNAL, **given, lang="en")
        assert not isinstance(caught.value, ekzh.InputError)
    with pytest.raises(ValueError, match="is for a class journal"):
        ekzh.netschool.events(WEEK, subject="Алгебра", lang="en")
    with pytest.raises(ValueError, match="нужен только для журнала класса"):
        ekzh.netschool.events(WEEK, subject="Алгебра")
    with pytest.raises(ValueError, match='source=\\"netschool\\"'):
        ekzh.check(WEEK, "2023-04-20", grade=11)
    with pytest.raises(ValueError, match="source must be"):
        ekzh.check(WEEK, "2023-04-20", source="dnevnik")
    with pytest.raises(TypeError):
        ekzh.netschool.events({1, 2})  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        ekzh.netschool.events(NETSCHOOL / "no-such-file.json")
