export * from "./ekzh_tools.js";
import * as tools from "./ekzh_tools.js";
export default tools;
