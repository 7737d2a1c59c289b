"""The exceptions ekzh raises. Defined in Python so that they subclass ``ValueError``
and pickle like any other exception; the native module raises them."""

from __future__ import annotations

from typing import Optional

__all__ = ["InputError", "PolicyError"]


class InputError(ValueError):
    """Bad input: which event, on which line, which field, and what is wrong.

    ``str(error)`` names them all, e.g. ``event 7 (line 9), field `value`: a mark must be
    from 1 to 5, got `7```.
    """

    message: str
    """What is wrong, without the event, line and field."""
    event: Optional[int]
    """The 0-based index of the event in the input; ``None`` when the input is broken
    outside any event."""
    line: Optional[int]
    """The 1-based line where the event starts (JSON and NDJSON text); ``None`` for a list
    of dicts."""
    field: Optional[str]
    """The path of the offending field, such as ``value`` or ``students[2]``."""

    def __init__(
        self,
        text: str,
        message: Optional[str] = None,
        event: Optional[int] = None,
        line: Optional[int] = None,
        field: Optional[str] = None,
    ) -> None:
        super().__init__(text, message, event, line, field)
        self.message = text if message is None else message
        self.event = event
        self.line = line
        self.field = field

    def __str__(self) -> str:
        return str(self.args[0])

    def __repr__(self) -> str:
        return (
            f"InputError({str(self)!r}, event={self.event!r}, line={self.line!r}, "
            f"field={self.field!r})"
        )


class PolicyError(ValueError):
    """A policy that cannot be used: unreadable, or naming an unknown key or a bad value."""

    message: str
    """What is wrong, without the key."""
    field: Optional[str]
    """The path of the offending key, such as ``min_marks_for_final.quarter``."""

    def __init__(
        self, text: str, message: Optional[str] = None, field: Optional[str] = None
    ) -> None:
        super().__init__(text, message, field)
        self.message = text if message is None else message
        self.field = field

    def __str__(self) -> str:
        return str(self.args[0])

    def __repr__(self) -> str:
        return f"PolicyError({str(self)!r}, field={self.field!r})"
