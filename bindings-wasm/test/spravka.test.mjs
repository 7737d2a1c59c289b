// The справка in headless Chromium: `ekzh report` on the demo register written to a file,
// opened with nothing fetched, every teacher with a section and every figure the JSON
// summary's, then printed to PDF on A4 with a page per teacher.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";

import { chromium } from "playwright-core";

import { cli, root } from "./helpers.mjs";

const demo = join(root, "examples", "demo.ndjson");
const AS_OF = "2024-10-31T18:00:00+04:00";
const out = join(root, "target", "spravka-test");
const file = join(out, "spravka.html");

let browser;
let page;
let summary;
let names;
const requests = [];

before(async () => {
  mkdirSync(out, { recursive: true });
  cli(["report", demo, "--as-of", AS_OF, "-o", file]);
  ({ summary, names } = JSON.parse(cli(["check", demo, "--as-of", AS_OF, "--format", "json"])));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  page = await browser.newPage();
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href);
});

after(async () => {
  await browser?.close();
});

/** A figure as the справка writes it in Russian: `97,5 %`, marks per lesson `0,24`. */
function shown(key, { n, of }) {
  if (key === "marks") return (n / of).toFixed(2).replace(".", ",");
  const decimals = n === of || n === 0 ? 0 : 1;
  return `${((n / of) * 100).toFixed(decimals).replace(".", ",")}\u00a0%`;
}

/** The rows of a fill table: id → {figure → {n, of, text}}. */
function table(selector, key) {
  return page.evaluate(
    ([selector, key]) =>
      Object.fromEntries(
        [...document.querySelectorAll(`${selector} tbody tr`)].map((tr) => [
          tr.dataset[key],
          Object.fromEntries(
            [...tr.querySelectorAll("td[data-figure], td[data-severity]")].map((td) => [
              td.dataset.figure ?? `findings.${td.dataset.severity}`,
              { n: td.dataset.n === undefined ? null : Number(td.dataset.n), of: td.dataset.of === undefined ? null : Number(td.dataset.of), text: td.firstChild?.textContent ?? "" },
            ]),
          ),
        ]),
      ),
    [selector, key],
  );
}

function agrees(shownRows, rows, what) {
  const figures = ["with_topic", "topic_on_time", "with_homework", "homework_on_time", "marks", "works_on_time"];
  for (const [id, row] of Object.entries(rows)) {
    if (row.lessons === 0) continue;
    const cells = shownRows[id];
    assert.ok(cells, `${what} ${id}: no row`);
    assert.equal(cells.lessons.n, row.lessons, `${what} ${id}: lessons`);
    for (const key of figures) {
      const figure = row[key];
      if (figure === null) {
        assert.equal(cells[key].n, null, `${what} ${id} ${key}`);
        assert.equal(cells[key].text, "—");
      } else {
        assert.deepEqual([cells[key].n, cells[key].of], [figure.n, figure.of], `${what} ${id} ${key}`);
        assert.equal(cells[key].text, shown(key, figure), `${what} ${id} ${key}`);
      }
    }
    for (const severity of ["error", "warning", "info"]) {
      assert.equal(cells[`findings.${severity}`].n, row.findings[severity] ?? 0, `${what} ${id} ${severity}`);
    }
  }
}

test("every teacher of the demo has a section, by name", async () => {
  const sections = await page.evaluate(() =>
    [...document.querySelectorAll("section.teacher[data-teacher]")].map((s) => [s.dataset.teacher, s.querySelector("h2").textContent]),
  );
  const teachers = Object.keys(summary.fill.teachers);
  assert.ok(teachers.length > 10);
  assert.deepEqual(sections.map(([id]) => id).sort(), [...teachers].sort());
  for (const [id, heading] of sections) {
    assert.ok(names.staff[id], `the demo names ${id}`);
    assert.equal(heading.split(" (")[0], names.staff[id]);
  }
});

test("every figure agrees with the JSON summary", async () => {
  agrees(await table("#fill-teachers", "teacher"), summary.fill.teachers, "teacher");
  agrees(await table("#fill-classes", "class"), summary.fill.classes, "class");
  const total = await page.evaluate(() => document.querySelector("#fill-teachers tfoot td[data-figure=lessons]").dataset.n);
  assert.equal(Number(total), summary.fill.total.lessons);
  const found = await page.evaluate(() => Number(document.querySelector("#summary").dataset.findings));
  assert.equal(found, summary.findings);
});

test("printed to PDF on A4, a page per teacher, nothing fetched", async () => {
  await page.emulateMedia({ media: "print" });
  const breaks = await page.evaluate(() =>
    [...document.querySelectorAll("section.teacher")].map((s) => getComputedStyle(s).breakBefore),
  );
  assert.ok(breaks.every((b) => b === "page"), breaks.join());
  const pdf = await page.pdf({ format: "A4", path: join(out, "spravka.pdf") });
  assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  assert.ok(pages > Object.keys(summary.fill.teachers).length, `${pages} pages`);
  assert.deepEqual(requests, [pathToFileURL(file).href]);
});
