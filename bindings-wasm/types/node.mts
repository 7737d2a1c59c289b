// A typed use of the package from Node (ES module): checked by `tsc --noEmit`, never run.
import { check, Engine, rules, version } from "ekzh";
import { reportHtml } from "ekzh/report";
import type { Event, Finding, Policy, Report, EkzhError, RuleInfo } from "ekzh";

const events: Event[] = [
  { type: "period", id: "q1", kind: "quarter", start: "2024-09-02", end: "2024-10-25" },
  { type: "class", id: "1a", grade: 1, name: "1А" },
  { type: "staff", id: "t1", name: "Белова Г. Ф.", roles: ["teacher"], classes: ["1a"] },
  { type: "student", id: 7, class: "1a", groups: { "Английский язык": 1 } },
  {
    type: "lesson", id: "l1", class: "1a", subject: "Математика", teacher: "t1",
    date: "2024-09-02", start: "08:30", end: "09:05", topic: "Счёт до 10",
    work: ["oral", "самостоятельная работа"], at: "2024-09-02T09:15:00+04:00", by: "t1",
  },
  { type: "attendance", lesson: "l1", student: 7, code: "Н", at: "2024-09-02T09:20:00+04:00", by: "t1" },
  { type: "mark", lesson: "l1", student: 7, value: 5, work: "oral", at: null, by: "t1" },
  { type: "final_mark", student: 7, subject: "Математика", period: "q1", value: "na" },
  { type: "journal_export", class: "1a", date: "2025-06-20", format: "pdf", signed: true },
  { type: "parent_notice", student: 7, reason: "failing", date: "2024-10-28", parent: "p1", at: "2024-10-28T17:00:00+04:00", by: "t1" },
];

const policy: Policy = {
  utc_offset: "+03:00",
  min_marks_for_final: { quarter: 4 },
  grading_deadlines: [{ works: ["control_work"], grades: [5, 6], deadline: "next_lesson" }],
  mark_weights: { control_work: 2 },
  export_deadline: { grades: { "9": "08-25" } },
  sparse_marks_lessons: 8,
  control_work_subjects: ["Алгебра", "Геометрия"],
  control_works_per_period: 2,
  homework_uninformative: ["задание прежнее"],
  parent_notice_within_days: 5,
  unexcused_absences_for_notice: 4,
};

const report: Report = check(events, new Date(), { policy, lang: "en", skipInvalid: true });
const first: Finding | undefined = report.findings[0];
const due: string | null = first?.due ?? null;
const errors: number = report.summary.input_errors + (report.summary.by_severity.error ?? 0);
const untopical: number = report.summary.not_judged?.["lesson_topic_missing"]?.lacks_topic ?? 0;
check("{\"type\":\"class\",\"id\":\"5a\",\"grade\":5}\n", "2024-10-31");
check(new Uint8Array(), "2024-10-31T18:00:00+04:00", null);
check({ events }, "2024-10-31");

const engine = new Engine(policy, { lang: "ru" });
const told: Finding[] = engine.push(events[0]!);
engine.push('{"type":"class","id":"5a","grade":5}');
const audited: Report = engine.audit("2024-10-31");
const html: string = reportHtml(audited, { since: report, lang: "ru", school: "Школа № 1" });
const figure: number | undefined = audited.summary.fill.teachers["t1"]?.with_topic?.n;
const name: string | undefined = audited.names.staff["t1"];
const count: number = engine.length;
engine.free();

const catalogue: RuleInfo[] = rules();
const when: "entry" | "audit" | "entry/audit" | undefined = catalogue[0]?.when;

try {
  check(events, "2024-10-31");
} catch (e) {
  const error = e as EkzhError;
  const where: [number | null, number | null, string | null] = [error.event, error.line, error.field];
  console.log(error.kind, where);
}
console.log(version(), due, errors, untopical, told, audited.asOf, count, when, html, figure, name);

// The types are not `any`: each of these is a type error.
// @ts-expect-error a mark is 1–5
const seven: Event = { type: "mark", lesson: "l1", student: 7, value: 7 };
// @ts-expect-error an event needs its type's fields
const noSubject: Event = { type: "lesson", id: "l2", class: "1a", teacher: "t1", date: "2024-09-03", start: "08:30", end: "09:05" };
// @ts-expect-error no such type
const pupil: Event = { type: "pupil", id: "p1" };
// @ts-expect-error lang is "ru" or "en"
check(events, "2024-10-31", { lang: "de" });
// @ts-expect-error no such policy key
const typo: Policy = { long_absence: 3 };
// @ts-expect-error a message is text
const wrong: number = report.findings[0]!.message;
console.log(seven, noSubject, pupil, typo, wrong);

import { fromNetschool } from "ekzh/tools";
import type { NetschoolError, NetschoolImport } from "ekzh/tools";
const imported: NetschoolImport = fromNetschool('{"weekDays": []}', { grade: 11, file: "week.json", lang: "en" });
const left: number = imported.summary.left_out["extracurricular_lessons"] ?? 0;
const firstEvent: Event | undefined = imported.events[0];
check(imported.events, "2023-04-20");
try {
  fromNetschool([{ journals: [] }], { className: "7А", subject: "Алгебра", period: "quarter:2024-09-02:2024-10-25" });
} catch (e) {
  const path: string | null = (e as NetschoolError).path;
  console.log(path, left, firstEvent);
}
