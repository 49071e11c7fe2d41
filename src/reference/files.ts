/** The units file, relative to the data folder. */
export const UNITS_FILE = "units.json";
/** The organisations file, relative to the data folder. */
export const ORGANISATIONS_FILE = "organisations.json";
/** The criteria file, relative to the data folder. */
export const CRITERIA_FILE = "criteria.json";
/** The weekly report's fields, relative to the data folder. */
export const REPORT_FIELDS_FILE = "report-fields.json";
/** The folder holding one file per campaign, relative to the data folder. */
export const CAMPAIGNS_DIR = "campaigns";

/** The file a campaign is shipped in: `campaigns/<id>.json`. */
export function campaignFile(campaignId: string): string {
  return `${CAMPAIGNS_DIR}/${campaignId}.json`;
}

/** A JSON path as an editor reads it: `units[3].parent`; the whole document is `(top level)`. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else text += text === "" ? String(key) : `.${String(key)}`;
  }
  return text === "" ? "(top level)" : text;
}
