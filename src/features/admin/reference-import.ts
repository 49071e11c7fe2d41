import { z } from "zod";
import type { Organisation } from "../../domain/organisation.js";
import { UNIT_KINDS, type Unit, type UnitKind, type UnitNameSpan } from "../../domain/unit.js";
import { kebabIdSchema, unitIdSchema } from "../../reference/schema.js";
import type { Store } from "../../store/store.js";
import type { CsvRow, RowProblem } from "../csv-table.js";

/**
 * The columns of a units table: `id,name,kind,parent,households,from`. A row with `from`
 * (yyyy-mm-dd) renames an existing unit from that date on ("Xóm Nam Phong 2" → "Tổ dân phố
 * Nam Phong 2"): earlier weeks keep the old name, later ones and today use the new.
 */
export const UNIT_COLUMNS = {
  required: ["id", "name", "kind"],
  optional: ["parent", "households", "from"],
} as const;

/** The columns of an organisations table: `id,name,short,mass` (mass: yes/no, default yes). */
export const ORGANISATION_COLUMNS = {
  required: ["id", "name"],
  optional: ["short", "mass"],
} as const;

/** What importing a row does to a stored record. */
export type RecordAction = "add" | "update" | "unchanged";

/** A checked import: each row's record and action, or every problem (nothing written). */
export type ReferenceImportPlan<T> =
  | { ok: true; changes: Array<{ row: number; action: RecordAction; record: T }> }
  | { ok: false; problems: RowProblem[] };

// A unit's parent must sit strictly higher, as in the shipped data.
const KIND_RANK: Record<UnitKind, number> = {
  province: 0,
  city: 1,
  commune: 2,
  ward: 2,
  hamlet: 3,
};

const text = (max: number) =>
  z
    .string({ error: "required" })
    .transform((value) => value.normalize("NFC").replace(/\s+/g, " ").trim())
    .pipe(z.string().min(1, { error: "required" }).max(max, { error: "too-long" }));

const unitRowSchema = z.object({
  id: unitIdSchema,
  name: text(120),
  kind: z
    .string()
    .transform((kind) => kind.toLowerCase())
    .pipe(z.enum(UNIT_KINDS, { error: "bad-kind" })),
  parent: z
    .string()
    .transform((parent) => (parent === "" ? undefined : parent))
    .pipe(unitIdSchema.optional()),
  households: z
    .string()
    .optional()
    .transform((cell, ctx) => {
      const value = (cell ?? "").replace(/[\s.,]/g, "");
      if (value === "") return undefined;
      const households = Number(value);
      if (/^\d+$/.test(value) && households > 0) return households;
      ctx.addIssue({ code: "custom", message: "bad-households", params: { value: cell ?? "" } });
      return z.NEVER;
    }),
  from: z
    .string()
    .optional()
    .transform((cell, ctx) => {
      const value = (cell ?? "").trim();
      if (value === "") return undefined;
      if (isRealIsoDate(value)) return value;
      ctx.addIssue({ code: "custom", message: "bad-from", params: { value } });
      return z.NEVER;
    }),
});

/** True for a real date written yyyy-mm-dd (no 30 February). */
function isRealIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/**
 * The unit called `span.name` from `span.from` on, its earlier names kept for the weeks
 * before; a new name for the same date replaces the one imported before.
 */
function renamedFrom(unit: Unit, span: UnitNameSpan): Unit {
  const names = [...(unit.names ?? []).filter((other) => other.from !== span.from), span];
  return { ...unit, names: names.sort((a, b) => a.from.localeCompare(b.from)) };
}

const YES = ["yes", "y", "true", "1", "có", "co", "x"];
const NO = ["no", "n", "false", "0", "không", "khong"];

const organisationRowSchema = z.object({
  id: kebabIdSchema,
  name: text(200),
  short: z
    .string()
    .transform((short) => (short === "" ? undefined : short))
    .pipe(z.string().max(30, { error: "too-long" }).optional()),
  mass: z.string().transform((cell, ctx) => {
    const value = cell.normalize("NFC").toLowerCase();
    if (value === "" || YES.includes(value)) return true;
    if (NO.includes(value)) return false;
    ctx.addIssue({ code: "custom", message: "bad-yes-no", params: { value: cell } });
    return z.NEVER;
  }),
});

/**
 * Checks a units table against the store: ids are new or earlier CLI imports (a shipped unit
 * is edited in `data/`), kinds are known, and each parent exists (stored, or on an earlier
 * row) and sits higher than its child. The city imports its communes' hamlets this way.
 */
