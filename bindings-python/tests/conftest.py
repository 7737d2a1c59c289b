"""The shared fixtures of ``tests/fixtures`` and the Rust snapshots of their reports."""

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
        text = (SNAPSHOTS / f"{self.name}.snap").read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        fences = [i for i, line in enumerate(lines) if line.rstrip("\n") == "---"]
        assert len(fences) >= 2, f"{self.name}: no snapshot header"
        return json.loads("".join(lines[fences[1] + 1 :]))  # type: ignore[no-any-return]


def rule_fixtures() -> List[Fixture]:
    out = []
    for path in sorted(FIXTURES.glob("rules/*/*.json")):
        out.append(Fixture(path=path, rule=path.parent.name, case=path.stem))
    assert out, f"no fixtures under {FIXTURES}"
    return out


def without_line(message: str) -> str:
    """An input error's message as a list of dicts gives it: a list has no lines."""
    return re.sub(r"— line \d+, ", "— ", re.sub(r"— line \d+: ", "— ", message))
