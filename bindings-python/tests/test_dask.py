"""``ekzh.dask`` (SPEC §9): a region checked on a cluster of two worker processes gives the
same findings as the CLI's region report, row for row, with and without pseudonyms. Needs
the CLI in EKZH_CLI (scripts/test-python builds it) and the ``dask`` extra."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import pytest

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

import ekzh  # noqa: E402
import ekzh.dask  # noqa: E402

CLI = os.environ.get("EKZH_CLI")
pytestmark = pytest.mark.skipif(not CLI, reason="EKZH_CLI is not set")
KEY = b"the region's key, 32 bytes long."


def cli(*args: str) -> Tuple[int, bytes, str]:
    assert CLI is not None
    done = subprocess.run([CLI, *args], capture_output=True, check=False, timeout=300)
    return done.returncode, done.stdout, done.stderr.decode()


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Tuple[Path, str]:
    """Five schools with mistakes, one of them in a folder of two files: the folder and
    the moment to check it at."""
    folder = tmp_path_factory.mktemp("region")
    code, _, note = cli(
        "gen", "--region", "5", "--classes", "8", "--weeks", "4", "--violations", "0.03",
        "--seed", "3", "--out", str(folder),
    )
    assert code == 0, note
    as_of = note.split("--as-of ")[1].split("`")[0]
    split = sorted(folder.iterdir())[2]
    lines = split.read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / split.stem).mkdir()
    (folder / split.stem / "a.ndjson").write_text("".join(lines[:1000]), encoding="utf-8")
    (folder / split.stem / "b.ndjson").write_text("".join(lines[1000:]), encoding="utf-8")
    split.unlink()
    return folder, as_of


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    )
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


def cli_rows(
    folder: Path, as_of: str, *more: str
) -> Tuple[List[Dict[str, Any]], Dict[str, Any]]:
    """The CLI's region report as rows: each finding with its school."""
    code, out, err = cli("check", str(folder), "--as-of", as_of, "--format", "json", *more)
    assert code in (0, 1), err
    report = json.loads(out)
    rows = [
        {"school": school["school"], **finding}
        for school in report["schools"]
        for finding in school["findings"]
    ]
    return rows, report


def frame_rows(frame: Any) -> List[Dict[str, Any]]:
    """A computed frame's rows as the JSON report has them: ``None`` for what is missing,
    ``students`` a list."""
    rows = []
    for record in frame.to_dict("records"):
        row = {k: None if pd.isna(v) else v for k, v in record.items()}
        for number in ("event", "line"):
            if row[number] is not None:
                row[number] = int(row[number])
        if row["students"] is not None:
            row["students"] = json.loads(row["students"])
        rows.append(row)
    return rows


@pytest.fixture(scope="module")
def plain(region: Tuple[Path, str]) -> Tuple[List[Dict[str, Any]], Dict[str, Any]]:
    """The CLI's region report, as rows and whole."""
    return cli_rows(*region)


def test_the_region_on_two_workers_is_the_cli_region(
    region: Tuple[Path, str], client: Any, plain: Tuple[List[Dict[str, Any]], Dict[str, Any]]
) -> None:
    folder, as_of = region
    expected, report = plain
    assert len(expected) > 100
    frame = ekzh.dask.check(folder, as_of, client=client)
    assert frame.npartitions == 5
    assert list(frame.columns) == list(ekzh.dask.FINDING_COLUMNS)
    assert frame_rows(frame.compute()) == expected

    summary = ekzh.dask.summary(folder, as_of, client=client).compute()
    assert len(summary) == 5 * len(ekzh.rules())
    for school in report["schools"]:
        rows = summary[summary["school"] == school["school"]]
        assert set(rows["events"]) == {school["summary"]["events"]}
        found = {r: int(n) for r, n in zip(rows["rule"], rows["findings"]) if n}
        assert found == school["summary"]["by_rule"], school["school"]


def test_the_region_by_pseudonym(
    region: Tuple[Path, str],
    client: Any,
    plain: Tuple[List[Dict[str, Any]], Dict[str, Any]],
    tmp_path: Path,
) -> None:
    folder, as_of = region
    key = tmp_path / "key"
    key.write_bytes(KEY)
    expected, _ = cli_rows(folder, as_of, "--pseudonymize-key", str(key))
    first = frame_rows(ekzh.dask.check(folder, as_of, client=client, pseudonymize=key).compute())
    again = frame_rows(ekzh.dask.check(folder, as_of, client=client, pseudonymize=KEY).compute())
    assert first == again == expected
    ids = {row["student"] for row in plain[0] if row["student"]}
    text = json.dumps(first, ensure_ascii=False)
    assert ids and not any(f'"{i}"' in text for i in ids)


def test_a_list_of_schools_and_a_broken_one(
    region: Tuple[Path, str], client: Any, tmp_path: Path
) -> None:
    folder, as_of = region
    schools = ekzh.dask.schools(folder)
    assert [s.name for s in schools] == sorted(s.name for s in schools)
    assert any(len(s.files) == 2 for s in schools)
    chosen = [Path(schools[0].files[0]), Path(schools[1].files[0])]
    frame = ekzh.dask.check(chosen, as_of, client=client).compute()
    assert set(frame["school"]) <= {schools[0].name, schools[1].name}
    broken = tmp_path / "broken.ndjson"
    broken.write_text('{"type":"mark","value":9}\n', encoding="utf-8")
    with pytest.raises(ekzh.InputError, match="school `broken`"):
        ekzh.dask.check([broken], as_of, client=client).compute()
