// The Node build as an ES module: the same functions as `require("ekzh")`.
import ekzh from "./ekzh.js";

export const { check, rules, version, Engine } = ekzh;
export default ekzh;
