"""A region on a Dask cluster (SPEC §9): every school's register checked on its own, one
task per school on the workers, the findings put together with the school as a column.

    import ekzh.dask
    findings = ekzh.dask.check("region/", "2025-05-31")      # a dask DataFrame
    findings.to_parquet("findings.parquet")
    per_rule = ekzh.dask.summary("region/", "2025-05-31").compute()

A region is a folder — each register file in it (``.ndjson``, ``.jsonl``, ``.json``) or
each sub-folder (a register in several files) is a school, named by its file or folder
name without the extension, as ``ekzh check DIR`` takes it — or a list of such files and
folders. The registers are read by the workers: on a cluster of several machines they must
be at the same path on every worker (a shared file system). ``client`` is a
``dask.distributed.Client``; without one, a ``LocalCluster`` of this machine is started
once and kept. Needs ``pip install "ekzh[dask]"``.
"""

from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union, cast

if not all(importlib.util.find_spec(name) for name in ("dask", "distributed", "pandas")):
    raise ImportError('ekzh.dask needs dask, distributed and pandas: pip install "ekzh[dask]"')

import dask.dataframe as dd
import pandas as pd
from dask.base import tokenize
from distributed import Client, Future, LocalCluster

import ekzh
from ekzh._types import AsOf, KeyLike, PolicyLike

__all__ = ["FINDING_COLUMNS", "SUMMARY_COLUMNS", "Region", "check", "schools", "summary"]

Region = Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]]]
"""A region: its folder, or a list of its schools' files and folders."""

REGISTER_FILES = (".ndjson", ".jsonl", ".json")
"""The extensions of a register's files."""

_TEXT = "string[pyarrow]"

FINDING_COLUMNS: Dict[str, Any] = {
    "school": _TEXT,
    "rule": _TEXT,
    "clause": _TEXT,
    "severity": _TEXT,
    "message": _TEXT,
    "event": "Int64",
    "line": "Int64",
    "date": _TEXT,
    "class": _TEXT,
    "subject": _TEXT,
    "lesson": _TEXT,
    "student": _TEXT,
    "students": _TEXT,
    "teacher": _TEXT,
    "period": _TEXT,
    "parent": _TEXT,
    "due": _TEXT,
}
"""The columns of ``check``'s frame and their dtypes: the school, then the report's fields
as Arrow text (``<NA>`` where a field does not apply; dates and deadlines ISO text, as in
the JSON report), ``event`` and ``line`` nullable integers (``line`` in its school's file),
and ``students`` the JSON list of the ids as text (``json.loads`` gives the list back; a
column of lists would not survive Dask's text columns and Parquet read back into pandas)."""

SUMMARY_COLUMNS: Dict[str, Any] = {
    "school": _TEXT,
    "events": "int64",
    "rule": _TEXT,
    "clause": _TEXT,
    "severity": _TEXT,
    "findings": "int64",
}
"""The columns of ``summary``'s frame: a row per school and rule of the catalogue."""


@dataclass(frozen=True)
class School:
    """A school of a region: its name and the files of its register."""

    name: str
    files: Tuple[str, ...]


def schools(region: Region) -> List[School]:
    """The schools of a region, by name: the register files and sub-folders of a folder
    (hidden ones left out), or each file or folder of a list."""
    if isinstance(region, (str, os.PathLike)):
        folder = Path(region)
        if not folder.is_dir():
            raise NotADirectoryError(f"`{folder}` is not a folder of schools")
        entries = [
            p
            for p in sorted(folder.iterdir())
            if not p.name.startswith(".") and (p.is_dir() or _is_register(p))
        ]
    else:
        entries = [Path(p) for p in region]
    found: Dict[str, School] = {}
    for entry in entries:
        if entry.is_dir():
            files = tuple(
                str(p)
                for p in sorted(entry.iterdir())
                if p.is_file() and not p.name.startswith(".") and _is_register(p)
            )
            if not files:
                raise ValueError(f"`{entry}` holds no register files {REGISTER_FILES}")
            name = entry.name
        else:
            files, name = (str(entry),), entry.stem
        if name in found:
            raise ValueError(f"two schools are named `{name}`: {found[name].files} and `{entry}`")
        found[name] = School(name, files)
    if not found:
        raise ValueError(f"no school in {region!r}")
    return [found[name] for name in sorted(found)]


def check(
    region: Region,
    as_of: AsOf,
    policy: PolicyLike = None,
    client: Optional[Client] = None,
    pseudonymize: Optional[KeyLike] = None,
    lang: str = "ru",
    on_error: str = "raise",
    source: str = "ekzh",
) -> dd.DataFrame:
    """The findings of every school of a region at ``as_of``, a partition per school
    (``FINDING_COLUMNS``), in the order of ``ekzh check DIR --format json``: by school,
    then each school's report order.

    Each school is checked by one task on the workers, started at once; the frame's
    partitions are those tasks' results. ``policy``, ``lang``, ``on_error`` and
    ``source`` are ``ekzh.check``'s; a path given as ``policy`` is read by the workers.
    ``pseudonymize``: a key (``bytes``, or the path of a key file, read here and sent to
    the workers with the tasks) — children and parents named by keyed pseudonyms, the
    same in every school. A school whose register cannot be read fails its task: the
    computation raises its ``InputError``, naming the school.
    """
    client, futures = _checked(region, as_of, policy, client, pseudonymize, lang, on_error, source)
    frames = client.map(_findings, futures, pure=True)
    return _frame(frames, FINDING_COLUMNS)


