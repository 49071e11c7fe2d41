import type { RecordSource } from "./unit.js";

/** A target of the plan: either one unit reaching a status, or a share of hamlets reaching one. */
export type CampaignTarget =
  | { kind: "unit"; unit: string; status: string; by: number; text: string }
  | { kind: "share"; unitKind: "hamlet"; status: string; share: number; by: number; text: string };

/** A campaign (the plan): its period, scope and targets. A new campaign is a data file. */
export interface Campaign {
  id: string;
  name: string;
  scope: string;
  /** ISO dates, inclusive. */
  from: string;
  to: string;
  targets: CampaignTarget[];
  communesInScope: string[];
  /** `cli` for a plan loaded with `campaigns import`; absent or `data` for a shipped one. */
  source?: RecordSource;
  active: boolean;
}

/** A recognition of a unit's status (e.g. Hưng Đạo recognised as advanced NTM), recorded by the CLI. */
export interface TargetRecognition {
  unitId: string;
  status: string;
  /** ISO date of the recognition. */
  date: string;
  /** The number of the decision that recognised it (`1234/QĐ-UBND`), when given. */
  decision?: string;
  recordedAt: string;
}
