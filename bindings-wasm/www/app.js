// The demo page: a register dropped, chosen or pasted (or the bundled demo register) is
// checked in the page by the WebAssembly build of ekzh; the findings are shown as a table
// with counts by rule. A NetSchool (АСУ РСО) download is imported first, by the tools
// module, loaded when the first one is dropped. Nothing is sent anywhere.
import init, { check, rules } from "./pkg/ekzh.js";
import { Journal } from "./journal.js";

/** The bundled demo register is checked as of this date by default, as the command line does. */
const DEMO_AS_OF = "2024-10-31";

const TEXT = {
  ru: {
    title: "Проверка электронного классного журнала",
    lead: "Журнал проверяется по Положению о ведении электронного классного журнала прямо в браузере: файл никуда не отправляется.",
    register: "Журнал",
    drop: "Перетащите сюда выгрузку журнала (JSON, NDJSON или выгрузку NetSchool)",
    choose: "или выберите файл",
    paste: "…или вставьте его текст сюда",
    demo: "Демо-журнал",
    asOf: "На дату",
    lang: "Язык",
    skip: "пропускать ошибочные события",
    run: "Проверить",
    summary: "Итоги",
    rule: "Правило",
    clause: "Пункт",
    severity: "Важность",
    count: "Число",
    findings: "Замечания",
    date: "Дата",
    class: "Класс",
    subject: "Предмет",
    student: "Ученик",
    message: "Сообщение",
    footer: "ekzh: каждое замечание ссылается на пункт Положения.",
    modeFile: "Проверка журнала",
    modeJournal: "Ввод в журнал",
    spravka: "Справка по итогам проверки",
    download: "скачать HTML",
    loading: "Загрузка модуля проверки…",
    ready: "Загрузите журнал или откройте демо-журнал.",
    checking: "Проверка…",
    noRegister: "Сначала загрузите или вставьте журнал.",
    noDate: "Укажите дату, на которую проверять журнал.",
    done: (n, ms) => `Замечаний: ${n}. Проверено за ${ms} мс.`,
    clean: "Замечаний нет: журнал ведётся по Положению.",
    inputError: "Журнал не прочитан",
    where: (e) => [e.event != null && `событие ${e.event}`, e.line != null && `строка ${e.line}`, e.field != null && `поле «${e.path ?? e.field}»`].filter(Boolean).join(", "),
    journalOf: "Журнал класса из NetSchool не называет ни класс, ни предмет. Укажите их через запятую, например: 7А, Алгебра",
    failed: "Не удалось загрузить модуль проверки",
    source: { demo: "Демо-журнал", file: "Файл", paste: "Вставленный текст" },
    totals: (s) =>
      `Событий: ${s.events}; замечаний: ${s.findings} (ошибок: ${s.by_severity.error ?? 0}, предупреждений: ${s.by_severity.warning ?? 0}, сведений: ${s.by_severity.info ?? 0}).` +
      (s.entries_without_at ? ` Записей без времени внесения: ${s.entries_without_at} — их своевременность не проверялась.` : "") +
      (s.entries_without_by ? ` Записей без автора: ${s.entries_without_by} — права не проверялись.` : "") +
      (s.input_errors ? ` Пропущено ошибочных событий: ${s.input_errors}.` : "") +
      (s.not_judged ? ` Это часть журнала (выгрузка): не проверено ${notJudged(s)} — что и почему, сказано в справке.` : ""),
    severities: { error: "ошибка", warning: "предупреждение", info: "сведения" },
    showAll: "показать все",
  },
  en: {
    title: "Checking an electronic class register",
    lead: "The register is checked against the school's Regulation right in the browser: the file goes nowhere.",
    register: "Register",
    drop: "Drop a register export here (JSON, NDJSON or a NetSchool download)",
    choose: "or choose a file",
    paste: "…or paste its text here",
    demo: "Demo register",
    asOf: "As of",
    lang: "Language",
    skip: "skip bad events",
    run: "Check",
    summary: "Summary",
    rule: "Rule",
    clause: "Clause",
    severity: "Severity",
    count: "Count",
    findings: "Findings",
    date: "Date",
    class: "Class",
    subject: "Subject",
    student: "Student",
    message: "Message",
    footer: "ekzh: every finding names the clause of the Regulation it enforces.",
    modeFile: "Check a register",
    modeJournal: "Enter into the journal",
    spravka: "Report on the check",
    download: "download HTML",
    loading: "Loading the checker…",
    ready: "Load a register or open the demo register.",
    checking: "Checking…",
    noRegister: "Load or paste a register first.",
    noDate: "Pick the date to check the register at.",
    done: (n, ms) => `${n} findings. Checked in ${ms} ms.`,
    clean: "No findings: the register is kept as the Regulation asks.",
    inputError: "The register could not be read",
    where: (e) => [e.event != null && `event ${e.event}`, e.line != null && `line ${e.line}`, e.field != null && `field “${e.path ?? e.field}”`].filter(Boolean).join(", "),
    journalOf: "A NetSchool class journal names neither its class nor its subject. Give them separated by a comma, such as: 7А, Алгебра",
    failed: "The checker could not be loaded",
    source: { demo: "Demo register", file: "File", paste: "Pasted text" },
    totals: (s) =>
      `Events: ${s.events}; findings: ${s.findings} (errors: ${s.by_severity.error ?? 0}, warnings: ${s.by_severity.warning ?? 0}, info: ${s.by_severity.info ?? 0}).` +
      (s.entries_without_at ? ` Entries without an entry time: ${s.entries_without_at} — not checked for lateness.` : "") +
      (s.entries_without_by ? ` Entries without an author: ${s.entries_without_by} — not checked for permission.` : "") +
      (s.input_errors ? ` Bad events skipped: ${s.input_errors}.` : "") +
      (s.not_judged ? ` A part of the register (an export): ${notJudged(s)} not checked — what and why, the report says.` : ""),
    severities: { error: "error", warning: "warning", info: "info" },
    showAll: "show all",
  },
};

