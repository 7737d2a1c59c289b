"""Checks from several threads at once give the same answers as one by one (the GIL is
released while a register is read and checked), and one engine shared by threads loses
no entry."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Dict, List, Tuple

import ekzh
from conftest import no_lines, rule_fixtures
from gen_register import events


def generated(count: int) -> bytes:
    lines = [json.dumps(e, ensure_ascii=False) for e in events(count)]
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
    assert alone[-1] == no_lines(alone[-2]) and alone[-1]["summary"]["findings"] > 0
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


def without_events(report: ekzh.Report) -> Tuple[List[str], Dict[str, Any]]:
    """A report's findings with their `event` left out, sorted, and its summary: what
    events pushed in another order must not change."""
    findings = []
    for finding in report.to_dicts():
        finding = dict(finding)
        finding["event"] = None
        findings.append(json.dumps(finding, ensure_ascii=False, sort_keys=True))
    return sorted(findings), report.summary


#: How many times each auditing thread audits while the pushes go on.
AUDITS_EACH = 5


def test_one_engine_pushed_while_other_threads_audit() -> None:
    """A portal's engine: one thread pushes the day's entries while others audit it. No
    push fails, none is lost, and the last audit is the batch check of every event.

    Each auditor audits a few times only: a push waits for the audits under way, and
    auditors that never stop made the pushes take from one to eight minutes."""
    events = [json.loads(line) for line in generated(6_000).splitlines()]
    as_of = "2025-06-30T18:00:00+04:00"
    engine = ekzh.Engine()
    for event in events[: len(events) // 2]:
        engine.insert(event)
    stop = threading.Event()
    failures: List[BaseException] = []

    def audit() -> int:
        audits = 0
        while not stop.is_set() and audits < AUDITS_EACH:
            try:
                engine.audit(as_of)
                audits += 1
            except BaseException as error:  # noqa: BLE001 - every failure counts here
                failures.append(error)
                return audits
        return audits

    with ThreadPoolExecutor(max_workers=4) as pool:
        auditors = [pool.submit(audit) for _ in range(3)]
        try:
            for event in events[len(events) // 2 :]:
                engine.push(event)
        finally:
            stop.set()
        audited = sum(a.result() for a in auditors)
    assert not failures, failures[:3]
    assert audited > 0
    assert len(engine) == len(events)
    assert engine.audit(as_of).to_dict() == ekzh.check(events, as_of).to_dict()


def test_threads_pushing_into_one_engine_lose_nothing() -> None:
    """Four threads push into one engine at once: every event is stored, and the audit is
    the batch check's but for event indices (the events arrive in another order)."""
    events = [json.loads(line) for line in generated(6_000).splitlines()]
    as_of = "2025-06-30T18:00:00+04:00"
    engine = ekzh.Engine()
    for event in events[:200]:  # the school's declarations first, as a portal loads them
        engine.insert(event)
    rest = events[200:]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda part: [engine.push(e) for e in part], [rest[i::4] for i in range(4)]))
    assert len(engine) == len(events)
    assert without_events(engine.audit(as_of)) == without_events(ekzh.check(events, as_of))
