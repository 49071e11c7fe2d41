import { z } from "zod";
import {
  LOCALES,
  type Locale,
  type Member,
  readSalutation,
  type Salutation,
} from "../../domain/member.js";
import { normalisePhone } from "../../domain/phone.js";
import { isRole, type Role, type RoleGrant } from "../../domain/role.js";
import type { Store } from "../../store/store.js";
import { type RowProblem, splitList } from "../csv-table.js";

/** The columns of a members table (`members import`, `invite batch`). */
export const MEMBER_COLUMNS = {
  required: ["name", "unit"],
  optional: ["id", "phone", "roles", "orgs", "lang", "salutation"],
  /** Headers in Vietnamese, as an official's spreadsheet names them. */
  aliases: { "xưng hô": "salutation" },
} as const;

/** A member's details as an admin gives them, checked against the stored units and orgs. */
export interface MemberFields {
  id?: string;
  name: string;
  phone?: string;
  unitId: string;
  /** Empty when the admin gave none: a new member then gets `member`. */
  roles: Role[];
  /** Empty when the admin gave none: an existing member keeps theirs. */
  orgIds: string[];
  /** Absent when the admin gave none. */
  locale?: Locale;
  /** How the person is addressed; absent when the admin gave none (asked at joining). */
  salutation?: Salutation;
}

/** The ids a member's details may refer to. */
export interface KnownIds {
  units: ReadonlySet<string>;
  orgs: ReadonlySet<string>;
}

/** The unit and organisation ids in the store, for checking member details against. */
export async function knownIds(store: Store): Promise<KnownIds> {
  const [units, orgs] = await Promise.all([store.units.list(), store.organisations.list()]);
  return { units: new Set(units.map((u) => u.id)), orgs: new Set(orgs.map((o) => o.id)) };
}

/** A member id an admin may choose: letters, digits and `-_.`, up to 40 characters. */
export const MEMBER_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

function memberFieldsSchema(known: KnownIds) {
  // Messages are problem codes; the CLI words them (`cli:problems.<code>`).
  return z.object({
    id: z.preprocess(
      blankToUndefined,
      z.string().regex(MEMBER_ID, { error: "bad-member-id" }).optional(),
    ),
    name: z
      .string({ error: "required" })
      .transform((name) => name.normalize("NFC").replace(/\s+/g, " ").trim())
      .pipe(z.string().min(1, { error: "required" }).max(120, { error: "too-long" })),
    phone: z.preprocess(
      blankToUndefined,
      z
        .string()
        .transform((text, ctx) => {
          const phone = normalisePhone(text);
          if (!phone)
            ctx.addIssue({ code: "custom", message: "bad-phone", params: { value: text } });
          return phone ?? "";
        })
        .optional(),
    ),
    unit: z
      .string({ error: "required" })
      .min(1, { error: "required" })
      .superRefine((id, ctx) => {
        if (!known.units.has(id)) {
          ctx.addIssue({ code: "custom", message: "unknown-unit", params: { value: id } });
        }
      }),
    roles: z
      .string()
      .default("")
      .transform((cell, ctx) => {
        const roles: Role[] = [];
        for (const item of splitList(cell)) {
          const role = item.toLowerCase();
          if (isRole(role)) {
            if (!roles.includes(role)) roles.push(role);
          } else {
            ctx.addIssue({ code: "custom", message: "unknown-role", params: { value: item } });
          }
        }
        return roles;
      }),
    orgs: z
      .string()
      .default("")
      .transform((cell, ctx) => {
        const orgs = [...new Set(splitList(cell))];
        for (const org of orgs) {
          if (!known.orgs.has(org)) {
            ctx.addIssue({ code: "custom", message: "unknown-org", params: { value: org } });
          }
        }
        return orgs;
      }),
    salutation: z.preprocess(
      (value) => (typeof value === "string" ? blankToUndefined(value) : value),
      z
        .string()
        .transform((text, ctx) => {
          const salutation = readSalutation(text);
          if (!salutation)
            ctx.addIssue({ code: "custom", message: "bad-salutation", params: { value: text } });
          return salutation ?? "anh";
        })
        .optional(),
    ),
    lang: z.preprocess(
      (value) => (typeof value === "string" ? blankToUndefined(value.toLowerCase()) : value),
      z.enum(LOCALES, { error: "bad-lang" }).optional(),
    ),
  });
}

/** Checked member details, or the problems found, each naming its column. */
export type MemberFieldsResult =
  | { ok: true; fields: MemberFields }
  | { ok: false; problems: RowProblem[] };

/**
 * A reader of member details (as table cells by column name: `id,name,phone,unit,roles,
 * orgs,lang`) that returns every problem of a row at once, so an admin fixes it in one go.
 * The schema is built once per reader: building it for each of 100,000 rows was most of an
 * import's time and memory.
 */
export function memberFieldsReader(
  known: KnownIds,
): (values: Record<string, string | undefined>, row: number) => MemberFieldsResult {
  const schema = memberFieldsSchema(known);
  return (values, row) => readWith(schema, values, row);
}

function readWith(
  schema: ReturnType<typeof memberFieldsSchema>,
  values: Record<string, string | undefined>,
  row: number,
): MemberFieldsResult {
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const column = String(issue.path[0] ?? "");
        const params = (issue as { params?: Record<string, string> }).params ?? {
          value: values[column] ?? "",
        };
        return { row, column, code: issue.message, params };
      }),
    };
  }
  const { id, name, phone, unit, roles, orgs, lang, salutation } = parsed.data;
  return {
    ok: true,
    fields: {
      ...(id ? { id } : {}),
      name,
      ...(phone ? { phone } : {}),
      unitId: unit,
      roles,
      orgIds: orgs,
      ...(lang ? { locale: lang } : {}),
      ...(salutation ? { salutation } : {}),
    },
  };
}

/**
 * The grants for roles held in a unit. Only a broadcaster's grant carries organisations
 * (those it speaks for); membership of organisations is the member's `orgIds`.
 */
export function grantsFor(roles: readonly Role[], unitId: string, orgIds: readonly string[]) {
  return roles.map(
    (role): RoleGrant => ({ role, unitId, orgIds: role === "broadcaster" ? [...orgIds] : [] }),
  );
}

/** Name and unit as matched on re-import: case, spacing and Unicode form do not matter. */
export function nameKey(member: Pick<Member, "name" | "unitId">): string {
  return `${member.unitId}|${member.name.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase()}`;
}
