#!/usr/bin/env node
// Writes a large deterministic register as NDJSON for the benchmark: a school of 33 classes
// (grades 1–11, three each), 25 students a class, a teacher per subject and grade, and
// every school day from 2 September with its lessons, topics, absences, marks and homework,
// plus the usual slips (a late topic, a missing one, late homework, a mark in grade 1) so
// that the rules have something to report. The same arguments write the same file.
//
//   node bench/gen.mjs [EVENTS] > register.ndjson     (EVENTS: at least this many; 120000)

const target = Number(process.argv[2] ?? 120_000);
if (!Number.isInteger(target) || target <= 0) {
  console.error("usage: gen.mjs [EVENTS]");
  process.exit(2);
}

// mulberry32: a small seeded generator, so that the register is the same on every machine.
let seed = 20240902;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const chance = (p) => random() < p;
const pick = (list) => list[Math.floor(random() * list.length)];

const out = [];
let count = 0;
const emit = (event) => {
  out.push(JSON.stringify(event));
  count++;
  if (out.length >= 4096) process.stdout.write(out.splice(0).join("\n") + "\n");
};
const pad = (n) => String(n).padStart(2, "0");
const day = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const at = (d, minutes) => `${day(d)}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00+04:00`;
const hhmm = (minutes) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

emit({ type: "period", id: "y", kind: "year", start: "2024-09-01", end: "2025-05-31" });
const quarters = [
  ["q1", "2024-09-02", "2024-10-25"], ["q2", "2024-11-05", "2024-12-28"],
  ["q3", "2025-01-09", "2025-03-21"], ["q4", "2025-04-01", "2025-05-26"],
];
for (const [id, start, end] of quarters) emit({ type: "period", id, kind: "quarter", start, end });

const SUBJECTS = {
  primary: ["Математика", "Русский язык", "Литературное чтение", "Окружающий мир", "Технология", "Физическая культура"],
  middle: ["Математика", "Русский язык", "Литература", "История", "География", "Биология", "Английский язык", "Физическая культура"],
  senior: ["Алгебра", "Геометрия", "Русский язык", "Литература", "Физика", "Химия", "Информатика", "История", "Обществознание", "Физическая культура"],
};
const subjectsOf = (grade) => (grade <= 4 ? SUBJECTS.primary : grade <= 6 ? SUBJECTS.middle : SUBJECTS.senior);

const classes = [];
for (let grade = 1; grade <= 11; grade++) {
  for (const letter of ["а", "б", "в"]) {
    const id = `${grade}${letter}`;
    classes.push({ id, grade, students: [] });
    emit({ type: "class", id, grade, name: `${grade}${letter.toUpperCase()}` });
  }
}
const teachers = new Map(); // subject|grade → teacher id
for (const c of classes) {
  for (const subject of subjectsOf(c.grade)) {
    const key = `${subject}|${c.grade}`;
    if (!teachers.has(key)) teachers.set(key, `t${teachers.size + 1}`);
  }
}
for (const id of new Set(teachers.values())) {
  const homeroom = classes.filter((_, i) => `t${i + 1}` === id).map((c) => c.id);
  emit({ type: "staff", id, name: `Учитель ${id}`, roles: ["teacher"], ...(homeroom.length ? { classes: homeroom } : {}) });
}
let studentNo = 0;
for (const c of classes) {
  for (let i = 0; i < 25; i++) {
    const id = `s${++studentNo}`;
    c.students.push(id);
    emit({ type: "student", id, name: `Ученик ${studentNo}`, class: c.id });
  }
}
for (const c of classes) {
  for (const subject of subjectsOf(c.grade)) {
    emit({ type: "thematic_plan", class: c.id, subject, lessons: 68, at: "2024-09-02T08:00:00+04:00", by: teachers.get(`${subject}|${c.grade}`) });
  }
}

const WORKS = ["oral", "oral", "oral", "independent_work", "test", "control_work"];
let lessonNo = 0;
const date = new Date(Date.UTC(2024, 8, 2));
while (count < target) {
  const weekday = date.getUTCDay();
  if (weekday !== 0 && weekday !== 6) {
    for (const c of classes) {
      const subjects = subjectsOf(c.grade);
      const lessons = c.grade <= 4 ? 4 : 6;
      for (let n = 0; n < lessons && count < target; n++) {
        const subject = subjects[(n + date.getUTCDate() + c.grade) % subjects.length];
        const teacher = teachers.get(`${subject}|${c.grade}`);
        const start = 8 * 60 + 30 + n * 55;
        const end = start + (c.grade === 1 ? 35 : 45);
        const id = `l${++lessonNo}`;
        const work = c.grade === 1 ? "oral" : pick(WORKS);
        const late = chance(0.01);
        const lesson = {
          type: "lesson", id, class: c.id, subject, teacher, date: day(date), start: hhmm(start), end: hhmm(end),
          topic: chance(0.005) ? "" : `Тема урока ${lessonNo}`, work,
          at: late ? at(new Date(date.getTime() + 2 * 86_400_000), 17 * 60) : at(date, end + 5), by: teacher,
        };
        emit(lesson);
        for (const student of c.students) {
          if (chance(0.04)) {
            emit({ type: "attendance", lesson: id, student, code: pick(["Н", "Б", "УП"]), at: at(date, end + 10), by: teacher });
          }
        }
        const marked = c.grade === 1 ? (chance(0.01) ? 1 : 0) : work === "oral" ? 3 : c.students.length;
        for (let m = 0; m < marked; m++) {
          const student = c.students[(m * 7 + lessonNo) % c.students.length];
          const value = 2 + Math.floor(random() * 4);
          emit({ type: "mark", lesson: id, student, value, at: at(date, end + 15), by: teacher });
        }
        if (c.grade > 1 && n === lessons - 1) {
          emit({ type: "homework", lesson: id, text: `Упражнение ${lessonNo % 300}`, at: at(date, end + (chance(0.02) ? 180 : 20)), by: teacher });
        }
      }
    }
  }
  date.setUTCDate(date.getUTCDate() + 1);
}
process.stdout.write(out.join("\n") + "\n");
console.error(`gen.mjs: ${count} events, school days up to ${day(date)}`);
