/** A numeric field of the weekly report, in the unit a head types it in. */
export interface ReportField {
  id: string;
  label: string;
  /** The field's unit as shipped: m, m², triệu đồng, ngày công, cây, … */
  unit: string;
  min: number;
  max: number;
}

/** An activity group: the head picks the groups that happened and answers only their fields. */
export interface ReportFieldGroup {
  id: string;
  label: string;
  fields: ReportField[];
}

/** The weekly report's shape: shipped in `data/report-fields.json`, changed by data edits only. */
export interface ReportFields {
  groups: ReportFieldGroup[];
}
