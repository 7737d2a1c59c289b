// End to end: the demo page served on 127.0.0.1 in headless Chromium loads the bundled
// demo register, checks it in the page, and shows the same findings (names, not ids) and
// counts as the command line's JSON report, and the справка `ekzh report` writes; then
// another date, English, a chosen file and pasted text; then the teacher's view, where a
// «2» typed for a student just back from a long absence is told beside the cell.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { chromium } from "playwright-core";

import { serve } from "../www/serve.mjs";
import { cli, fixturesDir, here } from "./helpers.mjs";

const demo = join(here, "..", "www", "demo.ndjson");
const SEVERITY = {
  ru: { error: "ошибка", warning: "предупреждение", info: "сведения" },
  en: { error: "error", warning: "warning", info: "info" },
};

let browser;
let server;
let page;
const problems = [];
/** The addresses the page fetched. */
const requested = [];

before(async () => {
  ({ server, url: globalThis.pageUrl } = await serve(0));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  page = await browser.newPage();
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`));
  page.on("request", (r) => requested.push(r.url()));
  await page.goto(globalThis.pageUrl);
  await page.waitForSelector("body[data-state=ready]", { timeout: 30_000 });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Waits for the page's check to finish after `action`. */
async function checked(action) {
  await page.evaluate(() => (document.body.dataset.state = "waiting"));
  await action();
  await page.waitForSelector("body[data-state=done], body[data-state=error]", { timeout: 30_000 });
  return page.evaluate(() => document.body.dataset.state);
}

/** The findings table and the counts by rule as the page shows them. */
function table() {
  return page.evaluate(() => ({
    rows: [...document.querySelectorAll("#findings tbody tr")].map((tr) => ({
      rule: tr.dataset.rule,
      severity: tr.dataset.severity,
      event: tr.dataset.event === undefined ? null : Number(tr.dataset.event),
      cells: [...tr.cells].map((td) => td.textContent),
    })),
    counts: Object.fromEntries(
      [...document.querySelectorAll("#by-rule tbody tr")].map((tr) => [tr.dataset.rule, Number(tr.cells[3].textContent)]),
    ),
  }));
}

/** What the page should show for the command line's report. */
function expected(report, lang) {
  const { classes, students } = report.names;
  const student = (id) => students[id] ?? id;
  return {
    rows: report.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      event: f.event,
      cells: [
        f.date ?? "", f.class == null ? "" : classes[f.class] ?? f.class, f.subject ?? "",
        f.student != null ? student(f.student) : f.students?.map(student).join(", ") ?? "",
        f.clause ?? "", SEVERITY[lang][f.severity], f.message,
      ],
    })),
    counts: report.summary.by_rule,
  };
}

function cliReport(file, asOf, lang) {
  return JSON.parse(cli(["check", file, "--as-of", asOf, "--format", "json", "--lang", lang]));
}

test("the demo register: the page's table is the command line's report", async () => {
  assert.equal(await checked(() => page.click("#demo")), "done");
  const asOf = await page.inputValue("#as-of");
  assert.match(asOf, /^\d{4}-\d{2}-\d{2}$/);
  const report = cliReport(demo, asOf, "ru");
  assert.ok(report.findings.length > 0, "the demo register should have findings");
  const shown = await table();
  assert.equal(shown.rows.length, report.findings.length);
  assert.deepEqual(shown, expected(report, "ru"));
  assert.match(await page.textContent("#summary"), new RegExp(`${report.summary.events}`));
  // Names, not ids; and the справка is the command line's.
  assert.ok(shown.rows.some((r) => r.cells[1] === "9А"));
  assert.ok(!shown.rows.some((r) => r.cells[1] === "9a"));
  const spravka = await page.$eval("#spravka", (frame) => frame.srcdoc);
  assert.equal(spravka, cli(["report", demo, "--as-of", asOf]));
  const inFrame = await page.frameLocator("#spravka").locator("section.teacher").count();
  assert.equal(inFrame, Object.keys(report.summary.fill.teachers).length);
});

test("another date and English", async () => {
  assert.equal(await checked(() => page.fill("#as-of", "2024-10-10").then(() => page.dispatchEvent("#as-of", "change"))), "done");
  assert.deepEqual(await table(), expected(cliReport(demo, "2024-10-10", "ru"), "ru"));
  assert.equal(await checked(() => page.selectOption("#lang", "en")), "done");
  assert.deepEqual(await table(), expected(cliReport(demo, "2024-10-10", "en"), "en"));
  assert.equal(await page.textContent("#findings th:last-child"), "Message");
});

test("counts by rule filter the table", async () => {
  const { counts } = await table();
  const [rule, count] = Object.entries(counts)[0];
  await page.click(`#by-rule tr[data-rule="${rule}"]`);
  const filtered = await table();
  assert.equal(filtered.rows.length, count);
  assert.ok(filtered.rows.every((r) => r.rule === rule));
  await page.click("#filter button");
  assert.equal((await table()).rows.length, Object.values(counts).reduce((a, b) => a + b, 0));
});

