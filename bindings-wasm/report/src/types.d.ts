/* The types of `ekzh/report`: the справка of a report (SPEC §8). */
import type { Finding, Lang, Names, Report, Summary } from "./ekzh.js";

/** A JSON report as `ekzh check --format json` writes it. */
export interface JsonReport {
  as_of: string;
  findings: Finding[];
  summary: Summary;
  names?: Names;
}

export interface ReportHtmlOptions {
  /** The document's language; by default the report's (`report.lang`), else Russian. */
  lang?: Lang;
  /** An earlier report: the справка says what was corrected, is still open, is new. */
  since?: Report | JsonReport | string | null;
  /** The school, as the heading names it. */
  school?: string | null;
}

/**
 * The справка of a report (what `check` or `audit` returned, or a JSON report, as an object
 * or its text): one self-contained HTML document for the administration, as `ekzh report`
 * writes it. Throws an `Error` with `kind: "argument"` when a report cannot be read.
 */
export function reportHtml(report: Report | JsonReport | string, options?: ReportHtmlOptions | null): string;
