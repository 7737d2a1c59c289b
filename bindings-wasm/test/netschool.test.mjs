// `fromNetschool` (SPEC §7, `ekzh/tools`) on the NetSchool fixtures (tests/fixtures/netschool, imported
// as its cases.json says): the events, import summary and report of the Rust snapshots
// (tests/snapshots/netschool__*), whichever way the download is handed over; bad downloads
// throw an Error naming the file, the line, the path inside the JSON and the field.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";

import * as ekzh from "ekzh";
import { check } from "ekzh";
import * as tools from "ekzh/tools";
import { fromNetschool } from "ekzh/tools";
import { root, snapshot, snapshotsDir } from "./helpers.mjs";

const dir = join(root, "tests", "fixtures", "netschool");
const read = (name) => readFileSync(join(dir, name), "utf8");
const { cases } = JSON.parse(read("cases.json"));
const { inputs: bad } = JSON.parse(read(join("bad", "expected.json")));
const WEEK = "student-diary-week-2023-04-10.json";

const require = createRequire(import.meta.url);

test("the importer is `ekzh/tools`, by require and import; the checker has none", () => {
  const cjs = require("ekzh/tools");
  assert.equal(typeof cjs.fromNetschool, "function");
  assert.equal(tools.fromNetschool, cjs.fromNetschool);
  assert.equal(tools.default.fromNetschool, cjs.fromNetschool);
  assert.equal(ekzh.fromNetschool, undefined);
  assert.equal(require("ekzh").fromNetschool, undefined);
});

/** A case's options as `fromNetschool` names them; its types as the file's text. */
function options(given) {
  const out = {};
  for (const [key, value] of Object.entries(given ?? {})) {
    if (key === "types") out.types = read(value);
    else if (key === "class") out.className = value;
    else out[key] = value;
  }
  return out;
}

function textSnapshot(name) {
  return readFileSync(join(snapshotsDir, `${name}.snap`), "utf8").split("---\n").slice(2).join("---\n");
}

for (const kase of cases) {
  test(`${kase.name}: the events, summary and report of the Rust snapshots`, () => {
    const files = kase.files.map(read);
    const imported = fromNetschool(files.length === 1 ? files[0] : files, options(kase.options));
    assert.deepEqual(Object.keys(imported), ["events", "summary", "text"]);
    assert.deepEqual(imported.events, snapshot(`netschool__${kase.name}`, "events"));
    assert.deepEqual(imported.summary, snapshot(`netschool__${kase.name}`, "summary"));
    assert.equal(imported.events[0].type, "extract");
    const english = fromNetschool(files[0], { ...options(kase.options), lang: "en" });
    assert.equal(`${imported.text}\n${english.text}`, textSnapshot(`netschool__${kase.name}__text`));
    const report = check(imported.events, kase.as_of);
    const expected = snapshot(`netschool__${kase.name}`, "report");
    assert.deepEqual(report.findings, expected.findings);
    assert.deepEqual(report.summary, expected.summary);
  });
}

test("a download in every form reads alike", () => {
  const text = read(WEEK);
  const bytes = new TextEncoder().encode(text);
  const expected = snapshot("netschool__diary_week", "events");
  const forms = {
    text,
    object: JSON.parse(text),
    "array of responses": [JSON.parse(text)],
    Uint8Array: bytes,
    ArrayBuffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    "array of texts": [text],
  };
  for (const [form, json] of Object.entries(forms)) {
    assert.deepEqual(fromNetschool(json).events, expected, form);
  }
  const types = JSON.parse(read("assignment-types.json"));
  assert.deepEqual(
    fromNetschool(text, { types }).events,
    snapshot("netschool__diary_week_with_types", "events"),
  );
});

test("the real week: three empty homework entries, the extracurricular «---» left out", () => {
  const { events, summary } = fromNetschool(read(WEEK));
  const report = check(events, "2023-04-20T00:00:00+04:00");
  const texts = new Map(events.filter((e) => e.type === "homework").map((e) => [e.lesson, e.text]));
  const empty = report.findings.filter((f) => f.rule === "homework_empty").map((f) => texts.get(f.lesson));
  assert.deepEqual(empty.sort(), ["-", "-", "----"]);
  assert.ok(![...texts.values()].includes("---"));
  assert.deepEqual(summary.left_out, { extracurricular_lessons: 1 });
  assert.deepEqual(summary.unknown_types, { 18: 1, 20: 1 });
});

