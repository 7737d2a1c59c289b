"""The shapes of ekzh's plain data: what ``Report.to_dicts()``, ``Report.summary``,
``Report.to_dict()`` and ``ekzh.rules()`` return, and what ``check`` accepts."""

from __future__ import annotations

import os
from datetime import date, datetime
from typing import Any, Dict, Iterable, List, Mapping, Optional, TypedDict, Union

__all__ = [
    "AsOf",
    "EventLike",
    "EventsLike",
    "FillDict",
    "FillRowDict",
    "FindingDict",
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
school time), or an RFC 3339 string (or ``YYYY-MM-DD``)."""

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


class SummaryDict(TypedDict):
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
