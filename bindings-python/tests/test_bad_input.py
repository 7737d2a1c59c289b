"""SPEC §6: bad input raises `ekzh.InputError` naming the event (and the line for text)
and the field; never a crash of the interpreter. `on_error="skip"` checks the rest and
lists each bad event as an `input_error` finding.

The registers are the corpus of ``tests/bad``, whose manifest says what each must give in
every face; the cases further down are what only Python can pass: values that are not
JSON, and dicts."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

import ekzh
from conftest import (
    BAD,
    BadRegister,
    bad_manifest,
    bad_registers,
    no_lines,
    rule_fixtures,
    snapshot,
)

AS_OF: str = bad_manifest()["as_of"]
BASE = next(f for f in rule_fixtures() if f.name == "grade1_mark__fires")
REGISTERS = bad_registers()
NDJSON = [case for case in REGISTERS if case.file.endswith(".ndjson")]

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


def expect_input_error(
    register: Any, event: Optional[int], line: Optional[int], field: Optional[str]
) -> ekzh.InputError:
    with pytest.raises(ekzh.InputError) as caught:
        ekzh.check(register, AS_OF, lang="en")
    error = caught.value
    assert isinstance(error, ValueError)
    assert (error.event, error.line, error.field) == (event, line, field), str(error)
    assert error.message and error.message in str(error)
    # Where the event is, as people count: its line, else its number from 1.
    if line is not None:
        assert f"line {line}" in str(error)
    elif event is not None:
        assert f"event {event + 1}" in str(error)
    if field is not None:
        assert f"field `{field}`" in str(error)
    # In Russian, by default: the same place and field.
    with pytest.raises(ekzh.InputError) as caught:
        ekzh.check(register, AS_OF)
    russian = caught.value
    assert (russian.event, russian.line, russian.field) == (event, line, field)
    if line is not None:
        assert f"строка {line}" in str(russian)
    elif event is not None:
        assert f"событие {event + 1}" in str(russian)
    if field is not None:
        assert f"поле `{field}`" in str(russian)
    return error


def still_alive() -> None:
    """The interpreter is still there and checks the next register."""
    assert ekzh.check(BASE.path, BASE.as_of, policy=BASE.policy).to_dict() == BASE.snapshot()


def ways_to_give(case: BadRegister) -> List[Any]:
    """The register as bytes, as a path, and as text when it is UTF-8."""
    data = case.path.read_bytes()
    out: List[Any] = [data, case.path]
    try:
        out.append(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return out


@pytest.mark.parametrize("case", REGISTERS, ids=[c.file for c in REGISTERS])
def test_a_bad_register_raises_input_error(case: BadRegister) -> None:
    expected = case.error
    for register in ways_to_give(case):
        error = expect_input_error(register, expected["event"], expected["line"], expected["field"])
        assert expected["message"] in error.message
    still_alive()


def input_errors(report: ekzh.Report) -> List[ekzh.Finding]:
    return [f for f in report if f.rule == "input_error"]


@pytest.mark.parametrize("case", REGISTERS, ids=[c.file for c in REGISTERS])
def test_skipping_lists_exactly_the_bad_events(case: BadRegister) -> None:
    for register in ways_to_give(case):
        report = ekzh.check(register, AS_OF, on_error="skip")
        # The report of the Rust suite: the rest checked as the core checks it.
        assert report.to_dict() == snapshot(case.snapshot_name)
    errors = input_errors(report)
    assert [f.event for f in errors] == [s["event"] for s in case.skipped]
    for finding, skipped in zip(errors, case.skipped):
        if skipped["line"] is not None:
            assert f"строка {skipped['line']}" in finding.message
            assert finding.line == skipped["line"]
        if skipped["field"] is not None:
            assert f"поле `{skipped['field']}`" in finding.message
    assert report.summary["input_errors"] == len(case.skipped)
    assert report.summary["events"] == case.events


def no_key_twice(pairs: List[Tuple[str, Any]]) -> Dict[str, Any]:
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("a key given twice")
    return dict(pairs)


def items_of(data: bytes) -> List[Any]:
    """An NDJSON register as a portal's list: each line as a dict where Python's `json`
    reads it as JSON does (no key given twice, not too deep), else the line itself."""
    items: List[Any] = []
    for line in data.split(b"\n"):
        line = line.strip()
        if not line or line == b"\xef\xbb\xbf":
            continue
        try:
            items.append(json.loads(line, object_pairs_hook=no_key_twice))
        except (ValueError, RecursionError):
            items.append(line)
    return items


@pytest.mark.parametrize("case", NDJSON, ids=[c.file for c in NDJSON])
def test_an_ndjson_register_as_a_list_of_items(case: BadRegister) -> None:
    """The same events from a list (dicts, and the lines no dict can hold): the same
    errors without lines, and with bad events skipped the same report but for the lines
    in the input errors' messages."""
    items = items_of(case.path.read_bytes())
    expected = case.error
    expect_input_error(items, expected["event"], None, expected["field"])
    report = ekzh.check(items, AS_OF, on_error="skip")
    assert [f.event for f in input_errors(report)] == [s["event"] for s in case.skipped]
    # Items of a list have no lines.
    rest = [f.to_dict() for f in report if f.rule != "input_error"]
    assert all(f["line"] is None for f in rest)
    snap = snapshot(case.snapshot_name)
    assert rest == [
        {**f, "line": None} for f in snap["findings"] if f["rule"] != "input_error"
    ]
    assert report.summary == snap["summary"]
    still_alive()


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
    assert ekzh.check(BASE.events, BASE.as_of, policy=BASE.policy).to_dict() == no_lines(
        BASE.snapshot()
    )


