// SPEC §6: bad input gets a clear error naming the event (index, and line for NDJSON) and
// the field — thrown as an Error with `event`, `line` and `field` — and never a crash.
import assert from "node:assert/strict";
import { test } from "node:test";

import { check, Engine } from "ekzh";
import { unlined } from "./helpers.mjs";

const AS_OF = "2024-10-31T18:00:00+04:00";
const at = "2024-09-02T09:20:00+04:00";
const lines = [
  { type: "period", id: "q1", kind: "quarter", start: "2024-09-02", end: "2024-10-25" },
  { type: "class", id: "5a", grade: 5, name: "5А" },
  { type: "staff", id: "t1", roles: ["teacher"] },
  { type: "student", id: "s1", class: "5a" },
  {
    type: "lesson", id: "l1", class: "5a", subject: "Математика", teacher: "t1",
    date: "2024-09-02", start: "08:30", end: "09:15", topic: "Натуральные числа", at, by: "t1",
  },
  { type: "mark", lesson: "l1", student: "s1", value: 5, at, by: "t1" },
];
const good = () => lines.map((e) => ({ ...e }));
const ndjson = (events) => events.map((e) => JSON.stringify(e)).join("\n") + "\n";

/** Asserts that `fn` throws an ekzh Error with these properties. */
function throwsWith(fn, expected) {
  let thrown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown instanceof Error, `expected an Error, got ${thrown}`);
  for (const [key, value] of Object.entries(expected)) {
    assert.deepEqual(thrown[key], value, `${key} of «${thrown.message}»`);
  }
  for (const key of ["event", "line", "field"]) {
    assert.ok(key in thrown, `no \`${key}\` on «${thrown.message}»`);
  }
  return thrown;
}

test("the good register checks", () => {
  assert.equal(check(ndjson(good()), AS_OF).summary.events, lines.length);
  assert.equal(check(good(), AS_OF).summary.events, lines.length);
});

test("broken JSON", () => {
  const text = '[{"type":"class","id":"5a","grade":5},\n{"type":"class" "id":"5b"}]';
  throwsWith(() => check(text, AS_OF), { kind: "input", event: 1, line: 2, field: null });
  throwsWith(() => check('{"type":"class",bad}\n', AS_OF), { event: 0, line: 1, field: null });
});

test("truncated input", () => {
  const text = JSON.stringify({ events: good() });
  const cut = text.slice(0, Math.floor(text.length * 0.6));
  const e = throwsWith(() => check(cut, AS_OF), { kind: "input", line: 1 });
  assert.equal(typeof e.event, "number");
  const nd = ndjson(good());
  throwsWith(() => check(nd.slice(0, nd.length - 10), AS_OF), { event: lines.length - 1, line: lines.length });
});

test("non-UTF-8 bytes", () => {
  const bytes = new TextEncoder().encode(ndjson(good()));
  const third = bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1) + 1;
  const bad = new Uint8Array(bytes);
  bad[third + 25] = 0xff; // inside the third line's `id`
  const e = throwsWith(() => check(bad, AS_OF), { kind: "input", event: 2, line: 3, field: null });
  assert.match(e.message, /UTF-8/);
  // The same inside a JSON array, and as an ArrayBuffer.
  const array = new TextEncoder().encode(JSON.stringify(good(), null, 1));
  const broken = new Uint8Array(array);
  broken[array.lastIndexOf(0x35 /* the `5` of the mark */)] = 0xc3;
  throwsWith(() => check(broken.buffer, AS_OF), { kind: "input", event: 5 });
});

test("100 000 nested brackets", () => {
  const deep = "[".repeat(100_000) + "]".repeat(100_000);
  throwsWith(() => check(deep, AS_OF), { kind: "input" });
  throwsWith(() => check("[".repeat(100_000), AS_OF), { kind: "input" });
  // In a field the event uses, the wrong type; in a field it ignores, valid JSON skipped
  // without recursion, as the command line does.
  const used = `{"type":"homework","lesson":"l1","text":"x","students":${deep}}\n`;
  throwsWith(() => check(ndjson(good()) + used, AS_OF), {
    event: lines.length,
    line: lines.length + 1,
    field: "students[0]",
  });
  const ignored = `{"type":"class","id":"5b","grade":5,"extra":${deep}}\n`;
  assert.equal(check(ndjson(good()) + ignored, AS_OF).summary.events, lines.length + 1);
  // As JavaScript objects: too deep for JSON.stringify, an error of that event, wherever
  // the nesting is; skipped, the rest is checked.
  let nested = [];
  for (let i = 0; i < 100_000; i++) nested = [nested];
  for (const event of [{ ...lines[1], id: "5c", extra: nested }, { type: "homework", lesson: "l1", text: "x", students: nested }]) {
    throwsWith(() => check([...good(), event], AS_OF), { kind: "input", event: lines.length, line: null, field: null });
    throwsWith(() => new Engine().push(event), { kind: "input", event: 0 });
    const report = check([...good(), event], AS_OF, { skipInvalid: true });
    assert.equal(report.summary.input_errors, 1);
    assert.equal(report.summary.events, lines.length + 1);
  }
  // Nested arrays not quite so deep reach the reader, which names the field.
  let deepish = [];
  for (let i = 0; i < 1000; i++) deepish = [deepish];
  throwsWith(() => check([...good(), { type: "homework", lesson: "l1", text: "x", students: deepish }], AS_OF), {
    event: lines.length,
    field: "students[0]",
  });
  // A policy so deep cannot be read either.
  throwsWith(() => check(good(), AS_OF, { policy: { subject_kinds: nested } }), { event: null });
});

