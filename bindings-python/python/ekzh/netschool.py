"""The import from NetSchool («Сетевой город. Образование», АСУ РСО): what a student, a
parent or a teacher downloads from the portal's web API, turned into ekzh's events.

    import ekzh, ekzh.netschool
    events = ekzh.netschool.events(pathlib.Path("diary.json"))
    report = ekzh.check(pathlib.Path("diary.json"), "2023-04-20", source="netschool")

``source`` is the portal's raw JSON as any client (netschoolpy) receives it: a parsed
response (a dict), a list of them, its text as ``str`` or ``bytes``, or a path (or a list
of paths). It is one student's diary (``webapi/student/diary``, one week or many) or one
class journal (``webapi/grade/journal``, which names neither its class nor its subject:
give ``class_name`` and ``subject``, and ``period`` as ``KIND:START:END`` for its totals).
``types`` is the server's ``webapi/grade/assignment/types``: kinds of work above id 16 are
known only from it. ``grade`` overrides the number the class's name begins with.

The events begin with an ``extract`` saying what the part holds and what its source lacks.
A download of another shape raises ``ekzh.NetschoolError`` (an ``ekzh.InputError``) with
``file``, ``line``, ``path`` and ``field``; an option that cannot be used, ``ValueError``.
Everything is done by the Rust core, the same as ``ekzh import netschool``.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ekzh._ekzh import _netschool_import
from ekzh._errors import NetschoolError
from ekzh._types import ImportSummaryDict, NetschoolImport, NetschoolSource

__all__ = [
    "ImportSummaryDict",
    "NetschoolError",
    "NetschoolImport",
    "NetschoolSource",
    "events",
    "read",
]


def events(
    source: NetschoolSource,
    types: Optional[NetschoolSource] = None,
    grade: Optional[int] = None,
    class_name: Optional[str] = None,
    subject: Optional[str] = None,
    period: Optional[str] = None,
    lang: str = "ru",
) -> List[Dict[str, Any]]:
    """The events of a NetSchool download, the ``extract`` first, as dicts ready for
    ``ekzh.check`` or ``ekzh.Engine.push``; errors in Russian, or ``lang="en"``."""
    return read(source, types, grade, class_name, subject, period, lang)["events"]


def read(
    source: NetschoolSource,
    types: Optional[NetschoolSource] = None,
    grade: Optional[int] = None,
    class_name: Optional[str] = None,
    subject: Optional[str] = None,
    period: Optional[str] = None,
    lang: str = "ru",
) -> NetschoolImport:
    """The events, and what the import read, made and left out: ``summary`` as a dict and
    ``text`` in words, and errors, in Russian, or ``lang="en"``."""
    return _netschool_import(source, types, grade, class_name, subject, period, lang)
