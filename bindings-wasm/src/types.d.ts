/* The types of the ekzh package (SPEC §1, §2, §4, §5). Values the register may also write
 * in Russian (kinds of work, attendance codes, roles …) are typed as their canonical
 * names plus any string: the aliases are accepted as the register writes them. */

/** Any other text the register may write (a Russian alias); keeps the names above as hints. */
type Alias = string & {};

/** An id as the register writes it: text, or a whole number read as its decimal text. */
export type Id = string | number;
/** A date `YYYY-MM-DD` in school time. */
export type DateString = string;
/** A time of day `HH:MM` in school time. */
export type TimeOfDay = string;
/** A moment, RFC 3339 with offset: `2024-09-02T14:05:00+04:00`. */
export type DateTimeString = string;

export type WorkKind =
  | "control_work" | "control_dictation" | "exposition" | "composition"
  | "independent_work" | "practical_work" | "laboratory_work" | "excursion" | "test"
  | "oral" | "homework" | "other";
export type BriefingKind = "introductory" | "repeat" | "unscheduled" | "targeted";
export type AttendanceCode =
  | "Н" | "ОТ" | "УП" | "Б" | "НП" | "ОП" | "ОСВ" | "present"
  | "absent" | "excused" | "illness" | "unexcused" | "late" | "exempt";
export type PeriodKind = "quarter" | "trimester" | "half_year" | "year";
export type Role = "admin" | "director" | "deputy" | "teacher";
export type Decision =
  | "promoted" | "conditionally_promoted" | "left" | "admitted_to_gia"
  | "not_admitted_to_gia" | "certificate" | "certificate_with_honors" | "study_certificate";
/** What the source of an extract does not carry (SPEC §1.3). */
export type Lack =
  | "topic" | "homework" | "attendance" | "marks" | "final_marks" | "at" | "by" | "teacher"
  | "staff" | "parents" | "plans";
export type NoticeReason = "failing" | "unexcused_absence";
export type SubjectKind =
  | "chemistry" | "physics" | "technology" | "informatics" | "physical_education"
  | "surrounding_world";
/** A current mark: 1–5 (a number, or its text). */
export type MarkValue = 1 | 2 | 3 | 4 | 5 | "1" | "2" | "3" | "4" | "5";

/** When and by whom an entry was made; either may be missing. */
export interface Made {
  at?: DateTimeString | null;
  by?: Id | null;
}