export async function planUnitsImport(
  store: Store,
  rows: readonly CsvRow[],
): Promise<ReferenceImportPlan<Unit>> {
  const stored = new Map((await store.units.list()).map((unit) => [unit.id, unit]));
  const problems: RowProblem[] = [];
  const changes: Array<{ row: number; action: RecordAction; record: Unit }> = [];
  const fromFile = new Map<string, { row: number; unit: Unit }>();
  for (const { row, values } of rows) {
    const parsed = unitRowSchema.safeParse(values);
    if (!parsed.success) {
      problems.push(...issuesOf(parsed.error, row, values));
      continue;
    }
    const { id, name, kind, parent, households, from } = parsed.data;
    const current = stored.get(id);
    const earlier = fromFile.get(id);
    if (from !== undefined) {
      const renamed = earlier?.unit ?? current;
      if (!renamed) {
        problems.push({ row, column: "id", code: "rename-unknown-unit", params: { value: id } });
        continue;
      }
      if (renamed.kind !== kind) {
        problems.push({
          row,
          column: "kind",
          code: "rename-other-kind",
          params: { value: kind, kind: renamed.kind },
        });
        continue;
      }
      const unit = renamedFrom(renamed, { from, name, kind });
      fromFile.set(id, { row, unit });
      changes.push({ row, action: actionFor(current, unit), record: unit });
      continue;
    }
    if (current?.source === "data") {
      // A shipped unit is edited in data/, but its household count is the city's to give.
      if (households !== undefined && !earlier && current.kind === kind) {
        const unit: Unit = { ...current, households };
        fromFile.set(id, { row, unit });
        changes.push({ row, action: actionFor(current, unit), record: unit });
        continue;
      }
      problems.push({ row, column: "id", code: "shipped-record", params: { value: id } });
      continue;
    }
    if (earlier) {
      problems.push({ row, column: "id", code: "same-id-as-row", params: { other: earlier.row } });
      continue;
    }
    const parentUnit = parent ? (fromFile.get(parent)?.unit ?? stored.get(parent)) : undefined;
    if (parent && !parentUnit) {
      problems.push({ row, column: "parent", code: "unknown-parent", params: { value: parent } });
      continue;
    }
    if (!parentUnit && kind !== "city" && kind !== "province") {
      problems.push({ row, column: "parent", code: "required", params: { value: "" } });
      continue;
    }
    if (parentUnit && KIND_RANK[parentUnit.kind] >= KIND_RANK[kind]) {
      problems.push({
        row,
        column: "parent",
        code: "bad-parent-kind",
        params: { kind, parent: parentUnit.id, parentKind: parentUnit.kind },
      });
      continue;
    }
    const unit: Unit = {
      id,
      kind,
      name,
      ...(parent ? { parent } : {}),
      ...(households !== undefined ? { households } : {}),
      source: "cli",
      active: current?.active ?? true,
    };
    fromFile.set(id, { row, unit });
    changes.push({ row, action: actionFor(current, unit), record: unit });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, changes };
}

/** Checks an organisations table against the store; shipped organisations are refused. */
export async function planOrganisationsImport(
  store: Store,
  rows: readonly CsvRow[],
): Promise<ReferenceImportPlan<Organisation>> {
  const stored = new Map((await store.organisations.list()).map((org) => [org.id, org]));
  const problems: RowProblem[] = [];
  const changes: Array<{ row: number; action: RecordAction; record: Organisation }> = [];
  const seen = new Map<string, number>();
  for (const { row, values } of rows) {
    const parsed = organisationRowSchema.safeParse(values);
    if (!parsed.success) {
      problems.push(...issuesOf(parsed.error, row, values));
      continue;
    }
    const { id, name, short, mass } = parsed.data;
    const current = stored.get(id);
    const earlier = seen.get(id);
    if (current?.source === "data") {
      problems.push({ row, column: "id", code: "shipped-record", params: { value: id } });
      continue;
    }
    if (earlier !== undefined) {
      problems.push({ row, column: "id", code: "same-id-as-row", params: { other: earlier } });
      continue;
    }
    seen.set(id, row);
    const org: Organisation = {
      id,
      name,
      ...(short ? { short } : {}),
      massOrg: mass,
      source: "cli",
      active: current?.active ?? true,
    };
    changes.push({ row, action: actionFor(current, org), record: org });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, changes };
}

function actionFor<T>(current: T | undefined, next: T): RecordAction {
  if (!current) return "add";
  return JSON.stringify(sorted(current)) === JSON.stringify(sorted(next)) ? "unchanged" : "update";
}

function sorted(record: unknown): unknown {
  return Object.fromEntries(
    Object.entries(record as object).sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** Zod issues as row problems; the shared id schemas' English wording becomes `bad-id`. */
function issuesOf(error: z.ZodError, row: number, values: Record<string, string>): RowProblem[] {
  return error.issues.map((issue) => {
    const column = String(issue.path[0] ?? "");
    const code = /^[a-z-]+$/.test(issue.message) ? issue.message : "bad-id";
    const params = (issue as { params?: Record<string, string> }).params ?? {
      value: values[column] ?? "",
    };
    return { row, column, code, params };
  });
}