/** How many things the rules could not judge on a part of a register. */
function notJudged(summary) {
  let n = 0;
  for (const reasons of Object.values(summary.not_judged ?? {})) for (const k of Object.values(reasons)) n += k;
  return n;
}

const $ = (id) => document.getElementById(id);
const state = { register: null, source: null, name: "", report: null, filter: null, catalogue: new Map(), journal: null, mode: "file" };

function lang() {
  return $("lang").value === "en" ? "en" : "ru";
}

function t(key) {
  return TEXT[lang()][key];
}

function status(text, kind = "") {
  $("status").textContent = text;
  $("status").className = `status ${kind}`;
}

function translate() {
  document.documentElement.lang = lang();
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  document.title = `ekzh — ${t("title")}`;
  showSource();
}

function showSource() {
  if (!state.source) {
    $("source").textContent = "";
    return;
  }
  const size = state.register.length ?? state.register.byteLength;
  const what = t("source")[state.source];
  $("source").textContent = state.name ? `${what}: ${state.name} (${size.toLocaleString()} B)` : what;
}

function load(register, source, name = "") {
  state.register = register;
  state.journal = null;
  state.source = source;
  state.name = name;
  showSource();
}

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function run() {
  if (!state.register) return status(t("noRegister"), "warn");
  const asOf = $("as-of").value;
  if (!asOf) return status(t("noDate"), "warn");
  document.body.dataset.state = "checking";
  status(t("checking"));
  // A NetSchool download needs the importer's module: loaded once, then checked.
  if (!toolsModule && netschoolHead(state.register)) {
    loadTools()
      .then(run)
      .catch((error) => {
        status(`${t("failed")}: ${error.message}`, "error");
        document.body.dataset.state = "error";
      });
    return;
  }
  const start = performance.now();
  try {
    const imported = fromPortal();
    showImport(imported);
    state.report = check(imported?.events ?? state.register, asOf, { lang: lang(), skipInvalid: $("skip").checked });
  } catch (error) {
    showImport(null);
    state.report = null;
    $("results").hidden = true;
    const where = t("where")(error);
    status(`${t("inputError")}${where ? ` (${where})` : ""}: ${error.message}`, "error");
    document.body.dataset.state = "error";
    return;
  }
  const ms = Math.round(performance.now() - start);
  render();
  const n = state.report.findings.length;
  status(n ? t("done")(n, ms) : t("clean"), n ? "" : "ok");
  showSpravka(state.report)
    .then(() => (document.body.dataset.state = "done"))
    .catch((error) => {
      status(`${t("failed")}: ${error.message}`, "error");
      document.body.dataset.state = "error";
    });
}

