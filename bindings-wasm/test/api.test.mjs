// The JavaScript API (SPEC §5): what `check`, `Engine` and `rules` take and give, in Node
// through both `require` and `import`, and that it agrees with the command line.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";

import * as esm from "ekzh";
import { check, Engine, rules, version } from "ekzh";
import { cli, fixturesDir, root, snapshot, unlined } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const fixturePath = join(fixturesDir, "grade1_mark", "fires.json");
const text = readFileSync(fixturePath, "utf8");
const fixture = JSON.parse(text);
const options = { policy: fixture.policy };
const expected = snapshot("grade1_mark", "fires");

test("require and import give the same package", () => {
  const cjs = require("ekzh");
  for (const name of ["check", "Engine", "rules", "version"]) {
    assert.equal(typeof cjs[name], "function", name);
    assert.equal(esm[name], cjs[name], name);
  }
  assert.equal(esm.default.check, cjs.check);
  const pkg = require("ekzh/package.json");
  assert.equal(version(), pkg.version);
  const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
  assert.ok(cargo.includes(`version = "${version()}"`), "the package's version is the workspace's");
});

test("a register in every form gives the same report", () => {
  const fromText = check(text, fixture.as_of, options);
  assert.deepEqual(fromText.findings, expected.findings);
  const bytes = new TextEncoder().encode(text);
  const forms = {
    objects: fixture.events,
    "{events}": { events: fixture.events },
    Uint8Array: bytes,
    ArrayBuffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    NDJSON: fixture.events.map((e) => JSON.stringify(e)).join("\n"),
    "JSON array": JSON.stringify(fixture.events),
  };
  // The file's own bytes keep its lines; objects have none, other text lines of its own.
  for (const [form, events] of Object.entries(forms)) {
    const report = check(events, fixture.as_of, options);
    if (form === "Uint8Array" || form === "ArrayBuffer") {
      assert.deepEqual(report, fromText, form);
    } else {
      assert.deepEqual(unlined(report), unlined(fromText), form);
    }
  }
});

test("the report's shape: asOf, lang, findings with the report's fields, summary, names", () => {
  const report = check(text, fixture.as_of, options);
  assert.deepEqual(Object.keys(report), ["asOf", "lang", "findings", "summary", "names"]);
  assert.equal(check(text, fixture.as_of, { ...options, lang: "en" }).lang, "en");
  assert.deepEqual(report.names, expected.names);
  assert.deepEqual(Object.keys(report.findings[0]), [
    "rule", "clause", "severity", "message", "event", "line", "date", "class", "subject",
    "lesson", "student", "students", "teacher", "period", "parent", "due",
  ]);
  // Text has lines; the rule no clause states has none.
  assert.ok(report.findings.every((f) => Number.isInteger(f.line)));
});

test("asOf: a Date, or text as the CLI's --as-of takes it", () => {
  const asOf = (value, opts) => check([], value, opts).asOf;
  assert.equal(asOf("2024-10-31T18:00:00+03:00"), "2024-10-31T18:00:00+03:00");
  assert.equal(asOf(new Date("2024-10-31T14:00:00Z")), "2024-10-31T18:00:00+04:00");
  // A date: the end of that day in school time.
  assert.equal(asOf("31.10.2024"), "2024-10-31T23:59:59+04:00");
  assert.equal(asOf("2024-10-31"), "2024-10-31T23:59:59+04:00");
  assert.equal(asOf("31.10.2024", { policy: { utc_offset: "+03:00" } }), "2024-10-31T23:59:59+03:00");
  // A date and time without an offset: school time.
  assert.equal(asOf("2024-10-31 18:00"), "2024-10-31T18:00:00+04:00");
  assert.equal(asOf("2024-10-31T18:00"), "2024-10-31T18:00:00+04:00");
  assert.equal(asOf("2024-10-31T18:00", { policy: { utc_offset: "+03:00" } }), "2024-10-31T18:00:00+03:00");
  assert.equal(new Engine().audit("31.10.2024").asOf, "2024-10-31T23:59:59+04:00");
  for (const bad of ["31/10/2024", "", new Date("nonsense"), 1730383200000, null, undefined]) {
    assert.throws(() => check([], bad), (e) => e.kind === "argument" && /asOf/.test(e.message), String(bad));
  }
  // The error says what to write, in Russian by default.
  assert.throws(
    () => check([], "31/10/2024", { lang: "en" }),
    (e) => e.message.startsWith("`asOf`: `31/10/2024` is not a date") && /31\.10\.2024/.test(e.message) && /2024-10-31 18:00/.test(e.message),
  );
  assert.throws(
    () => check([], "31/10/2024"),
    (e) => e.message.startsWith("`asOf`: `31/10/2024` — не дата") && /31\.10\.2024/.test(e.message),
  );
});

