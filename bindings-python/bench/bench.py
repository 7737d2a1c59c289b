"""Times `ekzh.check` from bytes and from a list of dicts against the native check of the
same register (the `native_check` example: `ekzh_core::check_bytes` in process).

    python bench.py REGISTER --native PATH/TO/native_check [--runs 5]

Prints the best and median seconds of each and their ratios to the native check. Nothing
here is asserted: timings are for reading, never for tests.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import time
from pathlib import Path
from typing import Callable, Dict, List, Tuple

import ekzh

AS_OF = "2025-06-30T18:00:00+04:00"


def timed(run: Callable[[], int], runs: int) -> Tuple[float, float, int]:
    times: List[float] = []
    findings = 0
    for _ in range(runs):
        start = time.perf_counter()
        findings = run()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), findings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("register", type=Path)
    parser.add_argument("--native", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    data = args.register.read_bytes()
    dicts = [json.loads(line) for line in data.splitlines() if line.strip()]
    native = json.loads(
        subprocess.run(
            [str(args.native), str(args.register), AS_OF, str(args.runs)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    results: Dict[str, Tuple[float, float, int]] = {
        "native check_bytes": (native["best"], native["median"], native["findings"]),
        "ekzh.check(bytes)": timed(lambda: len(ekzh.check(data, AS_OF)), args.runs),
        "ekzh.check(list of dicts)": timed(lambda: len(ekzh.check(dicts, AS_OF)), args.runs),
        "ekzh.check(Path)": timed(lambda: len(ekzh.check(args.register, AS_OF)), args.runs),
        "ekzh.check(bytes).to_dicts()": timed(
            lambda: len(ekzh.check(data, AS_OF).to_dicts()), args.runs
        ),
    }
    counts = {r[2] for r in results.values()}
    assert len(counts) == 1, f"the faces disagree: {results}"

    base_best, base_median, _ = results["native check_bytes"]
    print(
        f"register: {args.register.name}, {len(dicts)} events, {len(data) / 1e6:.1f} MB, "
        f"{counts.pop()} findings; {args.runs} runs each; Python {platform.python_version()}"
    )
    print(f"{'':32} {'best s':>8} {'median s':>9} {'best ×':>7} {'median ×':>9}")
    for name, (best, median, _) in results.items():
        print(
            f"{name:32} {best:8.3f} {median:9.3f} {best / base_best:7.2f} "
            f"{median / base_median:9.2f}"
        )


if __name__ == "__main__":
    main()
