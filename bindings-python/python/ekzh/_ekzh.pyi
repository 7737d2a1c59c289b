"""The native module of ekzh; import from ``ekzh``."""

import os
from datetime import datetime
from typing import Any, Iterator, List, Mapping, Optional, Union, final, overload

from ekzh._types import (
    AsOf,
    EventLike,
    EventsLike,
    FindingDict,
    KeyLike,
    NetschoolImport,
    NetschoolSource,
    NamesDict,
    PolicyLike,
    ReportDict,
    RuleDict,
    SummaryDict,
)

__all__ = ["__version__", "check", "rules", "Engine", "Report", "Finding", "_netschool_import"]

__version__: str

def check(
    events: EventsLike,
    as_of: AsOf,
    policy: PolicyLike = None,
    lang: str = "ru",
    on_error: str = "raise",
    source: str = "ekzh",
    types: Optional[NetschoolSource] = None,
    grade: Optional[int] = None,
    class_name: Optional[str] = None,
    subject: Optional[str] = None,
    period: Optional[str] = None,
    pseudonymize: Optional[KeyLike] = None,
    threads: Optional[int] = None,
) -> Report:
    """Checks a register at ``as_of`` and returns the report; with
    ``source="netschool"``, a NetSchool download (see ``ekzh.netschool``); with
    ``pseudonymize``, children and parents named by keyed pseudonyms."""

def _netschool_import(
    source: NetschoolSource,
    types: Optional[NetschoolSource] = None,
    grade: Optional[int] = None,
    class_name: Optional[str] = None,
    subject: Optional[str] = None,
    period: Optional[str] = None,
    lang: str = "ru",
) -> NetschoolImport:
    """The events of a NetSchool download and what the import did."""

def rules() -> List[RuleDict]:
    """Every rule of the catalogue, in order."""

@final
class Engine:
    """Checks a register entry by entry, as a portal receives it."""

    def __new__(
        cls, policy: PolicyLike = None, lang: str = "ru", pseudonymize: Optional[KeyLike] = None
    ) -> Engine: ...
    def push(self, event: EventLike) -> List[Finding]:
        """Stores an event and returns the findings about it that are final now."""
    def insert(self, event: EventLike) -> None:
        """Stores an event without judging it: its findings come with the audit."""
    def audit(self, as_of: AsOf) -> Report:
        """Every finding at ``as_of``."""
    def __len__(self) -> int: ...

@final
class Report:
    """What a register holds at ``as_of``: the findings, and a summary."""

    @property
    def as_of(self) -> datetime: ...
    @property
    def findings(self) -> List[Finding]: ...
    @property
    def summary(self) -> SummaryDict: ...
    @property
    def lang(self) -> str: ...
    @property
    def names(self) -> NamesDict: ...
    def to_dicts(self) -> List[FindingDict]: ...
    def to_dict(self) -> ReportDict: ...
    def to_html(
        self,
        since: Union[Report, ReportDict, Mapping[str, Any], str, "os.PathLike[str]", None] = None,
        school: Optional[str] = None,
    ) -> str:
        """The справка: the report as one self-contained HTML document."""
    def to_json(self, pretty: bool = False) -> str: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Finding]: ...
    @overload
    def __getitem__(self, index: int, /) -> Finding: ...
    @overload
    def __getitem__(self, index: slice, /) -> List[Finding]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...

@final
class Finding:
    """One finding. Fields that do not apply are ``None``; ``class`` is ``class_``."""

    @property
    def rule(self) -> str: ...
    @property
    def clause(self) -> Optional[str]: ...
    @property
    def severity(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def event(self) -> Optional[int]: ...
    @property
    def line(self) -> Optional[int]: ...
    @property
    def date(self) -> Optional[str]: ...
    @property
    def class_(self) -> Optional[str]: ...
    @property
    def subject(self) -> Optional[str]: ...
    @property
    def lesson(self) -> Optional[str]: ...
    @property
    def student(self) -> Optional[str]: ...
    @property
    def students(self) -> Optional[List[str]]: ...
    @property
    def teacher(self) -> Optional[str]: ...
    @property
    def period(self) -> Optional[str]: ...
    @property
    def parent(self) -> Optional[str]: ...
    @property
    def due(self) -> Optional[str]: ...
    def to_dict(self) -> FindingDict: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
