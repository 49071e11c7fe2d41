export { compileSummary, UnknownAreaError } from "./compile.js";
export { CriteriaStanding } from "./criteria-standing.js";
export { competitionRanks } from "./rank.js";
export { ReportIndex, reportIndexOf } from "./report-index.js";
export type * from "./types.js";
