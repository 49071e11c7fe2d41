import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import type { Campaign } from "../domain/campaign.js";
import type { Organisation } from "../domain/organisation.js";
import type { Unit } from "../domain/unit.js";
import { checkReferenceConsistency } from "./consistency.js";
import {
  CAMPAIGNS_DIR,
  CRITERIA_FILE,
  campaignFile,
  jsonPath,
  ORGANISATIONS_FILE,
  REPORT_FIELDS_FILE,
  UNITS_FILE,
} from "./files.js";
import type { ReferenceData } from "./reference-data.js";
import {
  campaignFileSchema,
  criteriaFileSchema,
  organisationsFileSchema,
  reportFieldsFileSchema,
  unitsFileSchema,
} from "./schema.js";

/** Thrown when the shipped reference data cannot be used; each problem names a file and a JSON path. */
export class ReferenceDataError extends Error {
  /** One line per problem: `<file>: <json path>: <what is wrong>`. */
  readonly problems: string[];

  constructor(dataDir: string, problems: string[]) {
    super(`Invalid reference data in ${dataDir}:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    this.name = "ReferenceDataError";
    this.problems = problems;
  }
}

/** The shipped `data/` folder at the project root, found from `src/` (tests) and `dist/src/` (built). */
export function defaultDataDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // This file is src/reference/loader.ts or dist/src/reference/loader.js.
  for (const candidate of [
    resolve(here, "..", "..", "data"),
    resolve(here, "..", "..", "..", "data"),
  ]) {
    if (existsSync(join(candidate, UNITS_FILE))) return candidate;
  }
  throw new Error(`data/ folder with ${UNITS_FILE} not found above ${here}`);
}

/**
 * Reads and validates every file of the reference data, then checks that they agree with each
 * other. Throws a ReferenceDataError listing every problem found, so an operator who edited
 * the data sees all mistakes at once rather than one per start.
 */
export function loadReferenceData(dataDir: string = defaultDataDir()): ReferenceData {
  const problems: string[] = [];
  const read = <S extends z.ZodType>(file: string, schema: S): z.output<S> | undefined =>
    readDataFile(dataDir, file, schema, problems);

  const unitsFile = read(UNITS_FILE, unitsFileSchema);
  const organisationsFile = read(ORGANISATIONS_FILE, organisationsFileSchema);
  const criteriaFile = read(CRITERIA_FILE, criteriaFileSchema);
  const reportFieldsFile = read(REPORT_FIELDS_FILE, reportFieldsFileSchema);
  const campaigns = readCampaigns(dataDir, problems);

  if (!unitsFile || !organisationsFile || !criteriaFile || !reportFieldsFile || !campaigns) {
    throw new ReferenceDataError(dataDir, problems);
  }

  const reference: ReferenceData = {
    units: unitsFile.units.map(
      ({ note: _note, population2019: _population, formedFrom: _formedFrom, ...unit }): Unit => ({
        ...unit,
        source: "data",
        active: true,
      }),
    ),
    organisations: organisationsFile.organisations.map(
      ({ note: _note, ...organisation }): Organisation => ({
        ...organisation,
        source: "data",
        active: true,
      }),
    ),
    criteriaSets: criteriaFile.sets.map((set) => ({ ...set, active: true })),
    campaigns,
    reportFields: {
      groups: reportFieldsFile.groups,
      optional: reportFieldsFile.optional.map(({ id, label }) => ({ id, label })),
    },
  };

  problems.push(...checkReferenceConsistency(reference));
  if (problems.length > 0) throw new ReferenceDataError(dataDir, problems);
  return reference;
}

/** Every `data/campaigns/*.json`, in file-name order; undefined after recording problems. */
function readCampaigns(dataDir: string, problems: string[]): Campaign[] | undefined {
  let files: string[];
  try {
    files = readdirSync(join(dataDir, CAMPAIGNS_DIR))
      .filter((file) => file.endsWith(".json"))
      .sort();
  } catch (error) {
    problems.push(`${CAMPAIGNS_DIR}/: cannot read the folder (${errorText(error)})`);
    return undefined;
  }
  const campaigns: Campaign[] = [];
  let failed = false;
  for (const name of files) {
    const file = `${CAMPAIGNS_DIR}/${name}`;
    const parsed = readDataFile(dataDir, file, campaignFileSchema, problems);
    if (!parsed) {
      failed = true;
      continue;
    }
    // Problems elsewhere name a campaign's file from its id, so the two must agree.
    if (campaignFile(parsed.id) !== file) {
      problems.push(
        `${file}: id: "${parsed.id}" must match the file name (${campaignFile(parsed.id)})`,
      );
      failed = true;
      continue;
    }
    const { about: _about, ...campaign } = parsed;
    campaigns.push({ ...campaign, source: "data", active: true });
  }
  return failed ? undefined : campaigns;
}

/** Parses one JSON file against its schema; on failure records `<file>: <path>: <message>` lines. */
function readDataFile<S extends z.ZodType>(
  dataDir: string,
  file: string,
  schema: S,
  problems: string[],
): z.output<S> | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dataDir, file), "utf8"));
  } catch (error) {
    problems.push(`${file}: ${errorText(error)}`);
    return undefined;
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    problems.push(`${file}: ${jsonPath(issue.path)}: ${issue.message}`);
  }
  return undefined;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
