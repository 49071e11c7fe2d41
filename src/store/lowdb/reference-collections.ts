import type { Campaign, TargetRecognition } from "../../domain/campaign.js";
import type { CriteriaSet, CriterionStatus } from "../../domain/criteria.js";
import type { Organisation } from "../../domain/organisation.js";
import type { ReportFields } from "../../domain/report-fields.js";
import type { Unit } from "../../domain/unit.js";
import type {
  CampaignRepository,
  CriteriaRepository,
  OrganisationRepository,
  ReportFieldsRepository,
  UnitRepository,
} from "../reference-repositories.js";
import type { Collection } from "./collection.js";
import { hashPartition, singlePartition } from "./collection-layout.js";
import type { CollectionOpener } from "./collection-opener.js";

/** Units on lowdb: one small file. */
export async function openUnits(open: CollectionOpener): Promise<UnitRepository> {
  const units = await open<Unit>("units", { id: (u) => u.id, partition: singlePartition() });
  return {
    list: async () => units.all(),
    get: async (id) => units.get(id),
    saveMany: (list) => units.putMany(list),
  };
}

/** Organisations on lowdb: one small file. */
export async function openOrganisations(open: CollectionOpener): Promise<OrganisationRepository> {
  const orgs = await open<Organisation>("organisations", {
    id: (o) => o.id,
    partition: singlePartition(),
  });
  return {
    list: async () => orgs.all(),
    get: async (id) => orgs.get(id),
    saveMany: (list) => orgs.putMany(list),
  };
}

/** Criteria sets (one file) and criterion states (spread by unit). */
export async function openCriteria(open: CollectionOpener): Promise<CriteriaRepository> {
  const sets = await open<CriteriaSet>("criteria-sets", {
    id: (s) => s.id,
    partition: singlePartition(),
  });
  const statuses: Collection<CriterionStatus> = await open<CriterionStatus>("criteria-status", {
    id: (s) => `${s.unitId}|${s.criterionId}`,
    partition: hashPartition(16, (s) => s.unitId),
    indexes: { unit: (s) => [s.unitId] },
  });
  return {
    listSets: async () => sets.all(),
    saveSets: (list) => sets.putMany(list),
    statuses: async (unitId) => (unitId ? statuses.find("unit", unitId) : statuses.all()),
    setStatus: (status) => statuses.put(status),
    setStatuses: (list) => statuses.putMany(list),
  };
}

/** Campaigns and recognitions: small files. */
export async function openCampaigns(open: CollectionOpener): Promise<CampaignRepository> {
  const campaigns = await open<Campaign>("campaigns", {
    id: (c) => c.id,
    partition: singlePartition(),
  });
  const recognitions = await open<TargetRecognition>("recognitions", {
    id: (r) => `${r.unitId}|${r.status}`,
    partition: singlePartition(),
  });
  return {
    list: async () => campaigns.all(),
    saveMany: (list) => campaigns.putMany(list),
    recognitions: async () => recognitions.all(),
    recordRecognition: (recognition) => recognitions.put(recognition),
  };
}

/** The report fields: one document. */
export async function openReportFields(open: CollectionOpener): Promise<ReportFieldsRepository> {
  const docs = await open<ReportFields & { id: string }>("report-fields", {
    id: (d) => d.id,
    partition: singlePartition(),
  });
  return {
    get: async () => {
      const doc = docs.get("current");
      return { groups: doc?.groups ?? [] };
    },
    save: (fields) => docs.put({ ...fields, id: "current" }),
  };
}