/** The first keys of a NetSchool download: a student's diary or a class journal. */
const NETSCHOOL = /"(weekStart|weekDays|journals)"\s*:/;

/** The start of a file: a NetSchool download, or an HTML page (what the portal answers
 * when its session is over, which the importer tells as such); null for a register. */
function netschoolHead(register) {
  const head = typeof register === "string" ? register.slice(0, 4096) : new TextDecoder().decode(register.subarray(0, 4096));
  return NETSCHOOL.test(head) || /^\uFEFF?\s*</.test(head) ? head : null;
}

/** The tools module (the NetSchool importer), loaded when the first download is imported. */
let toolsModule = null;
async function loadTools() {
  if (!toolsModule) {
    const module = await import("./pkg/ekzh_tools.js");
    await module.default();
    toolsModule = module;
  }
  return toolsModule;
}

/** A NetSchool download imported into events (and what was left out), or null for a
 * register. A class journal names neither its class nor its subject: the page asks. An
 * HTML page saved instead of a download is told as such. */
function fromPortal() {
  const register = state.register;
  const head = netschoolHead(register);
  if (head === null) return null;
  const options = { file: state.name || null, lang: lang() };
  if (/"journals"\s*:/.test(head) && !/"week(Start|Days)"\s*:/.test(head)) {
    state.journal ??= (window.prompt(t("journalOf"), "") ?? "").split(",").map((part) => part.trim());
    const [className, subject] = state.journal;
    Object.assign(options, { className: className || null, subject: subject || null });
  }
  return toolsModule.fromNetschool(register, options);
}

/** What the import read, made and left out, above the summary. */
function showImport(imported) {
  let box = $("import");
  if (!box) {
    box = document.createElement("p");
    box.id = "import";
    box.style.whiteSpace = "pre-line";
    $("summary").before(box);
  }
  box.hidden = !imported;
  box.textContent = imported?.text ?? "";
}

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text ?? "";
  if (className) td.className = className;
  return td;
}

function render() {
  const report = state.report;
  $("results").hidden = false;
  $("summary").textContent = t("totals")(report.summary);

  const counts = $("by-rule").tBodies[0];
  counts.replaceChildren();
  const byRule = Object.entries(report.summary.by_rule);
  const order = [...state.catalogue.keys()];
  byRule.sort(([a], [b]) => order.indexOf(a) - order.indexOf(b) || a.localeCompare(b));
  for (const [rule, count] of byRule) {
    const meta = state.catalogue.get(rule);
    const row = counts.insertRow();
    row.dataset.rule = rule;
    row.className = `pick ${meta?.severity ?? ""}${state.filter === rule ? " chosen" : ""}`;
    row.tabIndex = 0;
    // The rule as people know it: its title; its id in the tooltip.
    const name = cell(row, meta?.title?.[lang()] ?? rule, "rule");
    name.title = meta ? `${rule}: ${meta.summary}` : rule;
    cell(row, meta?.clause ?? "");
    cell(row, t("severities")[meta?.severity] ?? "");
    cell(row, String(count), "num");
  }

  const body = $("findings").tBodies[0];
  const rows = document.createDocumentFragment();
  for (const f of report.findings) {
    if (state.filter && f.rule !== state.filter) continue;
    const row = document.createElement("tr");
    row.className = f.severity;
    row.dataset.rule = f.rule;
    row.dataset.severity = f.severity;
    if (f.event != null) row.dataset.event = f.event;
    const names = report.names;
    const student = (id) => names.students[id] ?? id;
    cell(row, f.date, "date");
    cell(row, f.class == null ? null : names.classes[f.class] ?? f.class);
    cell(row, f.subject);
    cell(row, f.student != null ? student(f.student) : f.students ? f.students.map(student).join(", ") : null);
    cell(row, f.clause, "clause");
    cell(row, t("severities")[f.severity], "severity");
    const message = cell(row, f.message, "message");
    message.title = f.rule;
    rows.append(row);
  }
  body.replaceChildren(rows);


  const filter = $("filter");
  filter.replaceChildren();
  if (state.filter) {
    const clear = document.createElement("button");
    clear.type = "button";
    clear.textContent = `${state.filter} × ${t("showAll")}`;
    clear.addEventListener("click", () => pick(null));
    filter.append(clear);
  }
}