export interface PeriodEvent {
  type: "period"; id: Id; kind: PeriodKind | Alias; start: DateString; end: DateString;
  grades?: number[] | null;
}
export interface ClassEvent { type: "class"; id: Id; grade: number; name?: string | null }
export interface StaffEvent {
  type: "staff"; id: Id; name?: string | null; roles?: (Role | Alias)[]; classes?: Id[] | null;
}
export interface StudentEvent {
  type: "student"; id: Id; name?: string | null; class: Id; since?: DateString | null;
  /** Subject → subgroup. */
  groups?: Record<string, Id> | null;
}
export interface ParentEvent { type: "parent"; id: Id; name?: string | null; children?: Id[] | null }
export interface StudentLeftEvent extends Made { type: "student_left"; student: Id; date: DateString }
export interface GroupChangeEvent extends Made {
  type: "group_change"; student: Id; subject: string; group: Id; date: DateString;
}
export interface HomeSchoolingEvent {
  type: "home_schooling"; student: Id; from: DateString; to?: DateString | null; subjects: string[];
}
export interface SanatoriumEvent { type: "sanatorium"; student: Id; from: DateString; to: DateString }
export interface ParentOptOutEvent { type: "parent_opt_out"; parent: Id; date: DateString }
export interface ThematicPlanEvent extends Made {
  type: "thematic_plan"; class: Id; group?: Id | null; subject: string;
  /** The number of planned lessons; or give `topics`. */
  lessons?: number; topics?: unknown[];
}
/** The register is a part of the school's (SPEC §1.3). */
export interface ExtractEvent {
  type: "extract"; from: DateString; to: DateString; source?: string | null;
  classes?: Id[] | null; students?: Id[] | null; lacks?: Lack[] | null;
}
export interface LessonEvent extends Made {
  type: "lesson"; id: Id; class: Id; group?: Id | null; subject: string; teacher: Id;
  date: DateString; start: TimeOfDay; end: TimeOfDay; topic?: string | null;
  work?: WorkKind | Alias | (WorkKind | Alias)[] | null;
  briefing?: BriefingKind | Alias | (BriefingKind | Alias)[] | null;
  /** The PE section. */
  section?: string | null;
  substitute?: boolean | null;
}
export interface AttendanceEvent extends Made {
  type: "attendance"; lesson: Id; student: Id; code: AttendanceCode | Alias;
}
export interface MarkEvent extends Made {
  type: "mark"; lesson: Id; student: Id; value: MarkValue; work?: WorkKind | Alias | null;
  basis?: "individual_work" | "sanatorium" | null;
}
export interface HomeworkEvent extends Made {
  type: "homework"; lesson: Id; text: string; students?: Id[] | null;
}
export interface FinalMarkEvent extends Made {
  type: "final_mark"; student: Id; subject: string; period: Id;
  /** 1–5, or `na` («н/а», not attested). */
  value: MarkValue | "na" | "н/а";
}
export interface IncidentEvent extends Made {
  type: "incident"; class: Id; subject: string; date: DateString; note?: string | null;
}
export interface DiaryViewEvent {
  type: "diary_view"; parent: Id; student: Id; section: "diary" | "final_marks";
  at?: DateTimeString | null;
}
export interface PaperReportEvent extends Made { type: "paper_report"; student: Id; date: DateString }
export interface JournalExportEvent extends Made {
  type: "journal_export"; class: Id; date: DateString; format?: "pdf" | Alias; signed?: boolean;
}
/** The parents were told on `date` that their child is failing or misses lessons without a
 * good reason (3.2), by the class teacher or a teacher of the class (3.3). */
export interface ParentNoticeEvent extends Made {
  type: "parent_notice"; student: Id; reason: NoticeReason | Alias; date: DateString;
  parent?: Id | null;
}
export interface AnnualDecisionEvent extends Made {
  type: "annual_decision"; student: Id; decision: Decision;
}

/** One event of the register (SPEC §1). */
export type Event =
  | PeriodEvent | ClassEvent | StaffEvent | StudentEvent | ParentEvent | StudentLeftEvent
  | GroupChangeEvent | HomeSchoolingEvent | SanatoriumEvent | ParentOptOutEvent
  | ThematicPlanEvent | ExtractEvent | LessonEvent | AttendanceEvent | MarkEvent
  | HomeworkEvent | FinalMarkEvent | IncidentEvent | DiaryViewEvent | PaperReportEvent
  | JournalExportEvent | ParentNoticeEvent | AnnualDecisionEvent;

/**
 * A register: an array of events, `{events: [...]}`, JSON or NDJSON text, or its bytes
 * (a file as read from disk or from a drop: UTF-8).
 */
export type Register =
  | Event[]
  | { events: Event[] }
  | string
  | Uint8Array
  | ArrayBuffer;

/** The moment the register is checked at: a `Date`, or text as the CLI's `--as-of` takes it:
 * a date, `31.10.2024` or `2024-10-31`, meaning the end of that day in school time (the
 * policy's `utc_offset`); a date and time in school time, `2024-10-31 18:00` or
 * `2024-10-31T18:00`; or RFC 3339 with its offset, `2024-10-31T18:00:00+04:00`. */
export type AsOf = Date | DateTimeString | DateString;

export type Severity = "error" | "warning" | "info";
export type Lang = "ru" | "en";

