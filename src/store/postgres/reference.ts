import type {
  CampaignRepository,
  CriteriaRepository,
  OrganisationRepository,
  ReportFieldsRepository,
  UnitRepository,
} from "../reference-repositories.js";
import type { Database } from "./database.js";
import { docs, getDoc, putDocs } from "./document-table.js";
import {
  campaigns,
  criteriaSets,
  criteriaStatus,
  organisations,
  recognitions,
  reportFields,
  units,
} from "./tables.js";

/** Units on PostgreSQL. */
export function unitRepository(db: Database): UnitRepository {
  return {
    list: () => docs(db, "SELECT doc FROM units ORDER BY pos"),
    get: (id) => getDoc(db, units, id),
    saveMany: (list) => db.transaction((tx) => putDocs(tx, units, list)),
  };
}

/** Organisations on PostgreSQL. */
export function organisationRepository(db: Database): OrganisationRepository {
  return {
    list: () => docs(db, "SELECT doc FROM organisations ORDER BY pos"),
    get: (id) => getDoc(db, organisations, id),
    saveMany: (list) => db.transaction((tx) => putDocs(tx, organisations, list)),
  };
}

/** Criteria sets and criterion states on PostgreSQL. */
export function criteriaRepository(db: Database): CriteriaRepository {
  return {
    listSets: () => docs(db, "SELECT doc FROM criteria_sets ORDER BY pos"),
    saveSets: (list) => db.transaction((tx) => putDocs(tx, criteriaSets, list)),
    statuses: (unitId) =>
      unitId
        ? docs(db, "SELECT doc FROM criteria_status WHERE unit_id = $1 ORDER BY pos", [unitId])
        : docs(db, "SELECT doc FROM criteria_status ORDER BY pos"),
    setStatus: (status) => putDocs(db, criteriaStatus, [status]),
    setStatuses: (list) => db.transaction((tx) => putDocs(tx, criteriaStatus, list)),
  };
}

/** Campaigns and recognitions on PostgreSQL. */
export function campaignRepository(db: Database): CampaignRepository {
  return {
    list: () => docs(db, "SELECT doc FROM campaigns ORDER BY pos"),
    saveMany: (list) => db.transaction((tx) => putDocs(tx, campaigns, list)),
    recognitions: () => docs(db, "SELECT doc FROM recognitions ORDER BY pos"),
    recordRecognition: (recognition) => putDocs(db, recognitions, [recognition]),
  };
}

/** The report fields on PostgreSQL: one document. */
export function reportFieldsRepository(db: Database): ReportFieldsRepository {
  return {
    get: async () => ({ groups: (await getDoc(db, reportFields, "current"))?.groups ?? [] }),
    save: (fields) => putDocs(db, reportFields, [{ ...fields, id: "current" }]),
  };
}
