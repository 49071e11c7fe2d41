import {
  ORGANISATION_COLUMNS,
  planOrganisationsImport,
} from "../../features/admin/reference-import.js";
import { referenceImportCommand } from "../reference-import-command.js";

/** `orgs import <csv> [--dry-run]`: adds or updates organisations from a CSV file. */
export const command = referenceImportCommand({
  columns: ORGANISATION_COLUMNS,
  plan: planOrganisationsImport,
  save: (store, organisations) => store.organisations.saveMany(organisations),
});
