// Every shared fixture checked by the WebAssembly build gives exactly the report of its Rust
// snapshot: from text, from objects, and entry by entry through the Engine.
import assert from "node:assert/strict";
import { test } from "node:test";

import { check, Engine } from "ekzh";
import { fixtureOptions, ruleFixtures, snapshot } from "./helpers.mjs";

const fixtures = ruleFixtures();

test("there are fixtures to check", () => {
  assert.ok(fixtures.length >= 2, `only ${fixtures.length} fixtures found`);
});

for (const { rule, kase, text, fixture } of fixtures) {
  const name = `${rule}/${kase}`;
  const expected = snapshot(rule, kase);

  test(`${name}: text gives the snapshot's report`, () => {
    const report = check(text, fixture.as_of, fixtureOptions(fixture));
    assert.equal(report.asOf, expected.as_of);
    assert.deepEqual(report.findings, expected.findings);
    assert.deepEqual(report.summary, expected.summary);
    assert.deepEqual(report.names, expected.names);
  });

  test(`${name}: objects give the snapshot's findings`, () => {
    const report = check(fixture.events, fixture.as_of, fixtureOptions(fixture));
    // Objects have no lines: findings name none, and an input error's message names the
    // event by its number instead.
    const strip = (f) => ({ ...f, line: null, message: f.rule === "input_error" ? undefined : f.message });
    assert.deepEqual(report.findings.map(strip), expected.findings.map(strip));
    assert.deepEqual(report.summary, expected.summary);
  });

  if (!fixture.skip_invalid) {
    test(`${name}: pushing every event and auditing gives the same report`, () => {
      const engine = new Engine(fixture.policy ?? null);
      for (const event of fixture.events) engine.push(event);
      assert.equal(engine.length, fixture.events.length);
      const report = engine.audit(fixture.as_of);
      // Events pushed have no lines.
      assert.deepEqual(report.findings, expected.findings.map((f) => ({ ...f, line: null })));
      assert.deepEqual(report.summary, expected.summary);
      assert.deepEqual(report.names, expected.names);
      engine.free();
    });
  }
}
