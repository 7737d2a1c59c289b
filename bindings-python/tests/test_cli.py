"""The Python face and the CLI agree: the same catalogue, the same JSON report. Needs the
CLI binary in EKZH_CLI (scripts/test-python builds it); skipped without it."""

from __future__ import annotations

import json
import os
import subprocess
from typing import Any, List

import pytest

import ekzh
from conftest import ROOT, Fixture, rule_fixtures

CLI = os.environ.get("EKZH_CLI")
pytestmark = pytest.mark.skipif(not CLI, reason="EKZH_CLI is not set")


def cli(*args: str) -> Any:
    assert CLI is not None
    done = subprocess.run([CLI, *args], capture_output=True, check=False, timeout=60)
    assert done.returncode in (0, 1), done.stderr.decode()
    return json.loads(done.stdout)


def test_rules_are_the_cli_catalogue() -> None:
    assert ekzh.rules() == cli("rules", "--format", "json")


@pytest.mark.parametrize("fixture", rule_fixtures(), ids=lambda f: f.name)
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_report_is_the_cli_report(fixture: Fixture, lang: str, tmp_path: Any) -> None:
    args: List[str] = [
        "check", str(fixture.path), "--as-of", fixture.as_of, "--format", "json", "--lang", lang,
    ]
    if fixture.policy is not None:
        policy = tmp_path / "policy.json"
        policy.write_text(json.dumps(fixture.policy), encoding="utf-8")
        args += ["--policy", str(policy)]
    if fixture.on_error == "skip":
        args.append("--skip-invalid")
    report = ekzh.check(
        fixture.path, fixture.as_of, policy=fixture.policy, lang=lang, on_error=fixture.on_error
    )
    assert report.to_dict() == cli(*args)


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("as_of", ["2024-10-31T18:00:00+04:00", "31.10.2024", "2024-10-31 18:00"])
def test_demo_report_is_the_cli_report(lang: str, as_of: str) -> None:
    demo = ROOT / "examples" / "demo.ndjson"
    if not demo.exists() or not demo.read_bytes().strip():
        pytest.skip("no demo register")
    expected = cli("check", str(demo), "--as-of", as_of, "--format", "json", "--lang", lang)
    assert ekzh.check(demo, as_of, lang=lang).to_dict() == expected
    events = [json.loads(line) for line in demo.read_text(encoding="utf-8").splitlines() if line.strip()]
    # Events given as dicts have no lines.
    no_lines = {**expected, "findings": [{**f, "line": None} for f in expected["findings"]]}
    assert ekzh.check(events, as_of, lang=lang).to_dict() == no_lines
