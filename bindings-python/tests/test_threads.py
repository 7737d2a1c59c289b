"""Checks from several threads at once give the same answers as one by one (the GIL is
released while a register is read and checked)."""

from __future__ import annotations

import importlib.util
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Dict, List

import ekzh
from conftest import rule_fixtures

BENCH = Path(__file__).resolve().parents[1] / "bench" / "gen_register.py"


def generated(count: int) -> bytes:
    spec = importlib.util.spec_from_file_location("gen_register", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_register"] = module
    spec.loader.exec_module(module)
    lines = [json.dumps(e, ensure_ascii=False) for e in module.events(count)]
    return ("\n".join(lines) + "\n").encode()


def test_concurrent_checks_agree() -> None:
    big = generated(20_000)
    big_dicts = [json.loads(line) for line in big.splitlines()]
    jobs: List[Callable[[], Dict[str, Any]]] = []
    for fixture in rule_fixtures():
        for register in (fixture.path.read_bytes(), fixture.events, fixture.path):
            jobs.append(
                lambda r=register, f=fixture: ekzh.check(
                    r, f.as_of, policy=f.policy, on_error=f.on_error
                ).to_dict()
            )
    jobs.append(lambda: ekzh.check(big, "2025-06-30T18:00:00+04:00").to_dict())
    jobs.append(lambda: ekzh.check(big_dicts, "2025-06-30T18:00:00+04:00").to_dict())

    alone = [job() for job in jobs]
    assert alone[-1] == alone[-2] and alone[-1]["summary"]["findings"] > 0
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            together = list(pool.map(lambda job: job(), jobs * 2))
            assert together == alone * 2


def test_engines_in_threads() -> None:
    fixtures = [f for f in rule_fixtures() if f.on_error == "raise"]

    def run(fixture: Any) -> Dict[str, Any]:
        engine = ekzh.Engine(fixture.policy)
        for event in fixture.events:
            engine.push(event)
        return engine.audit(fixture.as_of).to_dict()

    alone = [run(f) for f in fixtures]
    with ThreadPoolExecutor(max_workers=6) as pool:
        assert list(pool.map(run, fixtures * 4)) == alone * 4
    # One engine audited from many threads at once.
    shared = ekzh.Engine(fixtures[0].policy)
    for event in fixtures[0].events:
        shared.insert(event)
    with ThreadPoolExecutor(max_workers=6) as pool:
        reports = list(pool.map(lambda _: shared.audit(fixtures[0].as_of), range(24)))
    assert all(r == reports[0] for r in reports)
    assert reports[0].to_dict() == alone[0]