/** One finding (SPEC §4), with the field names of the JSON report; `null` when not applicable. */
export interface Finding {
  rule: string;
  /** The clause of the Regulation; `null` for a rule no clause states. */
  clause: string | null;
  severity: Severity;
  message: string;
  /** The 0-based index in the input of the entry it concerns. */
  event: number | null;
  /** The 1-based line of the input where that entry starts, when it was given as text. */
  line: number | null;
  date: DateString | null;
  class: string | null;
  subject: string | null;
  lesson: string | null;
  student: string | null;
  students: string[] | null;
  teacher: string | null;
  period: string | null;
  parent: string | null;
  /** The deadline that was missed: a date (to its end) or a moment. */
  due: DateString | DateTimeString | null;
}

/** A figure: `n` of `of`. */
export interface Share { n: number; of: number }

/**
 * The fill figures («наполняемость», «своевременность») of a teacher, class or week, over the
 * lessons held by `asOf`; `null` when the source does not carry the figure or there is
 * nothing to measure it on (see `ekzh explain`-level definitions in the core's `FillRow`).
 */
export interface FillRow {
  lessons: number;
  with_topic: Share | null;
  topic_on_time: Share | null;
  with_homework: Share | null;
  homework_on_time: Share | null;
  /** Marks (`n`) over student-lessons (`of`): `n / of` marks per student per lesson. */
  marks: Share | null;
  works_on_time: Share | null;
  findings: Partial<Record<Severity, number>>;
}

export interface Fill {
  from: DateString | null;
  to: DateString | null;
  total: FillRow;
  /** By staff id. */
  teachers: Record<string, FillRow>;
  /** By class id. */
  classes: Record<string, FillRow>;
  /** By week, keyed by its Monday. */
  weeks: Record<DateString, FillRow>;
}

/** The names of what a report mentions, by id (an id without a name is not listed). */
export interface Names {
  classes: Record<string, string>;
  staff: Record<string, string>;
  students: Record<string, string>;
  parents: Record<string, string>;
}

export interface Summary {
  events: number;
  findings: number;
  by_severity: Partial<Record<Severity, number>>;
  by_rule: Record<string, number>;
  by_teacher: Record<string, number>;
  by_class: Record<string, number>;
  entries_without_at: number;
  entries_without_by: number;
  input_errors: number;
  fill: Fill;
  /** The policy the register was checked under, when it is not the Regulation's. */
  policy: Record<string, unknown> | null;
  /**
   * On a part of a register (an `extract`, SPEC §1.3): what each rule could not judge, by
   * rule id and reason id (`lacks_topic`, `before_part`, `after_part`, `outside_part` …).
   * Absent for the whole school's register; empty for a part on which everything was
   * judged.
   */
  not_judged?: Record<string, Partial<Record<NotJudgedReason, number>>>;
}

/** Why a rule could not judge something on a part of a register. */
export type NotJudgedReason =
  | "lacks_topic"
  | "lacks_homework"
  | "lacks_attendance"
  | "lacks_marks"
  | "lacks_final_marks"
  | "lacks_at"
  | "lacks_by"
  | "lacks_teacher"
  | "lacks_staff"
  | "lacks_parents"
  | "lacks_plans"
  | "before_part"
  | "after_part"
  | "outside_part";

/** What the register holds at `asOf`: every finding, the summary, and names. */
export interface Report {
  asOf: DateTimeString;
  /** The language of the messages. */
  lang: Lang;
  findings: Finding[];
  summary: Summary;
  names: Names;
}

export interface GradingDeadline {
  works: WorkKind[];
  grades: number[];
  /** `next_lesson`, or days after the lesson's date. */
  deadline: "next_lesson" | number;
}

