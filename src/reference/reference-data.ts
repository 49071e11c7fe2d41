import type { Campaign } from "../domain/campaign.js";
import type { CriteriaSet } from "../domain/criteria.js";
import type { Organisation } from "../domain/organisation.js";
import type { ReportFields } from "../domain/report-fields.js";
import type { Unit } from "../domain/unit.js";

/** An entry of the report's closing "anything else?" menu: criteria newly met, a good deed, … */
export interface OptionalReportItem {
  id: string;
  label: string;
}

/** The weekly report's shape as shipped, with the ids of the closing menu's entries. */
export type ShippedReportFields = ReportFields & { optional: OptionalReportItem[] };

/** Everything shipped in `data/`, validated and in the domain's types. */
export interface ReferenceData {
  units: Unit[];
  organisations: Organisation[];
  /** Each set carries its Vietnamese `name` (for labels' fallback). */
  criteriaSets: Array<CriteriaSet & { name: string }>;
  campaigns: Campaign[];
  reportFields: ShippedReportFields;
}
