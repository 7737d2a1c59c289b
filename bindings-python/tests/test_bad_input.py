"""SPEC §6: bad input raises `ekzh.InputError` naming the event (and the line for text)
and the field; never a crash of the interpreter. `on_error="skip"` checks the rest and
lists each bad event as an `input_error` finding."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from typing import Any, Dict, List, Optional

import pytest

import ekzh
from conftest import rule_fixtures

AS_OF = "2024-10-27T12:00:00+04:00"
BASE = next(f for f in rule_fixtures() if f.name == "grade1_mark__fires")

CLASS = {"type": "class", "id": "5a", "grade": 5, "name": "5А"}
MARK = {"type": "mark", "lesson": "l1", "student": "s1", "value": 5}


def ndjson(*lines: Any) -> bytes:
    out = []
    for line in lines:
        out.append(line if isinstance(line, bytes) else json.dumps(line, ensure_ascii=False).encode())
    return b"\n".join(out) + b"\n"


def nested(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


# (name, register, event, line, field): every way a register can be bad.
TEXT_CASES = [
    ("broken JSON", b'[{"type": "class", "id": "5a", "grade": 5},\n {"type": "class", "id": 5b}]', 1, 2, None),
    ("truncated array", b'[{"type": "class", "id": "5a", "grade": 5},\n {"type": "class", "id": "5b", "gr', 1, 2, None),
    ("truncated NDJSON line", ndjson(CLASS, b'{"type": "class", "id": "5b", "gr'), 1, 2, None),
    ("non-UTF-8 bytes", ndjson(CLASS, b'{"type": "class", "id": "5\xff", "grade": 5}'), 1, 2, None),
    ("non-UTF-8 in an array", b'[{"type": "class", "id": "5a", "grade": 5},\n{"type": "class", "id": "\xc3\x28"}]', 1, 2, None),
    ("100 000 nested brackets", b"[" * 100_000, 0, 1, None),
    ("100 000 nested brackets in a line", ndjson(CLASS, b'{"type": "mark", "x": ' + b"[" * 100_000), 1, 2, "x"),
    ("1e40", ndjson(CLASS, {**MARK, "value": 1e40}), 1, 2, "value"),
    ("a mark of 7", ndjson(CLASS, {**MARK, "value": 7}), 1, 2, "value"),
    ("an unknown type", ndjson(CLASS, {"type": "lesson_note", "id": "x"}), 1, 2, "type"),
    ("a missing type", ndjson(CLASS, {"id": "x"}), 1, 2, "type"),
    ("a date like 2024-13-45", ndjson(CLASS, {"type": "sanatorium", "student": "s1", "from": "2024-13-45", "to": "2024-10-01"}), 1, 2, "from"),
    ("a grade as text", ndjson({**CLASS, "grade": "five"}), 0, 1, "grade"),
    ("a list where an id goes", ndjson(CLASS, {"type": "homework", "lesson": "l1", "text": "x", "students": ["s1", {}]}), 1, 2, "students[1]"),
    ("a boolean mark", ndjson(CLASS, {**MARK, "value": True}), 1, 2, "value"),
    ("an event that is not an object", ndjson(CLASS, [1, 2]), 1, 2, None),
    ("a bad line in the middle of NDJSON", ndjson(CLASS, CLASS, {**MARK, "value": 0}, CLASS), 2, 3, "value"),
]


def expect_input_error(
    register: Any, event: Optional[int], line: Optional[int], field: Optional[str]
) -> ekzh.InputError:
    with pytest.raises(ekzh.InputError) as caught:
        ekzh.check(register, AS_OF)
    error = caught.value
    assert isinstance(error, ValueError)
    assert (error.event, error.line, error.field) == (event, line, field), str(error)
    assert error.message and error.message in str(error)
    if event is not None:
        assert f"event {event}" in str(error)
    if field is not None:
        assert f"`{field}`" in str(error)
    return error


@pytest.mark.parametrize("name,register,event,line,field", TEXT_CASES, ids=[c[0] for c in TEXT_CASES])
def test_bad_text_raises_input_error(
    name: str, register: bytes, event: Optional[int], line: Optional[int], field: Optional[str]
) -> None:
    expect_input_error(register, event, line, field)
    if b"\xff" not in register and b"\xc3\x28" not in register:
        expect_input_error(register.decode(), event, line, field)
    # The interpreter is still there and checks the next register.
    assert ekzh.check(BASE.path, BASE.as_of, policy=BASE.policy).to_dict() == BASE.snapshot()


DICT_CASES: List[Any] = [
    ("1e40", [CLASS, {**MARK, "value": 1e40}], 1, "value"),
    ("10**40", [CLASS, {**MARK, "value": 10**40}], 1, "value"),
    ("a mark of 7", [CLASS, {**MARK, "value": 7}], 1, "value"),
    ("an unknown type", [CLASS, {"type": "lesson_note"}], 1, "type"),
    ("a date like 2024-13-45", [{"type": "sanatorium", "student": "s1", "from": "2024-13-45", "to": "2024-10-01"}], 0, "from"),
    ("a date as a number", [{"type": "sanatorium", "student": "s1", "from": 20240901, "to": "2024-10-01"}], 0, "from"),
    ("a grade as text", [{**CLASS, "grade": "five"}], 0, "grade"),
    ("a float grade", [{**CLASS, "grade": 5.5}], 0, "grade"),
    ("a list where an id goes", [{"type": "homework", "lesson": "l1", "text": "x", "students": ["s1", {}]}], 0, "students[1]"),
    ("a text where a list goes", [{"type": "staff", "id": "t1", "roles": "teacher"}], 0, "roles"),
    ("a boolean mark", [CLASS, {**MARK, "value": True}], 1, "value"),
    ("None for a type", [{"type": None}], 0, "type"),
    ("not a dict", [CLASS, 42], 1, None),
    ("a key that is not text", [CLASS, {(1, 2): "x", "type": "class"}], 1, None),
    ("an integer key is its text", [CLASS, {1: "x", "type": "class"}], 1, "id"),
    ("100 000 nested lists", [CLASS, {**MARK, "value": nested(100_000)}], 1, "value"),
    ("100 000 nested lists where an id goes", [{"type": "parent", "id": "p", "children": nested(100_000)}], 0, "children[0]"),
    ("broken JSON text as an item", [CLASS, '{"type": "class", "id": '], 1, "id"),
    ("non-UTF-8 bytes as an item", [CLASS, b'{"type": "class", "id": "\xff"}'], 1, None),
]


@pytest.mark.parametrize("name,events,event,field", DICT_CASES, ids=[c[0] for c in DICT_CASES])
def test_bad_dicts_raise_input_error(
    name: str, events: List[Any], event: int, field: Optional[str]
) -> None:
    error = expect_input_error(events, event, None, field)
    # The same through the engine: the event it would have been.
    engine = ekzh.Engine()
    for good in events[:event]:
        engine.push(good)
    with pytest.raises(ekzh.InputError) as caught:
        engine.push(events[event])
    assert (caught.value.event, caught.value.field) == (error.event, error.field)
    assert ekzh.check(BASE.events, BASE.as_of, policy=BASE.policy).to_dict() == BASE.snapshot()


def test_unknown_fields_are_ignored_however_deep() -> None:
    events: List[Dict[str, Any]] = [dict(e) for e in BASE.events]
    events[2]["extra"] = nested(100_000)
    report = ekzh.check(events, BASE.as_of, policy=BASE.policy)
    assert report.to_dicts() == BASE.snapshot()["findings"]


def test_a_nasty_register_in_a_fresh_interpreter() -> None:
    """Whatever the input, the process ends normally: no abort, no stack overflow."""
    code = (
        "import ekzh\n"
        "for bad in [b'[' * 1_000_000, b'{' * 1_000_000, b'\\xff' * 1000, b'\"' * 1000, b'1e999999']:\n"
        "    try:\n"
        "        ekzh.check(bad, '2024-10-27T12:00:00+04:00')\n"
        "    except ekzh.InputError as e:\n"
        "        print('input error', e.event, e.line)\n"
        "print('alive')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("alive")


def test_skip_lists_each_bad_event_and_loses_nothing_else() -> None:
    good = BASE.events
    bad: List[Any] = [
        b'{"type": "class", "id": ',
        json.dumps({**MARK, "value": 7}).encode(),
        json.dumps({"type": "lesson_note"}).encode(),
        b'{"type": "class", "id": "\xff", "grade": 5}',
    ]
    # Bad lines between the good ones (not first: a broken first line that does not close
    # itself reads as one JSON object spread over lines).
    lines: List[bytes] = []
    where: List[int] = []
    index_of_good: List[int] = []
    for i, event in enumerate(good):
        if i % 2 == 1 and len(where) < len(bad):
            where.append(len(lines))
            lines.append(bad[len(where) - 1])
        index_of_good.append(len(lines))
        lines.append(json.dumps(event, ensure_ascii=False).encode())
    register = b"\n".join(lines) + b"\n"

    with pytest.raises(ekzh.InputError):
        ekzh.check(register, BASE.as_of, policy=BASE.policy)
    report = ekzh.check(register, BASE.as_of, policy=BASE.policy, on_error="skip")

    errors = [f for f in report if f.rule == "input_error"]
    assert sorted(f.event for f in errors if f.event is not None) == where
    assert all(f"line {f.event + 1}" in f.message for f in errors if f.event is not None)
    assert report.summary["input_errors"] == len(bad)
    assert report.summary["events"] == len(good) + len(bad)

    clean = ekzh.check(good, BASE.as_of, policy=BASE.policy)
    rest = [f.to_dict() for f in report if f.rule != "input_error"]
    expected = []
    for finding in clean.to_dicts():
        finding["event"] = index_of_good[finding["event"]] if finding["event"] is not None else None
        expected.append(finding)
    assert rest == expected

    # The same from a list of dicts (bad items as they would come from a portal).
    items: List[Any] = []
    for line in lines:
        try:
            items.append(json.loads(line))
        except (ValueError, UnicodeDecodeError):
            items.append(line)
    from_dicts = ekzh.check(items, BASE.as_of, policy=BASE.policy, on_error="skip")
    assert sorted(f.event for f in from_dicts if f.rule == "input_error" if f.event is not None) == where
    assert [f.to_dict() for f in from_dicts if f.rule != "input_error"] == expected


def test_input_error_pickles_and_reads_well() -> None:
    with pytest.raises(ekzh.InputError) as caught:
        ekzh.check(ndjson(CLASS, {**MARK, "value": 7}), AS_OF)
    error = caught.value
    again = pickle.loads(pickle.dumps(error))
    assert (again.event, again.line, again.field, again.message, str(again)) == (
        error.event,
        error.line,
        error.field,
        error.message,
        str(error),
    )
    assert str(error) == "event 1 (line 2), field `value`: a mark must be from 1 to 5, got `7`"
    assert "event=1" in repr(error) and "field='value'" in repr(error)


BAD_POLICIES = [
    ({"long_absence": 5}, "long_absence"),
    ({"min_marks_for_final": {"month": 4}}, "min_marks_for_final.month"),
    ({"long_absence_lessons": "three"}, "long_absence_lessons"),
    ({"long_absence_lessons": 0}, "long_absence_lessons"),
    ({"no_marks_grades": [0]}, "no_marks_grades"),
    ({"utc_offset": "Samara"}, "utc_offset"),
    ({"final_mark_tolerance": -1}, "final_mark_tolerance"),
]


@pytest.mark.parametrize("policy,key", BAD_POLICIES, ids=[k for _, k in BAD_POLICIES])
def test_a_bad_policy_names_the_key(policy: Dict[str, Any], key: str, tmp_path: Any) -> None:
    for given in [policy, write(tmp_path / "p.json", json.dumps(policy))]:
        with pytest.raises(ValueError) as caught:
            ekzh.check([], AS_OF, policy=given)
        assert isinstance(caught.value, ekzh.PolicyError)
        assert caught.value.field == key
        assert f"`{key}`" in str(caught.value)
        with pytest.raises(ekzh.PolicyError):
            ekzh.Engine(given)


def write(path: Any, text: str) -> Any:
    path.write_text(text, encoding="utf-8")
    return path


def test_toml_policy_and_its_errors(tmp_path: Any) -> None:
    good = write(tmp_path / "policy.toml", "homework_deadline_after_last_lesson = 90\n")
    assert ekzh.check([], AS_OF, policy=good).summary["findings"] == 0
    bad = write(tmp_path / "bad.toml", "[min_marks_for_final]\nmonth = 4\n")
    with pytest.raises(ekzh.PolicyError) as caught:
        ekzh.check([], AS_OF, policy=bad)
    assert caught.value.field == "min_marks_for_final.month"
    broken = write(tmp_path / "broken.toml", "homework = [\n")
    with pytest.raises(ekzh.PolicyError):
        ekzh.check([], AS_OF, policy=str(broken))
    with pytest.raises(FileNotFoundError):
        ekzh.check([], AS_OF, policy=tmp_path / "missing.toml")


def test_bad_arguments() -> None:
    with pytest.raises(TypeError):
        ekzh.check(42, AS_OF)
    with pytest.raises(TypeError):
        ekzh.check([], 42)
    with pytest.raises(TypeError):
        ekzh.check([], AS_OF, policy=42)
    with pytest.raises(ValueError):
        ekzh.check([], "yesterday")
    with pytest.raises(ValueError):
        ekzh.check([], AS_OF, lang="de")
    with pytest.raises(ValueError):
        ekzh.check([], AS_OF, on_error="ignore")
    with pytest.raises(FileNotFoundError):
        from pathlib import Path

        ekzh.check(Path("/nonexistent/register.ndjson"), AS_OF)
    # A lone surrogate cannot be UTF-8.
    with pytest.raises(ekzh.InputError):
        ekzh.check('{"type": "class", "id": "\ud800", "grade": 5}', AS_OF)
    # An iterable that fails while it is read: its own exception comes through.
    def failing() -> Any:
        yield CLASS
        raise RuntimeError("portal went away")

    with pytest.raises(RuntimeError, match="portal went away"):
        ekzh.check(failing(), AS_OF)
