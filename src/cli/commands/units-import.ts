import { planUnitsImport, UNIT_COLUMNS } from "../../features/admin/reference-import.js";
import { referenceImportCommand } from "../reference-import-command.js";

/** `units import <csv> [--dry-run]`: adds or updates units (e.g. hamlets) from a CSV file. */
export const command = referenceImportCommand({
  columns: UNIT_COLUMNS,
  plan: planUnitsImport,
  save: (store, units) => store.units.saveMany(units),
});
