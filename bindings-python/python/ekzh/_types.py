"""The shapes of ekzh's plain data: what ``Report.to_dicts()``, ``Report.summary``,
``Report.to_dict()`` and ``ekzh.rules()`` return, and what ``check`` accepts."""

from __future__ import annotations

import os
from datetime import date, datetime
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, TypedDict, Union

__all__ = [
    "AsOf",
    "EventLike",
    "EventsLike",
    "FillDict",
    "FillRowDict",
    "FindingDict",
    "ImportSummaryDict",
    "NetschoolImport",
    "NetschoolSource",
    "NamesDict",
    "PolicyLike",
    "ReportDict",
    "RuleDict",
    "ShareDict",
    "SummaryDict",
]

EventLike = Union[Mapping[str, Any], str, bytes]
"""One event: a dict, or one JSON object as ``str`` or ``bytes``."""

EventsLike = Union[
    Iterable[EventLike], Mapping[str, Any], str, bytes, bytearray, "os.PathLike[str]"
]
"""A register: an iterable of events, ``{"events": [...]}``, JSON or NDJSON text or
bytes, or the path of such a file."""

AsOf = Union[datetime, date, str]
"""A moment: a ``datetime`` (naive means school time), a ``date`` (the end of that day,
school time), or a string as the CLI's ``--as-of`` takes it: ``31.10.2024`` or
``2024-10-31`` (the end of that day), ``2024-10-31 18:00`` or ``2024-10-31T18:00`` (school
time), or RFC 3339 (``2024-10-31T18:00:00+04:00``)."""

PolicyLike = Union[Mapping[str, Any], str, "os.PathLike[str]", None]
"""A policy: a dict of the keys it changes, or the path of a JSON or TOML file."""

# `class` is a keyword, hence the functional form.
FindingDict = TypedDict(
    "FindingDict",
    {
        "rule": str,
        "clause": str,
        "severity": str,
        "message": str,
        "event": Optional[int],
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


class RuleDict(TypedDict):
    """A rule of the catalogue, as ``ekzh rules --format json`` prints it."""

    id: str
    clause: str
    severity: str
    when: str
    summary: str
    doc: str


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
