export * from "./ekzh.js";
import * as ekzh from "./ekzh.js";
export default ekzh;
