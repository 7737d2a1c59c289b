// «Ввод в журнал»: the teacher's view. One class and subject of the demo register as the
// teacher's journal page on the morning of a lesson: the lessons so far as columns, the
// students as rows. What the teacher types today — the topic, homework, a mark or an
// absence code in a student's cell — is pushed into an `Engine` holding the register as it
// stood that morning, and that entry's findings are shown beside the cell at once.
import { Engine } from "./pkg/ekzh.js";

/** The page of the journal: 9А, Алгебра, on 9 October 2024 — the first lesson of a student
 * back from a week's illness (three lessons and more missed). */
export const PAGE = { class: "9a", subject: "Алгебра", date: "2024-10-09" };
/** The register as it stood before the day's lessons. */
const MORNING = `${PAGE.date}T08:00:00+04:00`;
const OFFSET = "+04:00";
/** How many lessons before today the page shows. */
const PAST = 10;

const CODES = new Map([
  ["н", "Н"], ["от", "ОТ"], ["уп", "УП"], ["б", "Б"], ["нп", "НП"], ["оп", "ОП"], ["осв", "ОСВ"],
]);

const TEXT = {
  ru: {
    heading: (cls, subject, teacher, date) => `${cls} · ${subject} · ${teacher} · урок ${date}`,
    lead: "Журнал класса на утро урока. Введите тему, домашнее задание, отметку (1–5) или код отсутствия (Н, УП, Б, НП, ОП, ОСВ) в клетку сегодняшнего урока: запись сразу проверяется по Положению.",
    student: "Ученик",
    topic: "Тема урока",
    homework: "Домашнее задание",
    today: "сегодня",
    fine: "без замечаний",
    notUnderstood: (v) => `«${v}» — не отметка 1–5 и не код отсутствия`,
    log: "Замечания к введённому",
    none: "Пока ничего не введено.",
  },
  en: {
    heading: (cls, subject, teacher, date) => `${cls} · ${subject} · ${teacher} · lesson of ${date}`,
    lead: "The class's journal on the morning of a lesson. Type the topic, homework, a mark (1–5) or an absence code (Н, УП, Б, НП, ОП, ОСВ) into a cell of today's lesson: the entry is checked against the Regulation at once.",
    student: "Student",
    topic: "Lesson topic",
    homework: "Homework",
    today: "today",
    fine: "no findings",
    notUnderstood: (v) => `“${v}” is neither a mark 1–5 nor an absence code`,
    log: "Findings on what was entered",
    none: "Nothing entered yet.",
  },
};

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c != null));
  return node;
};

/** The day and month of a date: 09.10. */
const dayMonth = (date) => `${date.slice(8, 10)}.${date.slice(5, 7)}`;
const ruDate = (date) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

/** The journal: built from the demo register's lines, redrawn in a language. */
export class Journal {
  constructor(root, lines) {
    this.root = root;
    this.events = lines.map((line) => JSON.parse(line));
    this.typed = []; // what the teacher entered, in order, to push again in another language
    this.minute = 0;
    const events = this.events;
    this.klass = events.find((e) => e.type === "class" && e.id === PAGE.class);
    this.students = events.filter((e) => e.type === "student" && e.class === PAGE.class);
    const stream = events.filter(
      (e) => e.type === "lesson" && e.class === PAGE.class && e.subject === PAGE.subject && !e.group,
    );
    const byId = new Map();
    for (const l of stream) byId.set(l.id, { ...byId.get(l.id), ...l });
    const lessons = [...byId.values()].sort((a, b) => (a.date + a.start).localeCompare(b.date + b.start));
    this.today = lessons.find((l) => l.date === PAGE.date);
    // The last lessons before today, as many as a journal's page shows.
    this.past = lessons.filter((l) => l.date < PAGE.date).slice(-PAST);
    this.teacher = events.find((e) => e.type === "staff" && e.id === this.today?.teacher);
    // What the cells of past lessons held that morning.
    const ids = new Set(this.past.map((l) => l.id));
    this.cells = new Map();
    for (const e of events) {
      if (!ids.has(e.lesson) || !(e.at < MORNING)) continue;
      const key = `${e.lesson}/${e.student}`;
      const cell = this.cells.get(key) ?? { marks: [], code: null };
      if (e.type === "mark") cell.marks.push(e.value);
      if (e.type === "attendance") cell.code = e.code === "present" ? null : e.code;
      this.cells.set(key, cell);
    }
  }

  /** A fresh engine with the register as it stood that morning, and the entries typed so far. */
  load(lang) {
    this.lang = lang;
    this.engine?.free();
    this.engine = new Engine(null, { lang });
    for (const e of this.events) {
      if (e.at == null || e.at < MORNING) this.engine.push(e);
    }
    this.lessonPushed = false;
    const typed = this.typed;
    this.typed = [];
    this.minute = 0;
    this.draw();
    for (const { where, event } of typed) this.enter(where, event);
    // The fields show what was typed into them.
    for (const [selector, value] of this.values ?? []) {
      const input = this.root.querySelector(selector);
      if (input) input.value = value;
    }
  }

  t(key) {
    return TEXT[this.lang][key];
  }

  /** The moment of the next entry: minutes after the lesson's end, in order. */
  now() {
    const [h, m] = this.today.end.split(":").map(Number);
    const minutes = h * 60 + m + 5 + this.minute++;
    const pad = (n) => String(n).padStart(2, "0");
    return `${PAGE.date}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00${OFFSET}`;
  }

