"""The shared fixtures of ``tests/fixtures``, the bad-input corpus of ``tests/bad``, and the
Rust snapshots of their reports."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SNAPSHOTS = ROOT / "tests" / "snapshots"


@dataclass
class Fixture:
    path: Path
    rule: str
    case: str

    @property
    def name(self) -> str:
        return f"{self.rule}__{self.case}"

    @property
    def data(self) -> Dict[str, Any]:
        return json.loads(self.path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]

    @property
    def events(self) -> List[Dict[str, Any]]:
        return self.data["events"]  # type: ignore[no-any-return]

    @property
    def as_of(self) -> str:
        return self.data["as_of"]  # type: ignore[no-any-return]

    @property
    def policy(self) -> Optional[Dict[str, Any]]:
        return self.data.get("policy")

    @property
    def on_error(self) -> str:
        return "skip" if self.data.get("skip_invalid") else "raise"

    def snapshot(self) -> Dict[str, Any]:
        """The report of the Rust snapshot test: the JSON after the snapshot's header."""
        return snapshot(self.name)


def no_lines(report: Dict[str, Any]) -> Dict[str, Any]:
    """A report as events given as objects (dicts, one by one) give it: findings name no
    line, as only a text has lines."""
    return {**report, "findings": [{**f, "line": None} for f in report["findings"]]}


def snapshot(name: str) -> Dict[str, Any]:
    """A report the Rust tests keep in ``tests/snapshots/NAME.snap``: the JSON after the
    snapshot's header."""
    text = (SNAPSHOTS / f"{name}.snap").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    fences = [i for i, line in enumerate(lines) if line.rstrip("\n") == "---"]
    assert len(fences) >= 2, f"{name}: no snapshot header"
    return json.loads("".join(lines[fences[1] + 1 :]))  # type: ignore[no-any-return]


def rule_fixtures() -> List[Fixture]:
    out = []
    for path in sorted(FIXTURES.glob("rules/*/*.json")):
        out.append(Fixture(path=path, rule=path.parent.name, case=path.stem))
    assert out, f"no fixtures under {FIXTURES}"
    return out


def placed(message: str, line: Optional[int], event: int) -> str:
    """An input error's message with the event placed anew: by its line, else (a list of
    dicts has no lines) by its number from 1."""
    place = f"строка {line}" if line is not None else f"событие {event + 1}"
    return re.sub(r"— строка \d+", f"— {place}", message, count=1)


BAD = ROOT / "tests" / "bad"


@dataclass
class BadRegister:
    """A register of the bad-input corpus and what its manifest expects of it."""

    file: str
    covers: str
    error: Dict[str, Any]
    skipped: List[Dict[str, Any]]
    events: int

    @property
    def path(self) -> Path:
        return BAD / self.file

    @property
    def snapshot_name(self) -> str:
        """``bad__STEM_EXT``: the snapshot of its report with bad events skipped."""
        return "bad__" + self.file.replace(".", "_")


def bad_manifest() -> Dict[str, Any]:
    """``tests/bad/expected.json``."""
    return json.loads((BAD / "expected.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def bad_registers() -> List[BadRegister]:
    return [BadRegister(**case) for case in bad_manifest()["registers"]]
