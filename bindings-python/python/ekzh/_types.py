"""The shapes of ekzh's plain data: what ``Report.to_dicts()``, ``Report.summary``,
``Report.to_dict()`` and ``ekzh.rules()`` return, and what ``check`` accepts."""

from __future__ import annotations

import os
from datetime import date, datetime
from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, Sequence, TypedDict, Union

__all__ = [
    "AsOf",
    "EventLike",
    "EventsLike",
    "FillDict",
    "FillRowDict",
    "FindingDict",
    "ImportSummaryDict",
    "KeyLike",
    "NetschoolImport",
    "NetschoolSource",
    "NamesDict",
    "ParentNoticeDict",
    "PolicyDict",
    "PolicyLike",
    "ReportDict",
    "RuleDict",
    "TextsDict",
    "ShareDict",
    "SummaryDict",
]

EventLike = Union[Mapping[str, Any], str, bytes]
"""One event: a dict, or one JSON object as ``str`` or ``bytes``."""

EventsLike = Union[
    Iterable[EventLike],
    Mapping[str, Any],
    str,
    bytes,
    bytearray,
    "os.PathLike[str]",
    Sequence["os.PathLike[str]"],
]
"""A register: an iterable of events, ``{"events": [...]}``, JSON or NDJSON text or
bytes, the path of such a file, or a list of paths (one register in several files)."""

KeyLike = Union[bytes, bytearray, "os.PathLike[str]"]
"""The key of the pseudonyms (``pseudonymize=``): its bytes (at least 16, such as 32 random
ones), or the path of a key file (its bytes, as the CLI's ``--pseudonymize-key`` reads
it)."""

AsOf = Union[datetime, date, str]
"""A moment: a ``datetime`` (naive means school time), a ``date`` (the end of that day,
school time), or a string as the CLI's ``--as-of`` takes it: ``31.10.2024`` or
``2024-10-31`` (the end of that day), ``2024-10-31 18:00`` or ``2024-10-31T18:00`` (school
time), or RFC 3339 (``2024-10-31T18:00:00+04:00``)."""

PolicyLike = Union[Mapping[str, Any], str, "os.PathLike[str]", None]
"""A policy: a dict of the keys it changes (``PolicyDict``), or the path of a JSON or TOML
file."""


class PolicyDict(TypedDict, total=False):
    """A partial policy (SPEC §2): the keys it names override the Regulation's defaults."""

    utc_offset: str
    no_marks_grades: List[int]
    homework_deadline_after_last_lesson: int
    briefing_subjects: List[str]
    pre_work_briefing_subjects: List[str]
    grading_deadlines: List[Dict[str, Any]]
    works_needing_marks: Dict[str, Any]
    long_absence_lessons: int
    protected_lessons_after_absence: int
    failing_marks: List[int]
    min_marks_for_final: Dict[str, int]
    final_mark_tolerance: float
    mark_weights: Dict[str, float]
    final_marks_publish_within: int
    absence_reason_within_days: int
    paper_report_every_days: int
    export_deadline: Dict[str, Any]
    thematic_plan_grace_days: int
    subject_kinds: Dict[str, str]
    sparse_marks_lessons: int
    control_work_subjects: List[str]
    control_works_per_period: int
    homework_uninformative: List[str]
    parent_notice_within_days: int
    unexcused_absences_for_notice: int


class _ParentNoticeFields(TypedDict):
    type: Literal["parent_notice"]
    student: Union[str, int]
    reason: str
    date: str


class ParentNoticeDict(_ParentNoticeFields, total=False):
    """A ``parent_notice`` event (SPEC §1.2): the parents were told on ``date`` that their
    child is failing (``reason`` ``"failing"``) or misses lessons without a good reason
    (``"unexcused_absence"``); ``parent`` is the parent told, when the register names one.
    The class teacher or a teacher of the student's class makes it (3.2, 3.3)."""

    parent: Union[str, int]
    at: str
    by: Union[str, int]

# `class` is a keyword, hence the functional form.
FindingDict = TypedDict(
    "FindingDict",
    {
        "rule": str,
        "clause": Optional[str],
        "severity": str,
        "message": str,
        "event": Optional[int],
        "line": Optional[int],
        "date": Optional[str],
        "class": Optional[str],
        "subject": Optional[str],
        "lesson": Optional[str],
        "student": Optional[str],
        "students": Optional[List[str]],
        "teacher": Optional[str],
        "period": Optional[str],
        "parent": Optional[str],
        "due": Optional[str],
    },
)
"""A finding as a plain dict: the report's field names and JSON values."""


