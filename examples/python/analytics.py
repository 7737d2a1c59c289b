"""Findings per teacher and per clause, with pandas: what a deputy director reads first.

    python examples/python/analytics.py [REGISTER ...] [--as-of DATETIME] [--policy FILE]

Each REGISTER is a JSON or NDJSON file, checked at --as-of (default: now). Without one,
it checks the bundled demo register (examples/demo.ndjson) as the CLI does, at the end of
its autumn break (2024-10-31 18:00) unless --as-of says otherwise; were that missing,
every shared rule fixture (tests/fixtures/rules/*/*.json), each at its own `as_of`.

Needs `ekzh` and `pandas` (the example's dependency, not the package's).
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, List, Optional

import pandas as pd

import ekzh

ROOT = Path(__file__).resolve().parents[2]
DEMO_AS_OF = "2024-10-31T18:00:00+04:00"


def check_fixtures() -> List[Dict[str, Any]]:
    """Every shared fixture at its own moment and policy: rows of findings."""
    rows: List[Dict[str, Any]] = []
    for path in sorted((ROOT / "tests" / "fixtures" / "rules").glob("*/*.json")):
        fixture = json.loads(path.read_text(encoding="utf-8"))
        report = ekzh.check(
            path,
            fixture["as_of"],
            policy=fixture.get("policy"),
            on_error="skip" if fixture.get("skip_invalid") else "raise",
        )
        for row in report.to_dicts():
            rows.append({"register": f"{path.parent.name}/{path.name}", **row})
    return rows


def check_files(paths: List[Path], as_of: str, policy: Optional[str]) -> List[Dict[str, Any]]:
    rows: List[Dict[str, Any]] = []
    for path in paths:
        report = ekzh.check(path, as_of, policy=policy)
        rows.extend({"register": path.name, **row} for row in report.to_dicts())
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("registers", nargs="*", type=Path, metavar="REGISTER")
    parser.add_argument("--as-of", default=None, help="RFC 3339 or YYYY-MM-DD")
    parser.add_argument("--policy", default=None, help="a JSON or TOML policy file")
    args = parser.parse_args()

    registers: List[Path] = args.registers
    as_of: Optional[str] = args.as_of
    demo = ROOT / "examples" / "demo.ndjson"
    if not registers and demo.exists() and demo.read_bytes().strip():
        registers = [demo]
        as_of = as_of or DEMO_AS_OF
    if registers:
        rows = check_files(registers, as_of or datetime.now(timezone.utc).isoformat(), args.policy)
    else:
        rows = check_fixtures()

    frame = pd.DataFrame(rows)
    print(f"{len(frame)} findings in {frame['register'].nunique() if len(frame) else 0} register(s)")
    if frame.empty:
        return

    pd.set_option("display.width", 120)
    pd.set_option("display.max_colwidth", 60)

    print("\nPer teacher (— : findings that concern no teacher):")
    by_teacher = pd.crosstab(frame["teacher"].fillna("—"), frame["severity"])
    by_teacher["total"] = by_teacher.sum(axis=1)
    by_teacher = by_teacher.sort_values("total", ascending=False)
    by_teacher.loc["all"] = by_teacher.sum()
    print(by_teacher.to_string())

    print("\nPer clause of the Regulation:")
    by_clause = (
        frame.groupby(["clause", "rule", "severity"])
        .size()
        .rename("findings")
        .reset_index()
        .sort_values(["clause", "findings"], ascending=[True, False])
    )
    print(by_clause.to_string(index=False))


if __name__ == "__main__":
    main()
