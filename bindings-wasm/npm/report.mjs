// The справка module as an ES module in Node: the same function as `require("ekzh/report")`.
import report from "./ekzh_report.js";

export const { reportHtml } = report;
export default report;
