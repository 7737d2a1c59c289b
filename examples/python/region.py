"""A region's registers checked on a Dask cluster: every finding to Parquet, a row per
school to CSV — what a ministry's analyst keeps.

    python examples/python/region.py REGION --as-of DATETIME [--out DIR]
        [--scheduler ADDRESS] [--pseudonymize-key FILE] [--policy FILE]

REGION is a folder of schools as `ekzh check REGION` takes it (a register file or a
sub-folder each), such as `ekzh gen --region 12 --out REGION` writes. Without
--scheduler, a cluster of this machine's cores is started; with it (`tcp://host:8786`),
the schools are checked on that cluster's workers, which must see REGION at the same path.
With --pseudonymize-key, children and parents are named by keyed pseudonyms. Writes
DIR/findings.parquet (a file per school) and DIR/schools.csv (events and findings by
severity per school).

Needs `pip install "ekzh[dask]" pyarrow`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Dict, Optional

from distributed import Client

import ekzh.dask


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("region", type=Path, metavar="REGION")
    parser.add_argument("--as-of", required=True, help="as `ekzh check --as-of` takes it")
    parser.add_argument("--out", type=Path, default=Path("region-report"), metavar="DIR")
    parser.add_argument("--scheduler", default=None, help="a Dask scheduler's address")
    parser.add_argument("--pseudonymize-key", type=Path, default=None, metavar="FILE")
    parser.add_argument("--policy", default=None, help="a JSON or TOML policy file")
    args = parser.parse_args()

    client: Optional[Client] = Client(args.scheduler) if args.scheduler else None
    region: Dict[str, Any] = {
        "policy": args.policy,
        "client": client,
        "pseudonymize": args.pseudonymize_key,
    }
    findings = ekzh.dask.check(args.region, args.as_of, **region)
    args.out.mkdir(parents=True, exist_ok=True)
    findings.to_parquet(args.out / "findings.parquet", write_index=False, overwrite=True)

    # The same tasks: their results are still held by `findings`.
    counts = ekzh.dask.summary(args.region, args.as_of, **region).compute()
    severities = ["error", "warning", "info"]
    per_school = (
        counts.pivot_table(
            index=["school", "events"],
            columns="severity",
            values="findings",
            aggfunc="sum",
            fill_value=0,
        )
        .reindex(columns=severities, fill_value=0)
        .reset_index()
    )
    per_school.columns.name = None
    per_school["findings"] = per_school[severities].sum(axis=1)
    per_school.to_csv(args.out / "schools.csv", index=False)
    print(per_school.to_string(index=False))
    print(f"\n{args.out / 'findings.parquet'}: {len(findings)} findings")


if __name__ == "__main__":
    main()
