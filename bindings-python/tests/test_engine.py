"""`Engine`: feeding events one by one and auditing at `as_of` gives the report of the
batch check (SPEC §4); a finding told on entry stays in the audit."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Dict, List

import pytest

import ekzh
from conftest import Fixture, no_lines, rule_fixtures

FIXTURES = [f for f in rule_fixtures() if f.on_error == "raise"]


def in_order_made(events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Declarations first, then entries by `at`: how a portal pushes them live."""

    def key(event: Dict[str, Any]) -> Any:
        at = event.get("at")
        return (0, 0.0) if at is None else (1, datetime.fromisoformat(at).timestamp())

    return sorted(events, key=key)


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_push_then_audit_is_check(fixture: Fixture) -> None:
    events = in_order_made(fixture.events)
    engine = ekzh.Engine(fixture.policy)
    told = []
    for event in events:
        told.extend(engine.push(event))
    assert len(engine) == len(events)
    audited = engine.audit(fixture.as_of)
    checked = ekzh.check(events, fixture.as_of, policy=fixture.policy)
    assert audited == checked
    assert audited.to_dicts() == checked.to_dicts()
    assert audited.summary == checked.summary
    # Told on entry, never withdrawn.
    for finding in told:
        assert finding in audited.findings


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_insert_then_audit_is_check(fixture: Fixture) -> None:
    engine = ekzh.Engine(policy=fixture.policy)
    for event in fixture.events:
        engine.insert(json.dumps(event, ensure_ascii=False))
    checked = ekzh.check(fixture.path, fixture.as_of, policy=fixture.policy)
    # Events inserted one by one have no lines.
    assert engine.audit(fixture.as_of).to_dict() == no_lines(checked.to_dict())


def test_push_accepts_json_text_and_bytes() -> None:
    fixture = next(f for f in FIXTURES if f.name == "grade1_mark__fires")
    by_dict, by_text = ekzh.Engine(fixture.policy), ekzh.Engine(fixture.policy)
    for event in fixture.events:
        a = by_dict.push(event)
        b = by_text.push(json.dumps(event).encode())
        assert a == b
    assert by_dict.audit(fixture.as_of) == by_text.audit(fixture.as_of)


def test_a_bad_push_raises_and_stores_nothing() -> None:
    fixture = next(f for f in FIXTURES if f.name == "grade1_mark__fires")
    engine = ekzh.Engine(fixture.policy, lang="en")
    for event in fixture.events[:3]:
        engine.push(event)
    with pytest.raises(ekzh.InputError) as caught:
        engine.push({"type": "class", "id": "1a", "grade": 7})
    # Declared again differently: the event it would have been, and the field.
    assert caught.value.event == 3
    assert caught.value.field == "grade"
    assert caught.value.line is None
    with pytest.raises(ekzh.InputError) as caught:
        engine.push({"type": "mark", "lesson": "l1", "student": "s1", "value": 7})
    assert (caught.value.event, caught.value.field) == (3, "value")
    assert len(engine) == 3
    for event in fixture.events[3:]:
        engine.push(event)
    assert engine.audit(fixture.as_of).to_dicts() == ekzh.check(
        fixture.events, fixture.as_of, policy=fixture.policy, lang="en"
    ).to_dicts()
    assert f"{len(fixture.events)} events" in repr(engine)