test("--as-of 31.10.2024: the report of the command line", () => {
  for (const asOf of ["31.10.2024", "2024-10-31 18:00"]) {
    const out = JSON.parse(cli(["check", fixturePath, "--as-of", asOf, "--format", "json", "--policy", policyFile()]));
    const report = check(text, asOf, options);
    assert.equal(report.asOf, out.as_of, asOf);
    assert.deepEqual(report.findings, out.findings, asOf);
    assert.deepEqual(report.summary, out.summary, asOf);
  }
});

test("the same report as the command line, in Russian and in English", () => {
  for (const lang of ["ru", "en"]) {
    const out = JSON.parse(cli(["check", fixturePath, "--as-of", fixture.as_of, "--format", "json", "--lang", lang, "--policy", policyFile()]));
    const report = check(text, fixture.as_of, { ...options, lang });
    assert.equal(report.asOf, out.as_of);
    assert.deepEqual(report.findings, out.findings, lang);
    assert.deepEqual(report.summary, out.summary, lang);
  }
  assert.notEqual(
    check(text, fixture.as_of, { ...options, lang: "en" }).findings[0].message,
    check(text, fixture.as_of, options).findings[0].message,
  );
});

/** The fixture's policy as a file for the command line. */
function policyFile() {
  const path = join(root, "target", "ekzh-wasm-test-policy.json");
  require("node:fs").mkdirSync(join(root, "target"), { recursive: true });
  require("node:fs").writeFileSync(path, JSON.stringify(fixture.policy));
  return path;
}

test("rules() lists the catalogue as `ekzh rules --format json` does", () => {
  const list = rules();
  assert.deepEqual(list, JSON.parse(cli(["rules", "--format", "json"])));
  assert.ok(list.some((r) => r.id === "grade1_mark" && r.clause === "2.6" && r.severity === "error"));
});

test("options are checked", () => {
  assert.throws(() => check([], "2024-10-31", { skip_invalid: true }), (e) => e.kind === "argument" && /skip_invalid/.test(e.message));
  assert.throws(() => check([], "2024-10-31", { lang: "de" }), (e) => e.kind === "argument" && /lang/.test(e.message));
  assert.throws(() => check([], "2024-10-31", { skipInvalid: "yes" }), (e) => e.kind === "argument");
  assert.throws(() => check([], "2024-10-31", "ru"), (e) => e.kind === "argument");
  assert.throws(() => check(42, "2024-10-31"), (e) => e.kind === "argument" && /events/.test(e.message));
  assert.throws(() => check({ rows: [] }, "2024-10-31"), (e) => e.kind === "argument");
  assert.deepEqual(check([], "2024-10-31", null), check([], "2024-10-31", {}));
});

test("a policy as an object or as JSON text; a bad one names its key", () => {
  const asText = check(text, fixture.as_of, { policy: JSON.stringify(fixture.policy) });
  assert.deepEqual(asText, check(text, fixture.as_of, options));
  const cases = [
    [{ long_absence: 5 }, "long_absence", /неизвестное поле `long_absence`/],
    [{ min_marks_for_final: { month: 3 } }, "min_marks_for_final.month", /month/],
    [{ no_marks_grades: [0] }, "no_marks_grades", /0/],
    [{ utc_offset: "Samara" }, "utc_offset", /Samara/],
    ['{"long_absence_lessons": "three"}', "long_absence_lessons", /three/],
  ];
  for (const [policy, field, message] of cases) {
    assert.throws(
      () => check([], "2024-10-31", { policy }),
      (e) => e instanceof Error && e.kind === "policy" && e.field === field && message.test(e.message) && e.event === null,
      JSON.stringify(policy),
    );
    assert.throws(() => new Engine(policy), (e) => e.kind === "policy" && e.field === field);
  }
});

