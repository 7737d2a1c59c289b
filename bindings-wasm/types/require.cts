// A typed use through `require`: checked by `tsc --noEmit`, never run.
import ekzh = require("ekzh");

const report: ekzh.Report = ekzh.check([{ type: "class", id: "5a", grade: 5 }], "2024-10-31");
console.log(report.findings.map((f: ekzh.Finding) => f.rule));

import tools = require("ekzh/tools");
const imported: tools.NetschoolImport = tools.fromNetschool("{}", { lang: "ru" });
console.log(imported.text);