  /** Today's lesson as an event, with the topic typed so far. */
  lessonEvent(topic) {
    const { id, class: cls, subject, teacher, date, start, end } = this.today;
    const event = { type: "lesson", id, class: cls, subject, teacher, date, start, end, at: this.now(), by: teacher };
    if (topic) event.topic = topic;
    return event;
  }

  /** Pushes an entry (and today's lesson before the first one) and shows its findings in `where`. */
  enter(where, event) {
    this.typed.push({ where, event });
    let findings = [];
    if (!this.lessonPushed && event.type !== "lesson") {
      findings = findings.concat(this.engine.push(this.lessonEvent(null)));
      this.lessonPushed = true;
    }
    if (event.type === "lesson") this.lessonPushed = true;
    findings = findings.concat(this.engine.push(event));
    this.show(where, findings);
    this.log(where, event, findings);
  }

  show(where, findings, note) {
    const box = this.root.querySelector(`[data-findings="${where}"]`);
    if (!box) return;
    box.replaceChildren();
    box.dataset.state = note ? "bad" : findings.length ? "found" : "fine";
    if (note) box.append(el("span", { className: "note", textContent: note }));
    for (const f of findings) {
      box.append(el("span", { className: `finding ${f.severity}`, title: f.clause ? `${f.clause}: ${f.rule}` : f.rule, textContent: f.message }, ));
      box.lastChild.dataset.rule = f.rule;
      box.lastChild.dataset.severity = f.severity;
    }
    if (!note && findings.length === 0) box.append(el("span", { className: "fine", textContent: `✓ ${this.t("fine")}` }));
  }

  log(where, event, findings) {
    const list = this.root.querySelector("#journal-log");
    if (this.typed.length === 1) list.replaceChildren();
    for (const f of findings) {
      const item = el("li", { className: f.severity, textContent: `${f.clause ? `п. ${f.clause} · ` : ""}${f.message}` });
      item.dataset.rule = f.rule;
      list.append(item);
    }
  }

  /** What the teacher typed into a student's cell. */
  cell(student, value) {
    const where = `cell-${student}`;
    const text = value.trim();
    if (!text) return this.show(where, []);
    const { id, teacher } = this.today;
    if (/^[1-5]$/.test(text)) {
      return this.enter(where, { type: "mark", lesson: id, student, value: Number(text), at: this.now(), by: teacher });
    }
    const code = CODES.get(text.toLowerCase());
    if (code) {
      return this.enter(where, { type: "attendance", lesson: id, student, code, at: this.now(), by: teacher });
    }
    this.show(where, [], this.t("notUnderstood")(text));
  }

  /** Keeps what a field holds, to show it again when the view is redrawn. */
  remember(selector, value) {
    this.values ??= new Map();
    this.values.set(selector, value);
  }

  draw() {
    const t = (key) => this.t(key);
    const name = (s) => s.name ?? s.id;
    const root = this.root;
    const date = this.lang === "ru" ? ruDate(PAGE.date) : PAGE.date;
    const head = el("tr", {}, el("th", { textContent: t("student") }));
    for (const l of this.past) head.append(el("th", { className: "past", title: l.topic ?? "", textContent: dayMonth(l.date) }));
    head.append(el("th", { className: "today", textContent: `${dayMonth(PAGE.date)} (${t("today")})` }));
    const body = el("tbody");
    for (const s of this.students) {
      const row = el("tr", {}, el("th", { textContent: name(s) }));
      row.dataset.student = s.id;
      for (const l of this.past) {
        const cell = this.cells.get(`${l.id}/${s.id}`);
        const text = [cell?.code, ...(cell?.marks ?? [])].filter(Boolean).join(" ");
        row.append(el("td", { className: cell?.code ? "past absent" : "past", textContent: text }));
      }
      const input = el("input", { type: "text", size: 3, maxLength: 4, autocomplete: "off" });
      input.setAttribute("aria-label", `${name(s)}, ${dayMonth(PAGE.date)}`);
      input.dataset.student = s.id;
      input.addEventListener("change", () => {
        this.remember(`input[data-student="${s.id}"]`, input.value);
        this.cell(s.id, input.value);
      });
      const findings = el("div", { className: "cell-findings" });
      findings.dataset.findings = `cell-${s.id}`;
      row.append(el("td", { className: "today" }, input, findings));
      body.append(row);
    }
    const topic = el("input", { id: "journal-topic", type: "text", autocomplete: "off" });
    topic.addEventListener("change", () => {
      this.remember("#journal-topic", topic.value);
      if (topic.value.trim()) this.enter("topic", this.lessonEvent(topic.value.trim()));
    });
    const homework = el("input", { id: "journal-homework", type: "text", autocomplete: "off" });
    homework.addEventListener("change", () => {
      const text = homework.value;
      this.remember("#journal-homework", text);
      if (!text.trim()) return;
      const { id, teacher } = this.today;
      this.enter("homework", { type: "homework", lesson: id, text, at: this.now(), by: teacher });
    });
    const field = (label, input, where) => {
      const box = el("div", { className: "cell-findings" });
      box.dataset.findings = where;
      return el("label", { className: "field" }, el("span", { textContent: label }), input, box);
    };
    root.replaceChildren(
      el("h2", { textContent: t("heading")(this.klass?.name ?? PAGE.class, PAGE.subject, this.teacher?.name ?? this.today.teacher, date) }),
      el("p", { className: "lead", textContent: t("lead") }),
      field(t("topic"), topic, "topic"),
      field(t("homework"), homework, "homework"),
      el("div", { className: "grid" }, el("table", { id: "journal-grid" }, el("thead", {}, head), body)),
      el("h3", { textContent: t("log") }),
      el("ul", { id: "journal-log" }, el("li", { className: "none", textContent: t("none") })),
    );
  }
}