test("Engine: push tells an entry's findings, audit gives the report", () => {
  const engine = new Engine(fixture.policy, { lang: "en" });
  const told = [];
  fixture.events.forEach((event, i) => {
    // Objects and JSON text alike.
    const findings = engine.push(i % 2 ? event : JSON.stringify(event));
    assert.ok(Array.isArray(findings));
    told.push(...findings);
  });
  assert.ok(told.some((f) => f.rule === "grade1_mark" && /grade 1/.test(f.message)), "push told no grade1_mark");
  const report = engine.audit(fixture.as_of);
  for (const finding of told) assert.ok(report.findings.some((f) => JSON.stringify(f) === JSON.stringify(finding)));
  // Events pushed have no lines; the same report otherwise.
  const checked = check(text, fixture.as_of, { ...options, lang: "en" });
  assert.deepEqual(report, { ...checked, findings: checked.findings.map((f) => ({ ...f, line: null })) });
  assert.throws(() => new Engine(null, { lang: "fr" }), (e) => e.kind === "argument");
  assert.throws(() => new Engine(null, { language: "en" }), (e) => e.kind === "argument");
});

test("messages of bad objects read as the core's", () => {
  assert.throws(
    () => check([{ type: "mark", lesson: "l", student: "s", value: true }], "2024-10-31", { lang: "en" }),
    (e) => e.field === "value" && e.message === "event 1, field `value`: invalid type: boolean `true`, expected a mark from 1 to 5",
  );
  assert.throws(
    () => check([{ type: "mark", lesson: "l", student: "s", value: true }], "2024-10-31"),
    (e) => e.field === "value" && e.message === "событие 1, поле `value`: ожидается отметка от 1 до 5, а не логическое значение `true`",
  );
});

// The examples of the second reading (SPEC §1, §3) and the new rules' keys, as a page or a
// Node service would meet them.
const secondReading = [
  ["work_graded_late", "next_lesson_recorded_later", [["lesson_entered_late", null], ["work_graded_late", "s1"], ["work_graded_late", "s2"]]],
  ["final_mark_unjustified", "undated_final_mark", [["final_mark_unjustified", "s2"]]],
  ["absent_mark_without_basis", "absence_after_mark", [["absent_mark_without_basis", "s1"]]],
  ["student_not_in_lesson", "left_recorded_later", [["student_not_in_lesson", "s1"]]],
];
for (const [rule, kase, expected] of secondReading) {
  test(`second reading: ${kase} gives what SPEC §3 says, checked and pushed`, () => {
    const fixture = JSON.parse(readFileSync(join(fixturesDir, rule, `${kase}.json`), "utf8"));
    const key = (f) => [f.rule, f.student];
    const order = (a, b) => `${a[0]} ${a[1]}`.localeCompare(`${b[0]} ${b[1]}`);
    const found = check(fixture.events, fixture.as_of).findings.map(key).sort(order);
    assert.deepEqual(found, [...expected].sort(order));
    const engine = new Engine();
    for (const event of fixture.events) engine.push(event);
    assert.deepEqual(engine.audit(fixture.as_of).findings.map(key).sort(order), found);
    engine.free();
  });
}

test("parent notices and the policy keys of the new rules", () => {
  const fixture = JSON.parse(readFileSync(join(fixturesDir, "parent_not_notified", "fires.json"), "utf8"));
  const students = (report) => report.findings.map((f) => f.student).sort();
  assert.deepEqual(students(check(fixture.events, fixture.as_of)), ["s1", "s2"]);
  const lenient = check(fixture.events, fixture.as_of, { policy: { parent_notice_within_days: 10 } });
  assert.deepEqual(students(lenient), ["s2"]);
  const notice = { type: "parent_notice", student: "s1", reason: "failing", date: "2024-10-28", at: "2024-10-28T17:00:00+04:00", by: "t1" };
  assert.deepEqual(students(check([...fixture.events, notice], fixture.as_of)), ["s2"]);
  assert.throws(
    () => check(fixture.events, fixture.as_of, { policy: { sparse_marks_lessons: 0 } }),
    (e) => e.kind === "policy" && e.field === "sparse_marks_lessons",
  );
});
