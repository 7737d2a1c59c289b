export * from "./ekzh_report.js";
import * as report from "./ekzh_report.js";
export default report;
