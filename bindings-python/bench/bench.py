"""Times `ekzh.check` from bytes and from a list of dicts against the native check of the
same register (the `native_check` example: `ekzh_core::check_bytes` in process).

    python bench.py REGISTER --as-of AS_OF --native PATH/TO/native_check [--runs 5]

Prints the best and median wall-clock seconds of each, the best CPU seconds of the
checking thread, and their ratios to the native check. Nothing
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

def timed(run: Callable[[], int], runs: int) -> Tuple[float, float, float, int]:
    """Best and median wall-clock seconds, best CPU seconds of this thread (the GIL is
    released, but the check runs on the calling thread), and the number of findings."""
    times: List[float] = []
    cpu = float("inf")
    findings = 0
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.thread_time()
        findings = run()
        times.append(time.perf_counter() - start)
        cpu = min(cpu, time.thread_time() - start_cpu)
    return min(times), statistics.median(times), cpu, findings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("register", type=Path)
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--native", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    data = args.register.read_bytes()
    dicts = [json.loads(line) for line in data.splitlines() if line.strip()]
    native = json.loads(
        subprocess.run(
            [str(args.native), str(args.register), args.as_of, str(args.runs)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    results: Dict[str, Tuple[float, float, float, int]] = {
        "native check_bytes": (native["best"], native["median"], native["cpu"], native["findings"]),
        "ekzh.check(bytes)": timed(lambda: len(ekzh.check(data, args.as_of)), args.runs),
        "ekzh.check(list of dicts)": timed(lambda: len(ekzh.check(dicts, args.as_of)), args.runs),
        "ekzh.check(Path)": timed(lambda: len(ekzh.check(args.register, args.as_of)), args.runs),
        "ekzh.check(bytes).to_dicts()": timed(
            lambda: len(ekzh.check(data, args.as_of).to_dicts()), args.runs
        ),
    }
    counts = {r[3] for r in results.values()}
    assert len(counts) == 1, f"the faces disagree: {results}"

    base_best, base_median, base_cpu, _ = results["native check_bytes"]
    print(
        f"register: {args.register.name}, {len(dicts)} events, {len(data) / 1e6:.1f} MB, "
        f"{counts.pop()} findings; {args.runs} runs each; Python {platform.python_version()}"
    )
    print(
        f"{'':30} {'best s':>7} {'median s':>8} {'cpu s':>6}   "
        f"{'best ×':>6} {'median ×':>8} {'cpu ×':>6}"
    )
    for name, (best, median, cpu, _) in results.items():
        print(
            f"{name:30} {best:7.3f} {median:8.3f} {cpu:6.3f}   "
            f"{best / base_best:6.2f} {median / base_median:8.2f} {cpu / base_cpu:6.2f}"
        )


if __name__ == "__main__":
    main()
