// `reportHtml`: the справка written by the same renderer as `ekzh report`, byte for byte,
// from what `check` returns or from a JSON report, with and without an earlier report.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { check } from "ekzh";
import { reportHtml } from "ekzh/report";
import { cli, root } from "./helpers.mjs";

const demoPath = join(root, "examples", "demo.ndjson");
const demo = readFileSync(demoPath, "utf8");
const AS_OF = "2024-10-31T18:00:00+04:00";
const EARLIER = "2024-10-24T18:00:00+04:00";

test("the справка of check's report is the command line's", () => {
  const report = check(demo, AS_OF);
  assert.equal(report.lang, "ru");
  assert.equal(report.names.classes["9a"], "9А");
  const html = reportHtml(report);
  assert.equal(html, cli(["report", demoPath, "--as-of", AS_OF]));
  assert.ok(html.includes("Справка"));
});

test("English, an earlier report and the school, as the command line writes them", () => {
  const earlierJson = cli(["check", demoPath, "--as-of", EARLIER, "--format", "json", "--lang", "en"]);
  // The command line reads the earlier report from a file: the same one.
  const earlierPath = join(root, "target", "report-html-earlier.json");
  writeFileSync(earlierPath, earlierJson);
  const report = check(demo, AS_OF, { lang: "en" });
  const expected = cli(["report", demoPath, "--as-of", AS_OF, "--lang", "en", "--school", "School 1", "--since", earlierPath]);
  for (const since of [earlierJson, JSON.parse(earlierJson), check(demo, EARLIER, { lang: "en" })]) {
    assert.equal(reportHtml(report, { since, school: "School 1" }), expected);
  }
  assert.ok(expected.includes('id="since"'));
});

test("a JSON report reads as well as check's object", () => {
  const json = cli(["check", demoPath, "--as-of", AS_OF, "--format", "json"]);
  assert.equal(reportHtml(json), reportHtml(check(demo, AS_OF)));
  assert.equal(reportHtml(JSON.parse(json), { lang: "ru" }), reportHtml(check(demo, AS_OF)));
});

test("what is not a report is an argument error", () => {
  for (const [bad, options] of [[[1, 2], undefined], ["{}", undefined], [check(demo, AS_OF), { since: 7 }], [check(demo, AS_OF), { colour: "red" }]]) {
    assert.throws(() => reportHtml(bad, options), (e) => e.kind === "argument", JSON.stringify(options));
  }
});

