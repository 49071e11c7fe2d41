import type { Campaign, TargetRecognition } from "../domain/campaign.js";
import type { CriteriaSet, CriterionStatus } from "../domain/criteria.js";
import type { Organisation } from "../domain/organisation.js";
import type { ReportFields } from "../domain/report-fields.js";
import type { Unit } from "../domain/unit.js";

/** Administrative units: the shipped ones and those the CLI imports. */
export interface UnitRepository {
  list(): Promise<Unit[]>;
  get(id: string): Promise<Unit | undefined>;
  saveMany(units: Unit[]): Promise<void>;
}

/** Organisations: the shipped ones and those the CLI imports. */
export interface OrganisationRepository {
  list(): Promise<Organisation[]>;
  get(id: string): Promise<Organisation | undefined>;
  saveMany(organisations: Organisation[]): Promise<void>;
}

/** Criteria sets and each unit's recorded state of each criterion. */
export interface CriteriaRepository {
  listSets(): Promise<CriteriaSet[]>;
  saveSets(sets: CriteriaSet[]): Promise<void>;
  /** Criterion states, of one unit or of all. */
  statuses(unitId?: string): Promise<CriterionStatus[]>;
  setStatus(status: CriterionStatus): Promise<void>;
  setStatuses(statuses: CriterionStatus[]): Promise<void>;
}

/** Campaigns (plans with targets) and the recognitions that meet their targets. */
export interface CampaignRepository {
  list(): Promise<Campaign[]>;
  saveMany(campaigns: Campaign[]): Promise<void>;
  recognitions(): Promise<TargetRecognition[]>;
  recordRecognition(recognition: TargetRecognition): Promise<void>;
}

/** The weekly report's fields, as shipped in `data/report-fields.json`. */
export interface ReportFieldsRepository {
  get(): Promise<ReportFields>;
  save(fields: ReportFields): Promise<void>;
}
