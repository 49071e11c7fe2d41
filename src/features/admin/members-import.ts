import { mergeGrants } from "../../domain/invite-redemption.js";
import type { Locale, Member } from "../../domain/member.js";
import { nextMemberId, nextMemberIds } from "../../store/member-ids.js";
import type { Store } from "../../store/store.js";
import type { CsvRow, RowProblem } from "../csv-table.js";
import {
  grantsFor,
  knownIds,
  type MemberFields,
  memberFieldsReader,
  nameKey,
} from "./member-fields.js";

/** What importing a row does to the store. */
export type ImportAction = "add" | "update" | "unchanged";

/** How a row found the member it updates. */
export type MatchedBy = "id" | "phone" | "name";

/** One row's planned change. A member to add without an id gets one when the plan is applied. */
export interface PlannedMember {
  row: number;
  action: ImportAction;
  member: Member;
  matchedBy?: MatchedBy;
}

/** An import checked in full: every change, or every problem (and then nothing is written). */
export type MembersImportPlan =
  | { ok: true; changes: PlannedMember[] }
  | { ok: false; problems: RowProblem[] };

/** What an import plan needs besides the rows. */
export interface MembersImportOptions {
  now: () => Date;
  /** The language of new members whose row gives none. */
  defaultLocale: Locale;
}

/**
 * Works out what importing these rows would change, without writing anything. A row matches
 * a stored member by `id`, else by phone, else by name and unit, so importing the same file
 * twice adds nobody. A matched member takes the row's name and unit; phone, organisations and
 * language change only where the row gives them; roles are added, never removed.
 */
export async function planMembersImport(
  store: Store,
  rows: readonly CsvRow[],
  options: MembersImportOptions,
): Promise<MembersImportPlan> {
  const readMemberFields = memberFieldsReader(await knownIds(store));
  const problems: RowProblem[] = [];
  const checked: Array<{ row: number; fields: MemberFields }> = [];
  for (const { row, values } of rows) {
    const result = readMemberFields(values, row);
    if (result.ok) checked.push({ row, fields: result.fields });
    else problems.push(...result.problems);
  }
  const matcher = new MemberMatcher(await store.members.list());
  const changes: PlannedMember[] = [];
  const claimedBy = new Map<string, number>();
  for (const { row, fields } of checked) {
    const match = matcher.match(fields);
    if ("problem" in match) {
      problems.push({ row, ...match.problem });
      continue;
    }
    const keys = match.member ? [`member:${match.member.id}`] : newMemberKeys(fields);
    const earlier = keys.map((key) => claimedBy.get(key)).find((r) => r !== undefined);
    if (earlier !== undefined) {
      problems.push({ row, code: "same-member-as-row", params: { other: earlier } });
      continue;
    }
    for (const key of keys) claimedBy.set(key, row);
    changes.push(plannedChange(row, fields, match, options));
  }
  if (problems.length > 0) {
    return { ok: false, problems: problems.sort((a, b) => a.row - b.row) };
  }
  return { ok: true, changes };
}

/** Writes a plan's additions and updates in one save; new members get their ids here. */
export async function applyMembersImport(
  store: Store,
  changes: readonly PlannedMember[],
): Promise<Member[]> {
  const written: Member[] = [];
  const taken = new Set(changes.map((change) => change.member.id).filter((id) => id !== ""));
  const newcomers = changes.filter((c) => c.action !== "unchanged" && c.member.id === "").length;
  const drawn = await nextMemberIds(store.sequences, newcomers);
  for (const change of changes) {
    if (change.action === "unchanged") continue;
    let { member } = change;
    if (member.id === "") {
      let id = drawn.shift() ?? (await nextMemberId(store.sequences));
      // An admin may have chosen ids that look like generated ones.
      while (taken.has(id) || (await store.members.get(id)))
        id = await nextMemberId(store.sequences);
      taken.add(id);
      member = { ...member, id };
    }
    written.push(member);
  }
  if (written.length > 0) await store.members.saveMany(written);
  return written;
}

type Match = { member?: Member; matchedBy?: MatchedBy } | { problem: Omit<RowProblem, "row"> };

/** Finds the stored member a row means. Forgotten members are never matched by phone or name. */
export class MemberMatcher {
  private readonly byId = new Map<string, Member>();
  private readonly byPhone = new Map<string, Member[]>();
  private readonly byName = new Map<string, Member[]>();

  constructor(members: readonly Member[]) {
    for (const member of members) {
      this.byId.set(member.id, member);
      if (member.forgottenAt) continue;
      if (member.phone) push(this.byPhone, member.phone, member);
      push(this.byName, nameKey(member), member);
    }
  }

  /** The member a row's id, phone or name and unit designates, if any. */
  match(fields: MemberFields): Match {
    if (fields.id) {
      const member = this.byId.get(fields.id);
      if (member?.forgottenAt) {
        return {
          problem: { column: "id", code: "forgotten-member", params: { value: fields.id } },
        };
      }
      return member ? { member, matchedBy: "id" } : {};
    }
    if (fields.phone) {
      const found = this.byPhone.get(fields.phone) ?? [];
      if (found.length > 1) return ambiguous("phone", found);
      if (found[0]) return { member: found[0], matchedBy: "phone" };
    }
    const found = this.byName.get(nameKey(fields)) ?? [];
    if (found.length > 1) return ambiguous("name", found);
    return found[0] ? { member: found[0], matchedBy: "name" } : {};
  }
}

function ambiguous(column: string, found: Member[]): Match {
  return {
    problem: {
      column,
      code: "ambiguous-member",
      params: { ids: found.map((m) => m.id).join(", ") },
    },
  };
}

/** Keys under which two new rows would be the same person. */
function newMemberKeys(fields: MemberFields): string[] {
  return [
    ...(fields.id ? [`member:${fields.id}`] : []),
    ...(fields.phone ? [`phone:${fields.phone}`] : []),
    `name:${nameKey(fields)}`,
  ];
}

function plannedChange(
  row: number,
  fields: MemberFields,
  match: { member?: Member; matchedBy?: MatchedBy },
  options: MembersImportOptions,
): PlannedMember {
  const existing = match.member;
  if (!existing) {
    const roles = fields.roles.length > 0 ? fields.roles : (["member"] as const);
    return {
      row,
      action: "add",
      member: {
        id: fields.id ?? "",
        name: fields.name,
        ...(fields.phone ? { phone: fields.phone } : {}),
        ...(fields.salutation ? { salutation: fields.salutation } : {}),
        unitId: fields.unitId,
        orgIds: fields.orgIds,
        roles: grantsFor(roles, fields.unitId, fields.orgIds),
        locale: fields.locale ?? options.defaultLocale,
        active: true,
        optedOut: false,
        identities: [],
        source: "cli",
        createdAt: options.now().toISOString(),
      },
    };
  }
  const orgIds = fields.orgIds.length > 0 ? fields.orgIds : existing.orgIds;
  const updated: Member = {
    ...existing,
    name: fields.name,
    ...(fields.phone ? { phone: fields.phone } : {}),
    ...(fields.salutation ? { salutation: fields.salutation } : {}),
    unitId: fields.unitId,
    orgIds,
    roles: mergeGrants(existing.roles, grantsFor(fields.roles, fields.unitId, orgIds)),
    locale: fields.locale ?? existing.locale,
  };
  const same = JSON.stringify(updated) === JSON.stringify(existing);
  return {
    row,
    action: same ? "unchanged" : "update",
    member: updated,
    ...(match.matchedBy ? { matchedBy: match.matchedBy } : {}),
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
