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
from typing import Any, Dict, List, Optional, Tuple

import pandas as pd

import ekzh

ROOT = Path(__file__).resolve().parents[2]
DEMO_AS_OF = "2024-10-31T18:00:00+04:00"


Rows = List[Dict[str, Any]]


def rows_of(report: "ekzh.Report", register: str) -> Rows:
    """A report's findings as rows, each teacher by name (the register's own, else the id)."""
    staff = report.names["staff"]
    return [
        {
            "register": register,
            **row,
            "teacher": staff.get(row["teacher"], row["teacher"]) if row["teacher"] else None,
        }
        for row in report.to_dicts()
    ]


def check_fixtures() -> Tuple[Rows, int]:
    """Every shared fixture at its own moment and policy: rows of findings, and how many
    registers were checked."""
    rows: Rows = []
    paths = sorted((ROOT / "tests" / "fixtures" / "rules").glob("*/*.json"))
    for path in paths:
        fixture = json.loads(path.read_text(encoding="utf-8"))
        report = ekzh.check(
            path,
            fixture["as_of"],
            policy=fixture.get("policy"),
            on_error="skip" if fixture.get("skip_invalid") else "raise",
        )
        rows.extend(rows_of(report, f"{path.parent.name}/{path.name}"))
    return rows, len(paths)


def check_files(paths: List[Path], as_of: str, policy: Optional[str]) -> Tuple[Rows, int]:
    rows: Rows = []
    for path in paths:
        rows.extend(rows_of(ekzh.check(path, as_of, policy=policy), path.name))
    return rows, len(paths)


def counted(n: int, one: str, many: str) -> str:
    """`1 finding`, `2 findings`."""
    return f"{n} {one if n == 1 else many}"


def clause_order(clause: Optional[str]) -> Tuple[int, ...]:
    """A clause as numbers, so that 2.6 comes before 2.10: its first number (`3.1–3.3`,
    `2.10, 5.3`: `3.1`, `2.10`); no clause last."""
    if not clause:
        return (10**6,)
    first = clause.replace("–", ",").split(",")[0].strip()
    return tuple(int(part) for part in first.split(".") if part.isdigit())


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
        now = datetime.now(timezone.utc).isoformat()
        rows, checked = check_files(registers, as_of or now, args.policy)
    else:
        rows, checked = check_fixtures()

    frame = pd.DataFrame(rows)
    print(
        f"{counted(len(frame), 'finding', 'findings')} in "
        f"{counted(checked, 'register', 'registers')}"
    )
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

    print("\nPer clause of the Regulation (— : no clause states it):")
    frame["clause"] = frame["clause"].fillna("—")
    by_clause = (
        frame.groupby(["clause", "rule", "severity"])
        .size()
        .rename("findings")
        .reset_index()
    )
    by_clause["order"] = by_clause["clause"].map(lambda c: clause_order(None if c == "—" else c))
    by_clause = by_clause.sort_values(["order", "findings"], ascending=[True, False])
    print(by_clause.drop(columns="order").to_string(index=False))


if __name__ == "__main__":
    main()