test("a chosen file with a bad event: the error names the event and the field", async () => {
  const bad = join(fixturesDir, "input_error", "fires.json");
  await page.selectOption("#lang", "ru");
  await page.setChecked("#skip", false);
  await page.fill("#as-of", "2024-09-05");
  assert.equal(await checked(() => page.setInputFiles("#file", bad)), "error");
  const message = await page.textContent("#status");
  // The line of the file, in the page's language.
  assert.match(message, /строка 12/);
  assert.match(message, /поле `value`/);
  assert.equal(await page.isHidden("#results"), true);
  // Skipped, it is listed and the rest is checked.
  assert.equal(await checked(() => page.setChecked("#skip", true)), "done");
  assert.deepEqual((await table()).counts, { input_error: 1 });
  await page.setChecked("#skip", false);
});

test("pasted text", async () => {
  const lines = [
    '{"type":"class","id":"1a","grade":1,"name":"1А"}',
    '{"type":"student","id":"s1","class":"1a"}',
    '{"type":"lesson","id":"l1","class":"1a","subject":"Математика","teacher":"t1","date":"2024-09-02","start":"08:30","end":"09:10","topic":"Счёт","at":"2024-09-02T09:15:00+04:00","by":"t1"}',
    '{"type":"mark","lesson":"l1","student":"s1","value":5,"at":"2024-09-02T09:20:00+04:00","by":"t1"}',
  ];
  await page.selectOption("#lang", "en");
  await page.fill("#as-of", "2024-09-02");
  await page.fill("#text", lines.join("\n"));
  assert.equal(await checked(() => page.click("#run")), "done");
  const { rows } = await table();
  assert.deepEqual(rows.map((r) => r.rule), ["grade1_mark"]);
  // Neither the class nor the student has a name: their ids.
  assert.deepEqual(rows[0].cells.slice(0, 6), ["2024-09-02", "1А", "Математика", "s1", "2.6", "error"]);
});

/** Types into a cell of the teacher's view and leaves it, as a teacher does. */
async function type(selector, text) {
  await page.fill(selector, text);
  await page.press(selector, "Tab");
}

