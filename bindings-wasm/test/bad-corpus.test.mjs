// The bad-input corpus of tests/bad (SPEC §6), whose manifest says what every face must
// give: each register as text, as bytes and as an ArrayBuffer throws an Error naming the
// event, the line and the field; with `{skipInvalid: true}` the report lists exactly the
// manifest's events as input errors and is the Rust suite's snapshot (the rest checked as
// the core checks it). Every bad policy names its key. The process survives all of it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { check, Engine } from "ekzh";
import { badDir, badManifest, snapshot } from "./helpers.mjs";

const manifest = badManifest();
const AS_OF = manifest.as_of;

/** The register as text (when it is UTF-8), as bytes and as an ArrayBuffer. */
function forms(file) {
  const bytes = new Uint8Array(readFileSync(join(badDir, file)));
  const out = [
    ["bytes", bytes],
    ["ArrayBuffer", bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)],
  ];
  try {
    out.push(["text", new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes)]);
  } catch {
    // Not UTF-8: no text for it.
  }
  return out;
}

function thrownBy(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

test("the corpus has registers and policies", () => {
  assert.ok(manifest.registers.length >= 10);
  assert.ok(manifest.policies.length >= 1);
});

for (const kase of manifest.registers) {
  const expected = snapshot("bad", kase.file.replace(".", "_"));

  for (const [form, input] of forms(kase.file)) {
    test(`${kase.file} as ${form}: an Error naming event, line and field`, () => {
      const error = thrownBy(() => check(input, AS_OF, { lang: "en" }));
      assert.ok(error instanceof Error, `no Error: ${error}`);
      assert.equal(error.kind, "input", error.message);
      assert.deepEqual(
        [error.event, error.line, error.field],
        [kase.error.event, kase.error.line, kase.error.field],
        error.message,
      );
      assert.ok(error.message.includes(kase.error.message), error.message);
      // In Russian by default, the same place.
      const russian = thrownBy(() => check(input, AS_OF));
      assert.deepEqual([russian.event, russian.line, russian.field], [error.event, error.line, error.field]);
      const place = kase.error.line !== null ? `строка ${kase.error.line}` : kase.error.event !== null ? `событие ${kase.error.event + 1}` : "";
      assert.ok(russian.message.includes(place), russian.message);
    });

    test(`${kase.file} as ${form}: skipped, exactly the bad events and the rest checked`, () => {
      const report = check(input, AS_OF, { skipInvalid: true });
      assert.equal(report.asOf, expected.as_of);
      assert.deepEqual(report.findings, expected.findings);
      assert.deepEqual(report.summary, expected.summary);
      const errors = report.findings.filter((f) => f.rule === "input_error");
      assert.deepEqual(
        errors.map((f) => f.event),
        kase.skipped.map((s) => s.event),
      );
      for (const [finding, skipped] of errors.map((f, i) => [f, kase.skipped[i]])) {
        if (skipped.line !== null) assert.match(finding.message, new RegExp(`строка ${skipped.line}(?![0-9])`));
        if (skipped.field !== null) assert.ok(finding.message.includes(`поле \`${skipped.field}\``));
      }
      assert.equal(report.summary.events, kase.events);
    });
  }
}

for (const kase of manifest.policies.filter((p) => p.file.endsWith(".json"))) {
  test(`${kase.file}: a bad policy names its key`, () => {
    const text = readFileSync(join(badDir, kase.file), "utf8");
    for (const policy of [text, JSON.parse(text)]) {
      for (const fn of [() => check([], AS_OF, { policy }), () => new Engine(policy)]) {
        const error = thrownBy(fn);
        assert.ok(error instanceof Error, `no Error: ${error}`);
        assert.equal(error.kind, "policy", error.message);
        assert.equal(error.field, kase.field, error.message);
      }
    }
  });
}

test("after all of it, the process checks as before", () => {
  const text = readFileSync(join(badDir, "bad_line_in_middle.ndjson"), "utf8");
  const first = check(text, AS_OF, { skipInvalid: true });
  assert.deepEqual(check(text, AS_OF, { skipInvalid: true }), first);
});