test("1e40 where a mark goes", () => {
  const events = good();
  events[5].value = 1e40;
  throwsWith(() => check(events, AS_OF), { event: 5, line: null, field: "value" });
  const text = ndjson(good()).replace('"value":5', '"value":1e40');
  throwsWith(() => check(text, AS_OF), { event: 5, line: 6, field: "value" });
});

test("a mark of 7", () => {
  const events = good();
  events[5].value = 7;
  const e = throwsWith(() => check(events, AS_OF), { kind: "input", event: 5, field: "value" });
  assert.match(e.message, /7/);
});

test("an unknown type", () => {
  const events = good();
  events[3] = { ...events[3], type: "pupil" };
  throwsWith(() => check(events, AS_OF), { event: 3, field: "type" });
  throwsWith(() => check(ndjson(events), AS_OF), { event: 3, line: 4, field: "type" });
});

test("a date like 2024-13-45", () => {
  const events = good();
  events[4].date = "2024-13-45";
  const e = throwsWith(() => check(events, AS_OF), { event: 4, field: "date" });
  assert.match(e.message, /2024-13-45/);
  throwsWith(() => check(good(), "2024-13-45"), { kind: "argument" });
});

test("a bad line in the middle of NDJSON", () => {
  const text = ndjson(good()).split("\n");
  text.splice(3, 0, '{"type":"student","id":"s2","class":"5a","since":"yesterday"}');
  const register = text.join("\n");
  throwsWith(() => check(register, AS_OF), { event: 3, line: 4, field: "since" });
  // Skipped, it is listed as an input error and the rest is checked.
  const report = check(register, AS_OF, { skipInvalid: true });
  assert.equal(report.summary.input_errors, 1);
  assert.equal(report.summary.events, lines.length + 1);
  const [error] = report.findings.filter((f) => f.rule === "input_error");
  assert.equal(error.event, 3);
  assert.match(error.message, /since/);
});

test("a bad event pushed into an Engine throws and stores nothing", () => {
  const engine = new Engine();
  for (const event of good().slice(0, 4)) engine.push(event);
  throwsWith(() => engine.push({ type: "mark", lesson: "l1", student: "s1", value: 7 }), {
    event: 4,
    field: "value",
  });
  throwsWith(() => engine.push('{"type":"class","id":"5b","grade":12}'), { event: 4, field: "grade" });
  throwsWith(() => engine.push("{broken"), { event: 4 });
  // Declared again differently: a contradiction, named by its field.
  throwsWith(() => engine.push({ ...lines[1], grade: 6 }), { event: 4, field: "grade" });
  assert.equal(engine.length, 4);
  for (const event of good().slice(4)) engine.push(event);
  assert.equal(engine.audit(AS_OF).summary.events, lines.length);
});

test("values JSON cannot write are errors of their event", () => {
  const cyclic = { ...lines[1], id: "5c" };
  cyclic.self = cyclic;
  throwsWith(() => check([...good(), cyclic], AS_OF), { kind: "input", event: lines.length, field: null });
  throwsWith(() => check([...good(), { ...lines[1], id: "5d", grade: 5n }], AS_OF), { event: lines.length });
  // JSON writes NaN as null: a mark that is not there.
  const events = good();
  events[5].value = NaN;
  throwsWith(() => check(events, AS_OF), { event: 5, field: "value" });
  // A Date in `at` is written as its moment in UTC, which reads as RFC 3339.
  const dated = good();
  dated[5].at = new Date("2024-09-02T05:20:00Z");
  assert.deepEqual(check(dated, AS_OF), check(good(), AS_OF));
});

test("the process survives it all and checks as before", () => {
  const report = check(ndjson(good()), AS_OF);
  assert.equal(report.summary.events, lines.length);
  assert.deepEqual(unlined(check(good(), AS_OF)), unlined(report));
});