test("the real week: only what a diary holds is judged, the rest is counted", () => {
  const { events } = fromNetschool(read(WEEK));
  const report = check(events, "2023-04-20T00:00:00+04:00");
  // No topics, entry times, authors, teachers, attendance or final marks in a diary:
  // nothing that needs them is reported, only empty homework and homework that does not
  // say what to do.
  assert.deepEqual(report.findings.map((f) => f.rule).sort(), [
    "homework_empty", "homework_empty", "homework_empty",
    "homework_uninformative", "homework_uninformative",
  ]);
  const notJudged = report.summary.not_judged;
  assert.deepEqual(notJudged.lesson_topic_missing, { lacks_topic: 33 });
  assert.deepEqual(notJudged.homework_entered_late, { lacks_at: 33 });
  assert.deepEqual(notJudged.briefing_repeat_missing, { lacks_topic: 2 });
  assert.deepEqual(notJudged.absent_mark_without_basis, { lacks_attendance: 10 });
  assert.equal(report.summary.fill.total.with_topic, null);
  // The same events as the whole school's register: judged as before, no `not_judged`.
  const whole = check(events.filter((e) => e.type !== "extract"), "2023-04-20T00:00:00+04:00");
  assert.equal("not_judged" in whole.summary, false);
  assert.ok(whole.findings.some((f) => f.rule === "lesson_topic_missing"));
});

test("the class journal keeps the findings its part can judge", () => {
  const journal = cases.find((c) => c.name === "journal_quarter");
  const { events } = fromNetschool(read(journal.files[0]), options(journal.options));
  const report = check(events, journal.as_of);
  assert.deepEqual(report.findings.map((f) => f.rule).sort(), [
    "absence_reason_unset",
    "failing_mark_after_absence",
  ]);
  assert.deepEqual(report.summary.not_judged.lesson_topic_missing, { lacks_topic: 24 });
  assert.deepEqual(report.summary.not_judged.thematic_plan_missing, { lacks_plans: 1 });
});

for (const input of bad) {
  test(`a bad download: ${input.covers}`, () => {
    const file = `bad/${input.file}`;
    const given = { ...options(input.options), file, lang: "en" };
    const text = read(file);
    assert.throws(
      () => fromNetschool(text, given),
      (error) => {
        assert.ok(error instanceof Error);
        assert.equal(error.kind, "input");
        assert.equal(error.event, null);
        assert.equal(error.file, file);
        assert.equal(error.line, input.line);
        assert.equal(error.path, input.path);
        assert.equal(error.field, input.field);
        assert.ok(error.message.includes(input.message), error.message);
        assert.ok(error.message.startsWith(`\`${file}\``), error.message);
        return true;
      },
    );
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    // A parsed download names the same path, and no file unless given one.
    assert.throws(
      () => fromNetschool(parsed, options(input.options)),
      (error) => error.path === input.path && error.field === input.field && error.file === null,
    );
  });
}

test("options that cannot be used are argument errors", () => {
  const journal = read("class-journal-7a-algebra-q1-2024.json");
  for (const [given, field] of [
    [{ subject: "Алгебра" }, "class"],
    [{ className: "7А" }, "subject"],
    [{ className: "7А", subject: "Алгебра", period: "quarter:2024-09-02" }, "period"],
    [{ className: "7А", subject: "Алгебра", grade: 12 }, "grade"],
  ]) {
    assert.throws(
      () => fromNetschool(journal, given),
      (error) => error.kind === "argument" && error.field === field,
      JSON.stringify(given),
    );
  }
  assert.throws(() => fromNetschool(read(WEEK), { teacher: "x" }), /unknown option `teacher`/);
  assert.throws(() => fromNetschool(read(WEEK), { grade: "11" }), /whole number/);
  assert.throws(() => fromNetschool(42), (error) => error.kind === "argument");
});
