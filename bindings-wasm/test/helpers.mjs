// Shared by the Node tests: where things are, the CLI, snapshots.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, "..", "..");
export const fixturesDir = join(root, "tests", "fixtures", "rules");
export const snapshotsDir = join(root, "tests", "snapshots");

/** Every rule fixture: {rule, kase, path, text, fixture}. */
export function ruleFixtures() {
  const out = [];
  for (const rule of readdirSync(fixturesDir).sort()) {
    for (const file of readdirSync(join(fixturesDir, rule)).sort()) {
      if (!file.endsWith(".json")) continue;
      const path = join(fixturesDir, rule, file);
      const text = readFileSync(path, "utf8");
      out.push({ rule, kase: file.slice(0, -5), path, text, fixture: JSON.parse(text) });
    }
  }
  return out;
}

/** The report an insta snapshot keeps: the JSON after its `---` header. */
export function snapshot(rule, kase) {
  const text = readFileSync(join(snapshotsDir, `${rule}__${kase}.snap`), "utf8");
  const body = text.split(/^---$/m).slice(2).join("---");
  return JSON.parse(body);
}

/** `check`'s options for a fixture. */
export function fixtureOptions(fixture) {
  return { policy: fixture.policy ?? null, skipInvalid: fixture.skip_invalid ?? false };
}

/**
 * A report with its findings' lines left out: events given as objects, or as text other
 * than the file's, have no lines or lines of their own.
 */
export function unlined(report) {
  return { ...report, findings: report.findings.map(({ line, ...finding }) => finding) };
}

/** Runs the `ekzh` command line (EKZH_BIN, or `cargo run`) and returns its standard output. */
export function cli(args) {
  const bin = process.env.EKZH_BIN;
  const [cmd, argv] = bin
    ? [bin, args]
    : ["cargo", ["run", "--quiet", "--locked", "--bin", "ekzh", "--", ...args]];
  try {
    return execFileSync(cmd, argv, { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 });
  } catch (error) {
    // `ekzh check` exits 1 when it finds something: its output is still the report.
    if (error.status === 1 && error.stdout) return error.stdout;
    throw error;
  }
}

export const badDir = join(root, "tests", "bad");

/** The bad-input corpus's manifest, `tests/bad/expected.json`. */
export function badManifest() {
  return JSON.parse(readFileSync(join(badDir, "expected.json"), "utf8"));
}