def summary(
    region: Region,
    as_of: AsOf,
    policy: PolicyLike = None,
    client: Optional[Client] = None,
    pseudonymize: Optional[KeyLike] = None,
    lang: str = "ru",
    on_error: str = "raise",
    source: str = "ekzh",
) -> dd.DataFrame:
    """How many findings each school has by rule (``SUMMARY_COLUMNS``): a row per school
    and rule of the catalogue, zeros too, with the school's number of events. The same
    tasks as ``check`` with the same arguments: while its frame is held, they are not run
    again."""
    client, futures = _checked(region, as_of, policy, client, pseudonymize, lang, on_error, source)
    frames = client.map(_summary, futures, pure=True)
    return _frame(frames, SUMMARY_COLUMNS)


Checked = Tuple[pd.DataFrame, pd.DataFrame]
"""A school checked: its findings and its counts by rule."""

_local: Optional[Client] = None


def _client(client: Optional[Client]) -> Client:
    """The client given, or one of a ``LocalCluster`` started on first use."""
    global _local
    if client is not None:
        return client
    if _local is None or _local.status in ("closing", "closed"):
        # distributed does not type these two.
        _local = Client(LocalCluster())  # type: ignore[no-untyped-call]
    return _local


def _key(pseudonymize: Optional[KeyLike]) -> Optional[bytes]:
    """The key's bytes (a key file read here)."""
    if pseudonymize is None:
        return None
    if isinstance(pseudonymize, (bytes, bytearray)):
        return bytes(pseudonymize)
    return Path(pseudonymize).read_bytes()


def _checked(
    region: Region,
    as_of: AsOf,
    policy: PolicyLike,
    client: Optional[Client],
    pseudonymize: Optional[KeyLike],
    lang: str,
    on_error: str,
    source: str,
) -> Tuple[Client, List[Future[Checked]]]:
    """A task per school, submitted: each one's key tells the school's files as they are
    now (size and time of change), so that a changed register is checked again."""
    client = _client(client)
    key = _key(pseudonymize)
    futures = []
    for school in schools(region):
        stamps = tuple((f, os.stat(f).st_size, os.stat(f).st_mtime_ns) for f in school.files)
        args = (school.name, school.files, as_of, policy, key, lang, on_error, source)
        token = tokenize(stamps, *args)
        futures.append(
            client.submit(_check_school, *args, key=f"ekzh-check-{school.name}-{token}")
        )
    return client, futures


def _check_school(
    name: str,
    files: Tuple[str, ...],
    as_of: AsOf,
    policy: PolicyLike,
    key: Optional[bytes],
    lang: str,
    on_error: str,
    source: str,
) -> Checked:
    """One school checked on a worker: its findings and its counts by rule."""
    paths = [Path(f) for f in files]
    register: Any = paths[0] if len(paths) == 1 and source == "ekzh" else paths
    try:
        report = ekzh.check(
            register,
            as_of,
            policy=policy,
            lang=lang,
            on_error=on_error,
            source=source,
            pseudonymize=key,
            # The worker's threads share the cores: a school on one.
            threads=1,
        )
    except ekzh.InputError as error:
        raise ekzh.InputError(
            f"school `{name}`: {error}", error.message, error.event, error.line, error.field
        ) from error
    rows = [
        {
            "school": name,
            **row,
            "students": None
            if row["students"] is None
            else json.dumps(row["students"], ensure_ascii=False),
        }
        for row in report.to_dicts()
    ]
    findings = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    by_rule = report.summary["by_rule"]
    counts = pd.DataFrame(
        [
            {
                "school": name,
                "events": report.summary["events"],
                "rule": rule["id"],
                "clause": rule["clause"],
                "severity": rule["severity"],
                "findings": by_rule.get(rule["id"], 0),
            }
            for rule in ekzh.rules()
        ],
        columns=list(SUMMARY_COLUMNS),
    )
    return _typed(findings, FINDING_COLUMNS), _typed(counts, SUMMARY_COLUMNS)


def _findings(checked: Checked) -> pd.DataFrame:
    return checked[0]


def _summary(checked: Checked) -> pd.DataFrame:
    return checked[1]


def _typed(frame: pd.DataFrame, columns: Dict[str, Any]) -> pd.DataFrame:
    """The frame with the columns' dtypes."""
    return frame.astype(columns)


def _frame(frames: List[Future[pd.DataFrame]], columns: Dict[str, Any]) -> dd.DataFrame:
    meta = _typed(pd.DataFrame(columns=list(columns)), columns)
    return cast(dd.DataFrame, dd.from_delayed(frames, meta=meta, verify_meta=False))


def _is_register(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in REGISTER_FILES