/** The справка module, loaded when the first справка is written. */
let reportModule = null;
async function reportHtml(report) {
  if (!reportModule) {
    const module = await import("./pkg/ekzh_report.js");
    await module.default();
    reportModule = module;
  }
  return reportModule.reportHtml(report);
}

/** The справка, as `ekzh report` writes it: shown in a frame that runs nothing. */
async function showSpravka(report) {
  const html = await reportHtml(report);
  if (state.report !== report) return;
  $("spravka").srcdoc = html;
  const link = $("spravka-download");
  if (link.href) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([html], { type: "text/html" }));
}

function pick(rule) {
  state.filter = state.filter === rule ? null : rule;
  if (state.report) render();
}

async function readFile(file) {
  load(new Uint8Array(await file.arrayBuffer()), "file", file.name);
  $("text").value = "";
  if (!$("as-of").value) $("as-of").value = today();
  run();
}

/** The demo register's lines, fetched once. */
let demoText = null;
async function demoRegister() {
  if (demoText == null) {
    const response = await fetch("demo.ndjson");
    if (!response.ok) throw new Error(`demo.ndjson: ${response.status}`);
    demoText = await response.text();
  }
  return demoText;
}

/** Switches between checking a file and the teacher's view of the demo class's journal. */
async function mode(name) {
  state.mode = name;
  $("file-mode").hidden = name !== "file";
  $("journal-mode").hidden = name !== "journal";
  $("status").hidden = name !== "file";
  $("mode-file").setAttribute("aria-selected", String(name === "file"));
  $("mode-journal").setAttribute("aria-selected", String(name === "journal"));
  if (name === "journal" && !state.journal) {
    const lines = (await demoRegister()).split("\n").filter((l) => l.trim());
    state.journal = new Journal($("journal"), lines);
    state.journal.load(lang());
  }
  document.body.dataset.mode = name;
}

async function loadDemo() {
  load(await demoRegister(), "demo", "demo.ndjson");
  $("text").value = "";
  $("as-of").value = DEMO_AS_OF;
  run();
}

function wire() {
  const drop = $("drop");
  for (const name of ["dragenter", "dragover"]) {
    drop.addEventListener(name, (e) => {
      e.preventDefault();
      drop.classList.add("over");
    });
  }
  for (const name of ["dragleave", "drop"]) drop.addEventListener(name, () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    const file = e.dataTransfer?.files?.[0];
    if (file) readFile(file);
  });
  $("file").addEventListener("change", (e) => {
    const file = e.target.files?.[0];
    if (file) readFile(file);
  });
  $("text").addEventListener("input", () => {
    const text = $("text").value;
    if (text.trim()) load(text, "paste");
    else load(null, null);
  });
  $("demo").addEventListener("click", () => loadDemo().catch((e) => status(e.message, "error")));
  $("run").addEventListener("click", run);
  $("as-of").addEventListener("change", () => state.register && run());
  $("skip").addEventListener("change", () => state.register && run());
  $("lang").addEventListener("change", () => {
    translate();
    if (state.register) run();
    if (state.journal) state.journal.load(lang());
  });
  $("mode-file").addEventListener("click", () => mode("file"));
  $("mode-journal").addEventListener("click", () => mode("journal").catch((e) => status(e.message, "error")));
  const counts = $("by-rule").tBodies[0];
  counts.addEventListener("click", (e) => {
    const row = e.target.closest("tr[data-rule]");
    if (row) pick(row.dataset.rule);
  });
  counts.addEventListener("keydown", (e) => {
    const row = e.target.closest("tr[data-rule]");
    if (row && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      pick(row.dataset.rule);
    }
  });
}

async function main() {
  translate();
  status(t("loading"));
  wire();
  try {
    await init();
  } catch (error) {
    status(`${t("failed")}: ${error.message}`, "error");
    document.body.dataset.state = "error";
    return;
  }
  for (const rule of rules()) state.catalogue.set(rule.id, rule);
  status(t("ready"));
  document.body.dataset.state = "ready";
  const params = new URLSearchParams(location.search);
  if (params.has("lang")) {
    $("lang").value = params.get("lang") === "en" ? "en" : "ru";
    translate();
  }
  if (params.get("mode") === "journal") await mode("journal");
  if (params.has("demo")) {
    await loadDemo();
    if (params.get("as-of")) {
      $("as-of").value = params.get("as-of");
      run();
    }
  }
}

main();
