#!/usr/bin/env node
// The WebAssembly build's `check` against the native core on the same large register, in
// one run: times the native `check_bytes` (the root examples/native_check.rs, release
// build) and the package's `check` from NDJSON text and from objects, in interleaved
// rounds, and prints medians and the ratios. Timings are printed, never asserted.
//
//   node bench/bench.mjs [FILE --as-of DATE] [--runs N]
//
// Without a file it writes one with `ekzh gen --classes 5 --weeks 34 --seed 1` (about
// 100 000 events); scripts/bench passes its 1M-event register. Run from bindings-wasm/
// after ./build.sh.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { check } from "ekzh";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
};
let asOf = option("--as-of", undefined);
const runs = Number(option("--runs", "5"));
let file = args[0] && resolve(args[0]);

// The native check and the generator, built once; each round runs the native check, then
// the two WebAssembly checks, so that the load of a shared machine weighs on all three alike.
execFileSync("cargo", ["build", "--quiet", "--locked", "--release", "-p", "ekzh", "--bin", "ekzh", "--example", "native_check"], {
  cwd: root,
  stdio: ["ignore", "inherit", "inherit"],
});
const targetDir = JSON.parse(execFileSync("cargo", ["metadata", "--format-version", "1", "--no-deps", "--locked"], { cwd: root, encoding: "utf8" })).target_directory;
const nativeBin = join(targetDir, "release", "examples", "native_check");
if (!file) {
  mkdirSync(join(here, "out"), { recursive: true });
  file = join(here, "out", "register-100k.ndjson");
  const gen = ["gen", "--classes", "5", "--weeks", "34", "--seed", "1"];
  const made = spawnSync(join(targetDir, "release", "ekzh"), gen, { maxBuffer: 1 << 30 });
  writeFileSync(file, made.stdout);
  // The generator says at which moment its register is whole.
  asOf = /--as-of ([^`]+)`/.exec(made.stderr.toString())?.[1];
}
if (!asOf) {
  throw new Error("usage: node bench/bench.mjs [FILE --as-of DATE] [--runs N]");
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const text = readFileSync(file, "utf8");
const lines = text.split("\n").filter((l) => l.trim()).length;

const objects = text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));

function timed(fn) {
  const start = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}
const native = { ms: [], findings: 0 };
const fromText = { ms: [], result: null };
const fromObjects = { ms: [], result: null };
for (let round = 0; round <= runs; round++) {
  const n = JSON.parse(execFileSync(nativeBin, [file, asOf, "1"], { encoding: "utf8" }));
  const t = timed(() => check(text, asOf));
  const o = timed(() => check(objects, asOf));
  if (round === 0) continue; // warm-up: compile and grow memory once
  native.ms.push(n.best * 1000);
  native.findings = n.findings;
  fromText.ms.push(t.ms);
  fromText.result = t.result;
  fromObjects.ms.push(o.ms);
  fromObjects.result = o.result;
}

for (const { result } of [fromText, fromObjects]) {
  if (result.findings.length !== native.findings) {
    throw new Error(`findings differ: wasm ${result.findings.length}, native ${native.findings}`);
  }
}
const nativeMs = median(native.ms);
const row = (name, ms) =>
  `${name.padEnd(34)} ${median(ms).toFixed(0).padStart(7)} ms   ×${(median(ms) / nativeMs).toFixed(2)}`;
console.log(`register: ${lines} events, ${(text.length / 1e6).toFixed(1)} M characters; as of ${asOf}; ${native.findings} findings; median of ${runs} runs`);
console.log(row("native check_bytes", native.ms));
console.log(row("wasm check(NDJSON text)", fromText.ms));
console.log(row("wasm check(array of objects)", fromObjects.ms));
