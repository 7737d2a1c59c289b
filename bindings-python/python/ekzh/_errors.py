"""The exceptions ekzh raises. Defined in Python so that they subclass ``ValueError``
and pickle like any other exception; the native module raises them."""

from __future__ import annotations

from typing import Optional

__all__ = ["InputError", "NetschoolError", "PolicyError"]


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


class NetschoolError(InputError):
    """A NetSchool download that cannot be imported (``ekzh.netschool``): another
    endpoint's JSON, an HTML page saved as ``.json``, a field of the wrong type.

    ``str(error)`` names the file, the path inside the JSON and what is wrong: the file
    ``week.json``, the field ``weekDays[2].lessons[0].assignments[1].mark.mark``, "invalid
    type: boolean, expected a mark". ``event`` is ``None``.
    """

    file: Optional[str]
    """The file, as it was given (a path); ``None`` for a dict, ``str`` or ``bytes``."""
    path: Optional[str]
    """The path inside the JSON, such as ``weekDays[2].lessons[0].mark.mark``; ``None``
    when the document as a whole is wrong."""

    def __init__(
        self,
        text: str,
        message: Optional[str] = None,
        line: Optional[int] = None,
        field: Optional[str] = None,
        file: Optional[str] = None,
        path: Optional[str] = None,
    ) -> None:
        super().__init__(text, message, None, line, field)
        self.args = (text, message, line, field, file, path)
        self.file = file
        self.path = path

    def __repr__(self) -> str:
        return (
            f"NetschoolError({str(self)!r}, file={self.file!r}, line={self.line!r}, "
            f"path={self.path!r}, field={self.field!r})"
        )