/** A partial policy (SPEC §2): what it names overrides the Regulation's defaults. */
export interface Policy {
  utc_offset?: string;
  no_marks_grades?: number[];
  homework_deadline_after_last_lesson?: number;
  briefing_subjects?: SubjectKind[];
  pre_work_briefing_subjects?: SubjectKind[];
  grading_deadlines?: GradingDeadline[];
  works_needing_marks?: {
    works?: WorkKind[];
    except?: { work: WorkKind; subject: SubjectKind; grades: number[] }[];
  };
  long_absence_lessons?: number;
  protected_lessons_after_absence?: number;
  failing_marks?: number[];
  min_marks_for_final?: { quarter?: number; trimester?: number; half_year?: number; year?: number };
  final_mark_tolerance?: number;
  mark_weights?: Partial<Record<WorkKind, number>>;
  final_marks_publish_within?: number;
  absence_reason_within_days?: number;
  paper_report_every_days?: number;
  /** Days of the year `MM-DD`; `grades` by grade: `{"9": "08-25"}`. */
  export_deadline?: { default?: string; grades?: Record<string, string> };
  thematic_plan_grace_days?: number;
  subject_kinds?: Record<string, SubjectKind>;
  /** Lessons of a subject attended in a row without a mark that make marks sparse (10). */
  sparse_marks_lessons?: number;
  /** Subjects with a control work each period, by name (case, «ё», a level word ignored). */
  control_work_subjects?: string[];
  /** Control works, control dictations or tests per subject, class and period (1). */
  control_works_per_period?: number;
  /** Phrases that say where homework is, not what it is («задание прежнее», «см. дз» …). */
  homework_uninformative?: string[];
  /** Days after a failing mark's entry or a week's end by which the parents are told (7). */
  parent_notice_within_days?: number;
  /** Unexcused (`НП`) absences in a week, Monday to Sunday, that the parents are told of (3). */
  unexcused_absences_for_notice?: number;
}

export interface CheckOptions {
  /** A partial policy, as an object or JSON text. */
  policy?: Policy | string | null;
  /** The language of messages; Russian by default. */
  lang?: Lang;
  /** Check the good events and list each bad one as an `input_error` finding, instead of throwing. */
  skipInvalid?: boolean;
}

export interface EngineOptions {
  /** The language of messages; Russian by default. */
  lang?: Lang;
}

/** A rule of the catalogue (SPEC §3), as `ekzh rules --format json` lists it. */
export interface RuleInfo {
  id: string;
  /** The clause of the Regulation; `null` for a rule no clause states. */
  clause: string | null;
  severity: Severity;
  when: "entry" | "audit" | "entry/audit";
  /** The title people know the rule by. */
  title: { ru: string; en: string };
  /** What to correct. */
  fix: { ru: string; en: string };
  /** The first line of the documentation. */
  summary: string;
  /** The documentation (Markdown, English): the clause, what it checks, an example. */
  doc: string;
  /** The documentation in Russian: the clause, what it checks, what to correct. */
  doc_ru: string;
}

/** What a thrown error carries besides its message. */
export interface EkzhError extends Error {
  /** `input`: a bad event; `policy`: a bad policy; `argument`: a bad argument. */
  kind: "input" | "policy" | "argument";
  /** The 0-based index of the bad event; `null` when not applicable. */
  event: number | null;
  /** The 1-based line of the bad event in the text; `null` when not applicable. */
  line: number | null;
  /** The path of the bad field (`value`, `students[2]`) or policy key; `null` when not applicable. */
  field: string | null;
}

/**
 * Checks a whole register at `asOf`. Throws an {@link EkzhError} on bad input (unless
 * `skipInvalid`) or a bad policy.
 */
export function check(events: Register, asOf: AsOf, options?: CheckOptions | null): Report;

/** Every rule: id, clause, severity, when it can tell, documentation. */
export function rules(): RuleInfo[];

/** The version of ekzh. */
export function version(): string;

/**
 * Checks a register entry by entry, as a portal receives it: `push` returns what is wrong
 * with an entry as it was made; `audit` every finding at a date.
 */
export class Engine {
  /** An engine with a partial policy (object or JSON text); the Regulation's defaults otherwise. */
  constructor(policy?: Policy | string | null, options?: EngineOptions | null);
  /** Stores an event (an object, or its JSON text) and returns its findings. Throws an
   * {@link EkzhError}, storing nothing, on a bad event. */
  push(event: Event | string): Finding[];
  /** Every finding at `asOf`: those told on entry and those overdue by then. */
  audit(asOf: AsOf): Report;
  /** Events taken so far: the index the next event gets. */
  readonly length: number;
  /** Frees the engine's memory now rather than when it is collected. */
  free(): void;
}
