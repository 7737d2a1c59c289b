// A typed use of the browser build: checked by `tsc --noEmit`, never run.
import init, { check, Engine } from "ekzh/web";
import initReport, { reportHtml } from "ekzh/web/report";
import initTools, { fromNetschool } from "ekzh/web/tools";
import type { Report } from "ekzh/web";

await init();
await initReport();
await initTools();
const report: Report = check("", "2024-10-31", { lang: "ru" });
const engine = new Engine();
console.log(report.summary.by_rule, engine.audit(new Date()).findings.length);
const html: string = reportHtml(report, { lang: "en", since: null });
console.log(html.length, report.names.classes, report.summary.fill.total.lessons);
const imported = fromNetschool(new Uint8Array(), { file: "week.json" });
console.log(check(imported.events, "2023-04-20").findings.length, imported.summary.made);
