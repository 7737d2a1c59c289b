"""``Report.to_html``: the справка written by the same renderer as ``ekzh report``, with an
earlier report given as a ``Report``, a dict, JSON text or a path; and ``Report.names``."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
from typing import Any

import pytest

import ekzh
from conftest import ROOT

DEMO = ROOT / "examples" / "demo.ndjson"
AS_OF = "2024-10-31T18:00:00+04:00"
EARLIER = "2024-10-24T18:00:00+04:00"
CLI = os.environ.get("EKZH_CLI")


def test_names_are_the_register_s() -> None:
    report = ekzh.check(DEMO, AS_OF)
    assert report.names["classes"]["9a"] == "9А"
    assert report.names["staff"]["smirnova"] == "Смирнова Ольга Николаевна"
    assert report.to_dict()["names"] == report.names
    fill = report.summary["fill"]
    assert fill["from"] == "2024-09-02"
    smirnova = fill["teachers"]["smirnova"]
    assert smirnova["with_topic"] == {"n": 111, "of": 112}
    assert fill["teachers"]["belova"]["marks"] is None  # 1А gets no marks: absent, not 0


def test_every_form_of_the_earlier_report_gives_the_same_document(tmp_path: pathlib.Path) -> None:
    report = ekzh.check(DEMO, AS_OF)
    earlier = ekzh.check(DEMO, EARLIER)
    path = tmp_path / "earlier.json"
    path.write_text(earlier.to_json(), encoding="utf-8")
    html = report.to_html(since=earlier)
    assert 'id="since"' in html
    for since in (earlier.to_dict(), earlier.to_json(pretty=True), path, str(path)):
        assert report.to_html(since=since) == html
    assert report.to_html() != html
    assert report.to_html(school="Школа <№ 1>").count("Школа &lt;№ 1&gt;") == 2


def test_in_the_report_s_language() -> None:
    html = ekzh.check(DEMO, AS_OF, lang="en").to_html()
    assert html.startswith('<!DOCTYPE html><html lang="en">')
    assert "Findings by teacher" in html


def test_what_is_not_a_report_is_refused(tmp_path: pathlib.Path) -> None:
    report = ekzh.check(DEMO, AS_OF)
    with pytest.raises(ValueError, match="since"):
        report.to_html(since={"findings": 3})
    with pytest.raises(ValueError, match="not a JSON report"):
        report.to_html(since="{}")
    with pytest.raises(FileNotFoundError):
        report.to_html(since=tmp_path / "missing.json")
    with pytest.raises(TypeError):
        report.to_html(since=7)  # type: ignore[arg-type]


@pytest.mark.skipif(not CLI, reason="EKZH_CLI is not set")
def test_the_document_is_the_command_line_s(tmp_path: pathlib.Path) -> None:
    assert CLI is not None
    earlier = ekzh.check(DEMO, EARLIER)
    path = tmp_path / "earlier.json"
    path.write_text(earlier.to_json(), encoding="utf-8")

    def run(*args: str) -> str:
        done = subprocess.run([CLI, "report", str(DEMO), "--as-of", AS_OF, *args],
                              capture_output=True, check=True, timeout=60)
        return done.stdout.decode("utf-8")

    report = ekzh.check(DEMO, AS_OF)
    assert report.to_html() == run()
    assert report.to_html(since=path, school="Школа") == run("--since", str(path), "--school", "Школа")
    value: Any = json.loads(earlier.to_json())
    assert report.to_html(since=value, school="Школа") == run("--since", str(path), "--school", "Школа")