test("the teacher's view: a «2» after three absences is told beside the cell", async () => {
  await page.click("#mode-journal");
  await page.waitForSelector("#journal-grid");
  assert.equal(await page.isHidden("#file-mode"), true);
  const back = '[data-findings="cell-9a-03"]';
  // The student missed the last lessons of the subject.
  const missed = await page.$$eval('tr[data-student="9a-03"] td.past', (cells) => cells.slice(-3).map((c) => c.textContent));
  assert.ok(missed.every((code) => /^(Н|Б|УП|НП)$/.test(code)), missed.join());
  await type('#journal-topic', "Решение систем неравенств");
  assert.equal(await page.getAttribute('[data-findings="topic"]', "data-state"), "fine");
  await type('input[data-student="9a-03"]', "2");
  await page.waitForSelector(`${back} [data-rule="failing_mark_after_absence"]`);
  assert.equal(await page.getAttribute(`${back} [data-rule="failing_mark_after_absence"]`, "data-severity"), "error");
  assert.match(await page.textContent(back), /2/);
  // A student who attended the last lessons may get a «2»: nothing to tell.
  const present = await page.$$eval("tr[data-student]", (rows) =>
    rows.find((row) => [...row.querySelectorAll("td.past")].slice(-3).every((c) => !c.classList.contains("absent")))?.dataset.student);
  assert.ok(present);
  await type(`input[data-student="${present}"]`, "2");
  assert.equal(await page.getAttribute(`[data-findings="cell-${present}"]`, "data-state"), "fine");
  // Homework with nothing in it is told at once; an unknown code is not pushed.
  await type("#journal-homework", "—");
  await page.waitForSelector('[data-findings="homework"] [data-rule="homework_empty"]');
  await type(`input[data-student="${present}"]`, "7");
  assert.equal(await page.getAttribute(`[data-findings="cell-${present}"]`, "data-state"), "bad");
  // In English the same entries are pushed again, the findings in English.
  await page.selectOption("#lang", "en");
  await page.waitForSelector(`${back} [data-rule="failing_mark_after_absence"]`);
  assert.match(await page.textContent(back), /[a-z]{4}/);
  await page.selectOption("#lang", "ru");
  await page.click("#mode-file");
  assert.equal(await page.isHidden("#journal-mode"), true);
});

const netschool = join(fixturesDir, "..", "netschool");

test("a NetSchool diary: imported in the page, then checked as the command line checks it", async () => {
  const week = join(netschool, "student-diary-week-2023-04-10.json");
  await page.selectOption("#lang", "ru");
  await page.fill("#as-of", "2023-04-20");
  // The importer's module is loaded when the first download is imported, not before.
  const tools = () => requested.filter((url) => url.includes("ekzh_tools")).length;
  assert.equal(tools(), 0);
  assert.equal(await checked(() => page.setInputFiles("#file", week)), "done");
  assert.ok(tools() > 0);
  const report = JSON.parse(cli(["check", "--from", "netschool", week, "--as-of", "2023-04-20", "--format", "json"]));
  assert.deepEqual(await table(), expected(report, "ru"));
  assert.equal(report.summary.by_rule.homework_empty, 3);
  const told = await page.textContent("#import");
  assert.match(told, /импорт из NetSchool: дневник ученика, класс 11Б/);
  assert.match(told, /не импортировано: 1 внеурочное занятие/);
  // What the part could not judge: in the summary, and in the справка.
  assert.match(await page.textContent("#summary"), /Это часть журнала \(выгрузка\): не проверено \d+/);
  const spravka = page.frameLocator("#spravka");
  assert.match(
    await spravka.locator("#not-judged").textContent(),
    /Нет темы урока — 33 случая: в выгрузке нет тем уроков/,
  );
});

test("a NetSchool class journal: the page asks for its class and subject", async () => {
  const journal = join(netschool, "class-journal-7a-algebra-q1-2024.json");
  page.once("dialog", (dialog) => dialog.accept("7А, Алгебра"));
  await page.fill("#as-of", "2024-10-31");
  assert.equal(await checked(() => page.setInputFiles("#file", journal)), "done");
  const report = JSON.parse(
    cli(["check", "--from", "netschool", journal, "--class", "7А", "--subject", "Алгебра", "--as-of", "2024-10-31", "--format", "json"]),
  );
  assert.deepEqual(await table(), expected(report, "ru"));
  assert.match(await page.textContent("#import"), /журнал класса, класс 7А, Алгебра/);
  // A login page saved instead of the download: the error names the file.
  const login = join(netschool, "bad", "login-page.json");
  assert.equal(await checked(() => page.setInputFiles("#file", login)), "error");
  assert.match(await page.textContent("#status"), /login-page\.json.*HTML/);
  assert.equal(await page.isHidden("#import"), true);
});

test("no errors in the page", () => {
  assert.deepEqual(problems, []);
});
