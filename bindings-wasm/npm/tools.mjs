// The tools module as an ES module in Node: the same function as `require("ekzh/tools")`.
import tools from "./ekzh_tools.js";

export const { fromNetschool } = tools;
export default tools;
