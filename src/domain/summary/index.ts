export { compileSummary, UnknownAreaError } from "./compile.js";
export { CriteriaStanding } from "./criteria-standing.js";
export { ReportIndex, reportIndexOf } from "./report-index.js";
export type * from "./types.js";
