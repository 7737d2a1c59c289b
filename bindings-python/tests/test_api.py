"""The Python API around the report: `Report`, `Finding`, `rules()`, and the forms of
events and `as_of` a Python caller has at hand."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Dict, List

import pytest

import ekzh
from conftest import ROOT, no_lines, rule_fixtures

BASE = next(f for f in rule_fixtures() if f.name == "grade1_mark__fires")


def base_report(**kwargs: Any) -> ekzh.Report:
    return ekzh.check(BASE.path, BASE.as_of, policy=BASE.policy, **kwargs)


def test_report_is_a_sequence_of_findings() -> None:
    report = base_report()
    count = len(BASE.snapshot()["findings"])
    assert count >= 2 and len(report) == count and bool(report)
    assert list(report) == report.findings
    assert report[0] == report.findings[0] and report[-1] == report.findings[-1]
    assert report[:1] == report.findings[:1]
    with pytest.raises(IndexError):
        report[count]
    # A new list each time: changing it changes nothing in the report.
    report.findings.clear()
    assert len(report.findings) == count
    by = report.summary["by_severity"]
    assert repr(report) == (
        f"<ekzh.Report as_of=2024-10-27T12:00:00+04:00 findings={count} "
        f"(error={by.get('error', 0)}, warning={by.get('warning', 0)}, info={by.get('info', 0)})>"
    )
    assert report.as_of == datetime(2024, 10, 27, 12, 0, tzinfo=timezone(timedelta(hours=4)))
    clean = ekzh.check([], BASE.as_of)
    assert len(clean) == 0 and not clean and clean.findings == [] and clean.to_dicts() == []


def test_finding_reads_well() -> None:
    first = base_report()[0]
    expected = BASE.snapshot()["findings"][0]
    assert expected["rule"] == "grade1_mark" and expected["event"] == 7
    assert isinstance(expected["line"], int) and first.line == expected["line"]
    assert repr(first) == (
        f"Finding(rule='grade1_mark', clause='2.6', severity='error', event=7, "
        f"line={expected['line']}, date='2024-09-02', class='1a', subject='Математика', "
        f"lesson='l1', student='s1', teacher='t1', message={expected['message']!r})"
    )
    assert (first.rule, first.clause, first.severity, first.event) == ("grade1_mark", "2.6", "error", 7)
    assert first.class_ == getattr(first, "class") == "1a"
    assert first.students is None and first.due is None and first.parent is None
    # Equal findings are equal and hash alike; another language is another finding.
    again = base_report()[0]
    assert first == again and hash(first) == hash(again) and len({first, again}) == 1
    english = base_report(lang="en")[0]
    assert english != first and english.message != first.message
    assert first != "grade1_mark"
    with pytest.raises(AttributeError):
        first.rule = "other"  # type: ignore[misc]


def test_to_dicts_is_ready_for_a_data_frame() -> None:
    rows = base_report().to_dicts()
    fields = [
        "rule", "clause", "severity", "message", "event", "line", "date", "class",
        "subject", "lesson", "student", "students", "teacher", "period", "parent", "due",
    ]
    assert all(list(row) == fields for row in rows)
    assert json.loads(json.dumps(rows)) == rows


def test_rules_are_the_catalogue() -> None:
    rules = ekzh.rules()
    assert [r["id"] for r in rules][:2] == ["grade1_mark", "grade1_homework"]
    for rule in rules:
        assert set(rule) == {
            "id", "clause", "severity", "when", "title", "fix", "summary", "doc", "doc_ru",
        }
        assert rule["clause"] is None or rule["clause"][0].isdigit()
        assert rule["title"]["ru"] and rule["title"]["en"] and rule["fix"]["ru"]
        assert rule["severity"] in ("error", "warning", "info")
        assert rule["when"] in ("entry", "audit", "entry/audit")
        assert rule["summary"] and rule["summary"] in " ".join(rule["doc"].split())
    assert len({r["id"] for r in rules}) == len(rules)


def test_events_as_python_values() -> None:
    """Dates, datetimes and times are read as the text JSON would hold; integer-like
    objects (numpy's int64) as integers."""

    class Int64:
        def __init__(self, value: int) -> None:
            self.value = value

        def __index__(self) -> int:
            return self.value

    samara = timezone(timedelta(hours=4))
    events: List[Dict[str, Any]] = []
    for event in BASE.events:
        event = dict(event)
        if event["type"] == "lesson":
            event["date"] = date.fromisoformat(event["date"])
            event["start"] = time.fromisoformat(event["start"])
            event["end"] = time.fromisoformat(event["end"])
        if "at" in event:
            event["at"] = datetime.fromisoformat(event["at"]).astimezone(samara)
        if event["type"] == "class":
            event["grade"] = Int64(event["grade"])
        if event["type"] == "mark":
            event["value"] = Int64(event["value"])
        events.append(event)
    assert ekzh.check(events, BASE.as_of, policy=BASE.policy).to_dict() == no_lines(
        base_report().to_dict()
    )
    # A naive datetime has no offset: `at` must have one.
    bad = [dict(BASE.events[6], at=datetime(2024, 9, 2, 9, 15))]
    with pytest.raises(ekzh.InputError) as caught:
        ekzh.check(bad, BASE.as_of)
    assert (caught.value.event, caught.value.field) == (0, "at")


def test_as_of_forms_and_the_school_offset() -> None:
    expected = base_report()
    assert ekzh.check(BASE.path, datetime(2024, 10, 27, 12, 0), policy=BASE.policy) == expected
    utc = datetime(2024, 10, 27, 8, 0, tzinfo=timezone.utc)
    assert ekzh.check(BASE.path, utc, policy=BASE.policy).to_dicts() == expected.to_dicts()
    assert ekzh.check(BASE.path, utc, policy=BASE.policy).as_of == utc
    # A date is the end of that day in school time, as in the CLI.
    day = ekzh.check(BASE.path, date(2024, 10, 27), policy=BASE.policy)
    assert day.as_of.isoformat() == "2024-10-27T23:59:59+04:00"
    assert ekzh.check(BASE.path, "2024-10-27", policy=BASE.policy) == day
    # A naive datetime takes the policy's offset.
    moscow = {**(BASE.policy or {}), "utc_offset": "+03:00"}
    report = ekzh.check(BASE.path, datetime(2024, 10, 27, 12, 0), policy=moscow)
    assert report.as_of.isoformat() == "2024-10-27T12:00:00+03:00"
    engine = ekzh.Engine(moscow)
    assert engine.audit(datetime(2024, 10, 27, 12, 0)).as_of.isoformat() == "2024-10-27T12:00:00+03:00"


def test_as_of_as_the_cli_takes_it() -> None:
    expected = base_report()
    day = ekzh.check(BASE.path, date(2024, 10, 27), policy=BASE.policy)
    for text in ["27.10.2024", "2024-10-27", " 27.10.2024 "]:
        assert ekzh.check(BASE.path, text, policy=BASE.policy) == day, text
    # A date and time without an offset is school time (BASE.as_of is 12:00 at +04:00).
    for text in ["2024-10-27 12:00", "2024-10-27T12:00", "2024-10-27T12:00:00", "27.10.2024 12:00"]:
        assert ekzh.check(BASE.path, text, policy=BASE.policy) == expected, text
    moscow = {**(BASE.policy or {}), "utc_offset": "+03:00"}
    assert ekzh.check([], "31.10.2024", policy=moscow).as_of.isoformat() == "2024-10-31T23:59:59+03:00"
    assert ekzh.Engine(moscow).audit("31.10.2024 18:00").as_of.isoformat() == "2024-10-31T18:00:00+03:00"
    assert ekzh.check([], "31.10.2024").as_of.isoformat() == "2024-10-31T23:59:59+04:00"
    # What is none of them: the error says what to write.
    for bad in ["27/10/2024", "2024-10-27T12", "завтра", ""]:
        with pytest.raises(ValueError) as caught:
            ekzh.check([], bad, lang="en")
        message = str(caught.value)
        assert message.startswith(f"as_of: `{bad}` is not a date"), message
        assert "31.10.2024" in message and "2024-10-31 18:00" in message, message
        with pytest.raises(ValueError) as caught:
            ekzh.check([], bad)
        assert str(caught.value).startswith(f"as_of: `{bad}` — не дата"), str(caught.value)


def test_a_single_event_dict_and_bytearray() -> None:
    one = BASE.events[2]
    assert ekzh.check(one, BASE.as_of) == ekzh.check([one], BASE.as_of)
    assert ekzh.check(bytearray(BASE.path.read_bytes()), BASE.as_of, policy=BASE.policy) == base_report()
    # Events given as objects have no lines.
    objects = no_lines(base_report().to_dict())
    assert ekzh.check(tuple(BASE.events), BASE.as_of, policy=BASE.policy).to_dict() == objects
    assert ekzh.check(iter(BASE.events), BASE.as_of, policy=BASE.policy).to_dict() == objects


def test_demo_register_if_any() -> None:
    demo = ROOT / "examples" / "demo.ndjson"
    if not demo.exists() or not demo.read_bytes().strip():
        pytest.skip("no demo register yet")
    report = ekzh.check(demo, "2024-10-31T18:00:00+04:00", on_error="skip")
    assert report.summary["input_errors"] == 0


def test_version() -> None:
    assert ekzh.__version__.count(".") == 2


def test_a_path_is_read_in_chunks_as_text_is_read_whole(tmp_path: Any) -> None:
    """A file of many chunks (read as the CLI reads it) gives the report and the errors of
    the same bytes read whole: the same indices and lines."""
    lines = [b"\xef\xbb\xbf"] + [
        json.dumps({"type": "class", "id": f"c{i}", "grade": 1 + i % 11}).encode() for i in range(6000)
    ]
    lines.insert(3000, b"\xef\xbb\xbf  ")
    lines.append(b'{"type":"mark","value":9}')
    data = b"\r\n".join(lines) + b"\r\n"
    assert len(data) > 4 * 65536
    path = tmp_path / "register.ndjson"
    path.write_bytes(data)
    as_of = "31.10.2024"
    assert ekzh.check(path, as_of, on_error="skip") == ekzh.check(data, as_of, on_error="skip")
    errors = []
    for register in [path, data]:
        with pytest.raises(ekzh.InputError) as caught:
            ekzh.check(register, as_of)
        errors.append((caught.value.event, caught.value.line, caught.value.field))
    assert errors == [(6000, 6003, "value")] * 2


SECOND_READING = [
    ("work_graded_late", "next_lesson_recorded_later",
     [("lesson_entered_late", None), ("work_graded_late", "s1"), ("work_graded_late", "s2")]),
    ("final_mark_unjustified", "undated_final_mark", [("final_mark_unjustified", "s2")]),
    ("absent_mark_without_basis", "absence_after_mark", [("absent_mark_without_basis", "s1")]),
    ("student_not_in_lesson", "left_recorded_later", [("student_not_in_lesson", "s1")]),
]


@pytest.mark.parametrize("rule,case,expected", SECOND_READING, ids=[c[1] for c in SECOND_READING])
def test_the_examples_of_the_second_reading(rule: str, case: str, expected: List[Any]) -> None:
    """A mark entered after a next lesson recorded later is late; an undated final mark is
    compared with the marks the register holds (nothing about who may make it or how many
    marks it rests on); an absence entered over a mark, and a mark after a leaving recorded
    later, are told at the audit — checked whole and pushed one by one."""
    fixture = next(f for f in rule_fixtures() if f.name == f"{rule}__{case}")
    found = sorted((f.rule, f.student) for f in ekzh.check(fixture.events, fixture.as_of))
    assert found == sorted(expected, key=lambda x: (x[0], x[1] or ""))
    engine = ekzh.Engine()
    for event in fixture.events:
        engine.push(event)
    assert [(f.rule, f.student) for f in engine.audit(fixture.as_of)] == [
        (f.rule, f.student) for f in ekzh.check(fixture.events, fixture.as_of)
    ]


def test_new_policy_keys_and_parent_notices() -> None:
    fixture = next(f for f in rule_fixtures() if f.name == "parent_not_notified__fires")
    rules = sorted(f.rule for f in ekzh.check(fixture.events, fixture.as_of))
    assert rules == ["parent_not_notified", "parent_not_notified"]
    # Ten days to tell the parents: the failing mark of 25 October is not overdue yet.
    lenient = ekzh.check(fixture.events, fixture.as_of, policy={"parent_notice_within_days": 10})
    assert [f.student for f in lenient] == ["s2"]
    notice = {"type": "parent_notice", "student": "s1", "reason": "неуспеваемость", "date": "2024-10-28",
              "at": "2024-10-28T17:00:00+04:00", "by": "t1"}
    assert [f.student for f in ekzh.check(fixture.events + [notice], fixture.as_of)] == ["s2"]
    with pytest.raises(ekzh.PolicyError) as error:
        ekzh.check(fixture.events, fixture.as_of, policy={"unexcused_absences_for_notice": 0})
    assert error.value.field == "unexcused_absences_for_notice"
