"""Every shared fixture checked from Python gives exactly the report of its Rust snapshot
(tests/snapshots/<rule>__<case>.snap), whichever way the register is handed over."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Dict, List

import pytest

import ekzh
from conftest import Fixture, placed, rule_fixtures

FIXTURES = rule_fixtures()
FORMS = ["path", "bytes", "str", "ndjson", "dicts", "events-dict"]


def handed_over(fixture: Fixture, form: str) -> Any:
    if form == "path":
        return fixture.path
    if form == "bytes":
        return fixture.path.read_bytes()
    if form == "str":
        return fixture.path.read_text(encoding="utf-8")
    if form == "ndjson":
        lines = [json.dumps(event, ensure_ascii=False) for event in fixture.events]
        return ("\n".join(lines) + "\n").encode()
    if form == "dicts":
        return fixture.events
    if form == "events-dict":
        return {"events": fixture.events}
    raise AssertionError(form)


def expected_findings(fixture: Fixture, form: str) -> List[Dict[str, Any]]:
    findings: List[Dict[str, Any]] = fixture.snapshot()["findings"]
    if form not in ("dicts", "events-dict", "ndjson"):
        return findings
    for finding in findings:
        # A list of dicts has no lines; NDJSON has one event a line: line = event + 1.
        event = finding["event"]
        line = event + 1 if form == "ndjson" and event is not None else None
        finding["line"] = line
        if finding["rule"] == "input_error":
            finding["message"] = placed(finding["message"], line, event)
    return findings


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_fixture_matches_the_rust_snapshot(fixture: Fixture, form: str) -> None:
    snapshot = fixture.snapshot()
    report = ekzh.check(
        handed_over(fixture, form),
        fixture.as_of,
        policy=fixture.policy,
        on_error=fixture.on_error,
    )
    assert report.as_of.isoformat() == snapshot["as_of"]
    assert report.to_dicts() == expected_findings(fixture, form)
    assert report.summary == snapshot["summary"]
    assert len(report) == len(snapshot["findings"])


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_whole_report_is_the_cli_json(fixture: Fixture) -> None:
    report = ekzh.check(
        fixture.path, fixture.as_of, policy=fixture.policy, on_error=fixture.on_error
    )
    assert report.to_dict() == fixture.snapshot()
    assert json.loads(report.to_json()) == fixture.snapshot()
    assert json.loads(report.to_json(pretty=True)) == fixture.snapshot()


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_finding_attributes_are_the_report_fields(fixture: Fixture) -> None:
    report = ekzh.check(
        fixture.path, fixture.as_of, policy=fixture.policy, on_error=fixture.on_error
    )
    for finding, expected in zip(report.findings, report.to_dicts()):
        for field, value in expected.items():
            assert getattr(finding, field) == value, field
        assert finding.class_ == expected["class"]
        assert finding.to_dict() == expected


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_english_messages_change_only_the_message(fixture: Fixture) -> None:
    ru = ekzh.check(fixture.path, fixture.as_of, policy=fixture.policy, on_error=fixture.on_error)
    en = ekzh.check(
        fixture.path,
        fixture.as_of,
        policy=fixture.policy,
        lang="en",
        on_error=fixture.on_error,
    )
    assert en.lang == "en" and ru.lang == "ru"
    for a, b in zip(ru.to_dicts(), en.to_dicts()):
        assert a["message"] != b["message"]
        a.pop("message")
        b.pop("message")
        assert a == b
    assert ru.summary == en.summary


@pytest.mark.parametrize(
    "fixture", [f for f in FIXTURES if f.policy is not None], ids=lambda f: f.name
)
def test_policy_from_a_file(fixture: Fixture, tmp_path: Any) -> None:
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(fixture.policy), encoding="utf-8")
    from_file = ekzh.check(fixture.path, fixture.as_of, policy=path, on_error=fixture.on_error)
    from_str = ekzh.check(
        fixture.path, fixture.as_of, policy=str(path), on_error=fixture.on_error
    )
    assert from_file.to_dict() == fixture.snapshot()
    assert from_str.to_dict() == fixture.snapshot()


def test_every_fixture_rule_is_in_the_catalogue() -> None:
    ids = {rule["id"] for rule in ekzh.rules()}
    for fixture in FIXTURES:
        assert fixture.rule in ids


def test_as_of_in_other_forms() -> None:
    fixture = next(f for f in FIXTURES if f.case == "fires" and f.rule == "grade1_mark")
    expected = ekzh.check(fixture.path, fixture.as_of, policy=fixture.policy)
    aware = datetime.fromisoformat(fixture.as_of)
    assert ekzh.check(fixture.path, aware, policy=fixture.policy) == expected
    # A naive datetime is school time: the policy's utc_offset (+04:00 by default).
    naive = aware.replace(tzinfo=None)
    assert aware.utcoffset() is not None and aware.utcoffset().total_seconds() == 4 * 3600  # type: ignore[union-attr]
    assert ekzh.check(fixture.path, naive, policy=fixture.policy) == expected
