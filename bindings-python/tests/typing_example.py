"""The API as a type checker sees it: `mypy --strict` checks this file against the stubs
(scripts/test-python), and it runs too. Not a pytest module."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any, Dict, List, Optional

from typing_extensions import assert_type

import ekzh
import ekzh.netschool

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "rules" / "grade1_mark" / "fires.json"
POLICY: Dict[str, object] = {"min_marks_for_final": {"quarter": 0}}


def main() -> int:
    report = ekzh.check(FIXTURE, "2024-10-27T12:00:00+04:00", policy=POLICY, lang="en")
    assert_type(report, ekzh.Report)
    assert_type(report.as_of, datetime)
    assert_type(report.findings, List[ekzh.Finding])
    assert_type(report.summary, ekzh.SummaryDict)
    assert_type(report.summary["by_teacher"], Dict[str, int])
    assert_type(report.to_dicts(), List[ekzh.FindingDict])
    assert_type(report.to_dict(), ekzh.ReportDict)
    assert_type(report.to_json(pretty=True), str)
    assert_type(len(report), int)

    for finding in report:
        assert_type(finding, ekzh.Finding)
        assert_type(finding.rule, str)
        assert_type(finding.event, Optional[int])
        assert_type(finding.class_, Optional[str])
        assert_type(finding.students, Optional[List[str]])
        assert_type(finding.to_dict()["class"], Optional[str])
    first = report[0]
    assert_type(first, ekzh.Finding)
    assert_type(report[:1], List[ekzh.Finding])

    policy: ekzh.PolicyDict = {"sparse_marks_lessons": 8, "control_work_subjects": ["Алгебра"]}
    assert_type(ekzh.check(FIXTURE, "2024-10-27", policy=policy), ekzh.Report)
    notice: ekzh.ParentNoticeDict = {
        "type": "parent_notice",
        "student": "s1",
        "reason": "failing",
        "date": "2024-10-28",
        "by": "t1",
    }
    assert_type(ekzh.Engine().push(notice), List[ekzh.Finding])

    engine = ekzh.Engine(POLICY, lang="ru")
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        if '"type"' in line:
            told = engine.push(line.strip().rstrip(","))
            assert_type(told, List[ekzh.Finding])
    audited = engine.audit(date(2024, 10, 27))
    assert_type(audited, ekzh.Report)

    for rule in ekzh.rules():
        assert_type(rule, ekzh.RuleDict)
        assert_type(rule["clause"], Optional[str])
        assert_type(rule["title"]["ru"], str)

    try:
        ekzh.check(b'{"type": "class", "id": "5a", "grade": 50}\n', datetime(2024, 9, 1))
    except ekzh.InputError as error:
        assert_type(error.event, Optional[int])
        assert_type(error.line, Optional[int])
        assert_type(error.field, Optional[str])
        assert isinstance(error, ValueError) and error.field == "grade"
    try:
        ekzh.Engine({"long_absence": 3})
    except ekzh.PolicyError as error:
        assert_type(error.field, Optional[str])
        assert error.field == "long_absence"

    week = ROOT / "tests" / "fixtures" / "netschool" / "student-diary-week-2023-04-10.json"
    imported = ekzh.netschool.read(week, grade=11)
    assert_type(imported, ekzh.netschool.NetschoolImport)
    assert_type(imported["summary"]["read"], Dict[str, int])
    assert_type(ekzh.netschool.events([week]), List[Dict[str, Any]])
    diary = ekzh.check(week, "2023-04-20", source="netschool", grade=11)
    assert_type(diary, ekzh.Report)
    try:
        ekzh.netschool.events(b"<html></html>")
    except ekzh.NetschoolError as error:
        assert_type(error.path, Optional[str])
        assert_type(error.file, Optional[str])
        assert error.line == 1 and error.path is None

    print(f"{len(report)} findings; {len(ekzh.rules())} rules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