def test_unknown_fields_are_ignored_however_deep() -> None:
    events: List[Dict[str, Any]] = [dict(e) for e in BASE.events]
    events[2]["extra"] = nested(100_000)
    report = ekzh.check(events, BASE.as_of, policy=BASE.policy)
    assert report.to_dicts() == no_lines(BASE.snapshot())["findings"]


def test_every_bad_register_in_a_fresh_interpreter() -> None:
    """Whatever the input, the process ends normally: no abort, no stack overflow. Every
    register of the corpus, failing and skipping, from one thread and from eight at once,
    and some worse ones, in a new interpreter (a crash here would take pytest down)."""
    code = (
        "import sys, pathlib, ekzh\n"
        "from concurrent.futures import ThreadPoolExecutor\n"
        "files = sorted(p for p in pathlib.Path(sys.argv[1]).iterdir() if p.suffix in ('.json', '.ndjson') and p.name != 'expected.json')\n"
        "worse = [b'[' * 1_000_000, b'{' * 1_000_000, b'{\"events\":' * 100_000, b'\\xff' * 1000, b'\"' * 1000, b'1e999999']\n"
        "def run(register):\n"
        "    out = []\n"
        "    for on_error in ('raise', 'skip'):\n"
        "        try:\n"
        "            out.append(ekzh.check(register, sys.argv[2], on_error=on_error).summary['input_errors'])\n"
        "        except ekzh.InputError as e:\n"
        "            out.append((e.event, e.line, e.field))\n"
        "    return out\n"
        "alone = [run(r) for r in files + worse]\n"
        "with ThreadPoolExecutor(max_workers=8) as pool:\n"
        "    assert list(pool.map(run, (files + worse) * 2)) == alone * 2\n"
        "print(len(files), 'files; alive')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(BAD), AS_OF], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{len(REGISTERS)} files; alive"


def test_input_error_pickles_and_reads_well() -> None:
    with pytest.raises(ekzh.InputError) as caught:
        ekzh.check(ndjson(CLASS, {**MARK, "value": 7}), AS_OF, lang="en")
    error = caught.value
    again = pickle.loads(pickle.dumps(error))
    assert (again.event, again.line, again.field, again.message, str(again)) == (
        error.event,
        error.line,
        error.field,
        error.message,
        str(error),
    )
    assert str(error) == "line 2, field `value`: a mark must be from 1 to 5, got `7`"
    with pytest.raises(ekzh.InputError) as caught:
        ekzh.check(ndjson(CLASS, {**MARK, "value": 7}), AS_OF)
    assert str(caught.value) == "строка 2, поле `value`: отметка: ожидается от 1 до 5, а не `7`"
    assert caught.value.message == "отметка: ожидается от 1 до 5, а не `7`"
    assert "event=1" in repr(error) and "field='value'" in repr(error)


POLICIES: List[Dict[str, Any]] = bad_manifest()["policies"]


@pytest.mark.parametrize("case", POLICIES, ids=[p["file"] for p in POLICIES])
def test_a_bad_policy_names_the_key(case: Dict[str, Any]) -> None:
    path = BAD / case["file"]
    given: List[Any] = [path, str(path)]
    if path.suffix == ".json":
        given.append(json.loads(path.read_text(encoding="utf-8")))
    for policy in given:
        with pytest.raises(ValueError) as caught:
            ekzh.check([], AS_OF, policy=policy)
        assert isinstance(caught.value, ekzh.PolicyError)
        assert caught.value.field == case["field"]
        if case["field"] is not None:
            assert f"`{case['field']}`" in str(caught.value)
        with pytest.raises(ekzh.PolicyError):
            ekzh.Engine(policy)


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
