"""Pseudonyms (SPEC §9): ``pseudonymize=key`` names every child and parent by the keyed
hash of their id, in ``check`` and ``Engine`` alike, and shows no id or name of theirs."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from pathlib import Path
from typing import Any, Dict, List, Set

import pytest

import ekzh
from conftest import ROOT, rule_fixtures

KEY = b"a key of thirty-two random bytes"
DEMO = ROOT / "examples" / "demo.ndjson"
AS_OF = "2024-10-31T18:00:00+04:00"


def pseudonym(key: bytes, id: str) -> str:
    """The pseudonym as SPEC §9 and the docs say: HMAC-SHA-256, its first 80 bits in hex."""
    return hmac.new(key, id.encode(), hashlib.sha256).hexdigest()[:20]


def people(events: List[Dict[str, Any]]) -> Set[str]:
    """The ids and names of the children and parents a register declares (those that are
    also another thing's id or name, shown as theirs, left out)."""
    persons: Set[str] = set()
    others: Set[str] = set()
    for event in events:
        kind = event.get("type")
        for field in ("id", "name"):
            value = event.get(field)
            if isinstance(value, str):
                (persons if kind in ("student", "parent") else others).add(value)
    return persons - others


def unlined(report: ekzh.Report) -> List[Dict[str, Any]]:
    """The report's findings without their lines: events given as a list, one at a time or
    in several files have no lines, or lines of their own file."""
    return [{k: v for k, v in f.items() if k != "line"} for f in report.to_dicts()]


def shows(text: str, person: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(person)}(?![\w-])", text) is not None


def test_children_and_parents_are_named_by_pseudonym() -> None:
    events = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line]
    plain = ekzh.check(DEMO, AS_OF)
    hidden = ekzh.check(DEMO, AS_OF, pseudonymize=KEY)
    assert len(hidden) == len(plain) > 0
    students = {f.student for f in plain if f.student}
    assert students and {f.student for f in hidden if f.student} == {
        pseudonym(KEY, s) for s in students
    }
    text = hidden.to_json() + hidden.to_html() + json.dumps(hidden.summary, ensure_ascii=False)
    for person in people(events):
        assert not shows(text, person), person
    assert hidden.names["students"] == {} and hidden.names["parents"] == {}
    # The same key, the same report, from every way in; a key file reads as its bytes.
    assert ekzh.check(DEMO.read_bytes(), AS_OF, pseudonymize=bytearray(KEY)) == hidden
    assert unlined(ekzh.check(events, AS_OF, pseudonymize=KEY)) == unlined(hidden)


def test_a_key_file_and_the_engine(tmp_path: Path) -> None:
    key = tmp_path / "key"
    key.write_bytes(KEY)
    hidden = ekzh.check(DEMO, AS_OF, pseudonymize=key)
    assert hidden == ekzh.check(DEMO, AS_OF, pseudonymize=KEY)
    engine = ekzh.Engine(pseudonymize=key)
    for line in DEMO.read_text(encoding="utf-8").splitlines():
        if line.strip():
            engine.insert(line)
    assert unlined(engine.audit(AS_OF)) == unlined(hidden)
    with pytest.raises(ekzh.InputError) as raised:
        engine.push({"type": "student", "id": "s-new", "class": "1a", "since": "Иванов Иван"})
    assert raised.value.field == "since" and "Иванов" not in str(raised.value)
    with pytest.raises(ValueError, match="at least 16"):
        ekzh.check(DEMO, AS_OF, pseudonymize=b"short")
    with pytest.raises(TypeError):
        ekzh.check(DEMO, AS_OF, pseudonymize="a key as text")  # type: ignore[arg-type]


@pytest.mark.parametrize("fixture", rule_fixtures(), ids=lambda f: f.name)
def test_every_fixture_hides_its_children(fixture: Any) -> None:
    hidden = ekzh.check(
        fixture.path, fixture.as_of, policy=fixture.policy, on_error=fixture.on_error,
        pseudonymize=KEY,
    )
    plain = ekzh.check(fixture.path, fixture.as_of, policy=fixture.policy, on_error=fixture.on_error)
    assert hidden.summary["by_rule"] == plain.summary["by_rule"]
    text = hidden.to_json()
    for person in people(fixture.events):
        assert not shows(text, person), person


def test_several_files_are_one_register(tmp_path: Path) -> None:
    lines = DEMO.read_text(encoding="utf-8").splitlines(keepends=True)
    half = len(lines) // 2
    first, second = tmp_path / "1.ndjson", tmp_path / "2.ndjson"
    first.write_text("".join(lines[:half]), encoding="utf-8")
    second.write_text("".join(lines[half:]), encoding="utf-8")
    whole = unlined(ekzh.check(DEMO, AS_OF))
    assert unlined(ekzh.check([first, second], AS_OF)) == whole
    for threads in (1, 2):
        assert unlined(ekzh.check([first, second], AS_OF, threads=threads)) == whole
    with pytest.raises(ValueError, match="threads must be 1 or 2"):
        ekzh.check(DEMO, AS_OF, threads=3)
    second.write_text('{"type":"mark","value":9}\n', encoding="utf-8")
    with pytest.raises(ekzh.InputError) as raised:
        ekzh.check((first, second), AS_OF)
    # The line is the file's own; the event, the register's.
    assert str(raised.value).startswith(f"`{second}`: строка 1, поле `value`")
    assert (raised.value.event, raised.value.line) == (half, 1)