class ShareDict(TypedDict):
    """A figure: ``n`` of ``of``."""

    n: int
    of: int


class FillRowDict(TypedDict):
    """The fill figures of a teacher, class or week (``None``: the source does not carry
    it, or there is nothing to measure it on)."""

    lessons: int
    with_topic: Optional[ShareDict]
    topic_on_time: Optional[ShareDict]
    with_homework: Optional[ShareDict]
    homework_on_time: Optional[ShareDict]
    marks: Optional[ShareDict]
    works_on_time: Optional[ShareDict]
    findings: Dict[str, int]


# `from` is a keyword, hence the functional form.
FillDict = TypedDict(
    "FillDict",
    {
        "from": Optional[str],
        "to": Optional[str],
        "total": FillRowDict,
        "teachers": Dict[str, FillRowDict],
        "classes": Dict[str, FillRowDict],
        "weeks": Dict[str, FillRowDict],
    },
)
"""``summary["fill"]``: «наполняемость» and «своевременность» (SPEC §8), by teacher,
class and week (its Monday), and for the whole register."""


class NamesDict(TypedDict):
    """The names of what a report mentions, by id."""

    classes: Dict[str, str]
    staff: Dict[str, str]
    students: Dict[str, str]
    parents: Dict[str, str]


class _PartSummaryDict(TypedDict, total=False):
    not_judged: Dict[str, Dict[str, int]]
    """On a part of a register (an ``extract``, SPEC §1.3), what each rule could not
    judge, by rule id and reason id (``lacks_topic``, ``before_part``, ``after_part``,
    ``outside_part`` …): ``{"lesson_topic_missing": {"lacks_topic": 33}}``. Absent for the
    whole school's register; empty for a part on which everything was judged."""


class SummaryDict(_PartSummaryDict):
    """A report's counts."""

    events: int
    findings: int
    by_severity: Dict[str, int]
    by_rule: Dict[str, int]
    by_teacher: Dict[str, int]
    by_class: Dict[str, int]
    entries_without_at: int
    entries_without_by: int
    input_errors: int
    fill: FillDict
    policy: Optional[Dict[str, Any]]


class ReportDict(TypedDict):
    """A report as ``ekzh check --format json`` prints it."""

    as_of: str
    findings: List[FindingDict]
    summary: SummaryDict
    names: NamesDict


class TextsDict(TypedDict):
    """A text in Russian and in English."""

    ru: str
    en: str


class RuleDict(TypedDict):
    """A rule of the catalogue, as ``ekzh rules --format json`` prints it: ``clause`` is
    ``None`` for a rule no clause of the Regulation states; ``doc`` is English,
    ``doc_ru`` Russian."""

    id: str
    clause: Optional[str]
    severity: str
    when: str
    title: TextsDict
    fix: TextsDict
    summary: str
    doc: str
    doc_ru: str


NetschoolSource = Union[
    Mapping[str, Any],
    Sequence[Mapping[str, Any]],
    str,
    bytes,
    bytearray,
    "os.PathLike[str]",
    Sequence["os.PathLike[str]"],
]
"""What NetSchool serves, as a client hands it out: a parsed response (a dict), a list of
them, its JSON as ``str`` or ``bytes``, or a path (or a list of paths)."""


ImportSummaryDict = TypedDict(
    "ImportSummaryDict",
    {
        "source": str,
        "class": str,
        "subject": str,
        "from": Optional[str],
        "to": Optional[str],
        "types_list": bool,
        "read": Dict[str, int],
        "made": Dict[str, int],
        "left_out": Dict[str, int],
        "noted": Dict[str, int],
        "unknown_types": Dict[str, int],
    },
    total=False,
)
"""What a NetSchool import read, made and left out, by kind (``subject`` for a class
journal only); ``unknown_types`` by type id (as text)."""


class NetschoolImport(TypedDict):
    """What ``ekzh.netschool.read`` returns."""

    events: List[Dict[str, Any]]
    summary: ImportSummaryDict
    text: str
