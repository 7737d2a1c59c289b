"""ekzh: checks an electronic class register (ЭКЖ) against the school's Regulation.

    import ekzh
    report = ekzh.check(pathlib.Path("register.ndjson"), "2024-10-31T18:00:00+04:00")
    for finding in report:
        print(finding.date, finding.rule, finding.message)

``check`` takes a list of event dicts, JSON or NDJSON as ``str`` or ``bytes`` (read in
Rust, the fastest way), or a ``pathlib.Path``; ``Engine`` takes entries one by one.
Every check is done by the Rust core, the same as the CLI's and the WebAssembly build's.
``ekzh.netschool`` imports what NetSchool (АСУ РСО) exports; ``check(...,
source="netschool")`` imports and checks it in one go. ``check(...,
pseudonymize=key)`` names children and parents by keyed pseudonyms; ``ekzh.dask`` (with
``pip install "ekzh[dask]"``) checks a region's schools on a Dask cluster.
"""

from ekzh._ekzh import Engine, Finding, Report, __version__, check, rules
from ekzh import netschool
from ekzh._errors import InputError, NetschoolError, PolicyError
from ekzh._types import (
    AsOf,
    EventLike,
    EventsLike,
    FillDict,
    FillRowDict,
    FindingDict,
    KeyLike,
    NamesDict,
    ParentNoticeDict,
    PolicyDict,
    PolicyLike,
    ReportDict,
    RuleDict,
    ShareDict,
    SummaryDict,
)

__all__ = [
    "AsOf",
    "Engine",
    "EventLike",
    "EventsLike",
    "FillDict",
    "FillRowDict",
    "Finding",
    "FindingDict",
    "InputError",
    "KeyLike",
    "NetschoolError",
    "NamesDict",
    "ParentNoticeDict",
    "PolicyDict",
    "PolicyError",
    "PolicyLike",
    "Report",
    "ReportDict",
    "RuleDict",
    "ShareDict",
    "SummaryDict",
    "__version__",
    "check",
    "netschool",
    "rules",
]
