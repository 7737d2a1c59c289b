/* The types of `ekzh/tools`: the NetSchool importer (SPEC §7). */
import type { DateString, EkzhError, Event, Lang } from "./ekzh.js";

/**
 * What NetSchool (АСУ РСО, «Сетевой город») serves, as a page or a client holds it: the
 * text or bytes of a download, the parsed response (an object, or an array of them), or an
 * array of texts or byte arrays (several files).
 */
export type NetschoolSource = string | Uint8Array | ArrayBuffer | object | (string | Uint8Array | ArrayBuffer)[];

export interface NetschoolOptions {
  /** The server's assignment types (`webapi/grade/assignment/types`): kinds of work above
   * id 16 are known only from them. */
  types?: NetschoolSource | null;
  /** The class's grade (1–11), over the number its name begins with. */
  grade?: number | null;
  /** A class journal's class, by name («7А»): the journal does not name it. */
  className?: string | null;
  /** A class journal's subject, as the school names it. */
  subject?: string | null;
  /** A class journal's study period, `KIND:START:END` (`quarter:2024-09-02:2024-10-27`):
   * its totals become final marks of it. */
  period?: string | null;
  /** The name errors give the download (a file's name). */
  file?: string | null;
  /** The language of `text`; Russian by default. */
  lang?: Lang;
}

/** What an import read, made and left out, by kind. */
export interface ImportSummary {
  /** `netschool-diary` or `netschool-journal`: the extract's `source`. */
  source: string;
  class: string;
  /** A class journal's subject. */
  subject?: string;
  from: DateString | null;
  to: DateString | null;
  /** Whether the server's assignment types were given. */
  types_list: boolean;
  read: Record<string, number>;
  /** The events made, by `type`. */
  made: Record<string, number>;
  /** What was read and not imported, by reason (`extracurricular_lessons`, `duty_marks` …). */
  left_out: Record<string, number>;
  /** What was imported with a caveat (`unknown_type_marks`, `same_time_lessons`). */
  noted: Record<string, number>;
  /** Assignments by type id (as text) that no types list names. */
  unknown_types: Record<string, number>;
}

export interface NetschoolImport {
  /** The events, the `extract` first: ready for `check` or `Engine.push`. */
  events: Event[];
  summary: ImportSummary;
  /** The summary in words. */
  text: string;
}

/** What a thrown error of `fromNetschool` carries besides {@link EkzhError}'s. */
export interface NetschoolError extends EkzhError {
  /** The download's name, as `file` gave it; `null` without one. */
  file: string | null;
  /** The path inside the JSON (`weekDays[2].lessons[0].assignments[1].mark.mark`); `null`
   * when the document as a whole is wrong. `field` is its last name (or a bad option). */
  path: string | null;
}

/**
 * Imports what NetSchool exports: one student's diary (`webapi/student/diary`, one week or
 * many) or one class journal (`webapi/grade/journal`). Throws a {@link NetschoolError}
 * (`kind: "input"`) on a download of another shape, `kind: "argument"` on a bad option.
 */
export function fromNetschool(json: NetschoolSource, options?: NetschoolOptions | null): NetschoolImport;
