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
  | { ok: true; changes: PlannedMember[]; newcomers: number; namedIds: ReadonlySet<string> }
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
  const planner = await MembersImportPlanner.open(store, options);
  const changes: PlannedMember[] = [];
  for (const row of rows) {
    const change = planner.plan(row);
    if (change) changes.push(change);
  }
  const problems = planner.sortedProblems();
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, changes, newcomers: planner.newcomers, namedIds: planner.namedIds };
}

/**
 * Plans an import a row at a time, so that a file of any length can be checked as it is read:
 * each row's change, or its problems kept for the end. Rows are matched against the members
 * stored when it opened, and against the rows before them (two rows may not be one person).
 */
export class MembersImportPlanner {
  private readonly problems: RowProblem[] = [];
  /** Members to add that have no id yet: each is given one on saving. */
  newcomers = 0;
  /** The ids rows name, which an id given on saving must not take. */
  readonly namedIds = new Set<string>();
  private readonly claimedBy = new Map<string, number>();

  private constructor(
    private readonly readMemberFields: ReturnType<typeof memberFieldsReader>,
    private readonly matcher: MemberMatcher,
    private readonly options: MembersImportOptions,
  ) {}

  static async open(store: Store, options: MembersImportOptions): Promise<MembersImportPlanner> {
    const reader = memberFieldsReader(await knownIds(store));
    return new MembersImportPlanner(reader, new MemberMatcher(await store.members.list()), options);
  }

  /** The row's change, or nothing when it has a problem (kept in `problems`). */
  plan({ row, values }: CsvRow): PlannedMember | undefined {
    const result = this.readMemberFields(values, row);
    if (!result.ok) {
      this.problems.push(...result.problems);
      return undefined;
    }
    const { fields } = result;
    const match = this.matcher.match(fields);
    if ("problem" in match) {
      this.problems.push({ row, ...match.problem });
      return undefined;
    }
    const keys = match.member ? [`member:${match.member.id}`] : newMemberKeys(fields);
    const earlier = keys.map((key) => this.claimedBy.get(key)).find((r) => r !== undefined);
    if (earlier !== undefined) {
      this.problems.push({ row, code: "same-member-as-row", params: { other: earlier } });
      return undefined;
    }
    for (const key of keys) this.claimedBy.set(key, row);
    const change = plannedChange(row, fields, match, this.options);
    // Only a member to add can be without an id.
    if (change.member.id === "") this.newcomers += 1;
    else this.namedIds.add(change.member.id);
    return change;
  }

  /** A problem found in the file itself (its CSV), kept with the rows'. */
  note(problem: RowProblem): void {
    this.problems.push(problem);
  }

  /** Every problem found, by row. */
  sortedProblems(): RowProblem[] {
    return [...this.problems].sort((a, b) => a.row - b.row);
  }
}

/** How many members one write saves: a long import is written in parts of this many. */
const SAVED_AT_ONCE = 2_000;

/**
 * Writes a plan's additions and updates, in parts of `SAVED_AT_ONCE` members; new members get
 * their ids here, all drawn in one write. Reports each member written, in the plan's order.
 * A part written stays written if a later one fails: the import can be run again, as rows
 * already added then match the members they made.
 */
export async function applyMembersImport(
  store: Store,
  changes: Iterable<PlannedMember> | AsyncIterable<PlannedMember>,
  plan: { newcomers: number; namedIds: ReadonlySet<string> },
  written?: (member: Member) => void,
): Promise<void> {
  const taken = new Set(plan.namedIds);
  const drawn = (await nextMemberIds(store.sequences, plan.newcomers)).values();
  let part: Member[] = [];
  for await (const change of changes) {
    if (change.action === "unchanged") continue;
    let { member } = change;
    if (member.id === "") {
      let id = drawn.next().value ?? (await nextMemberId(store.sequences));
      // An admin may have chosen ids that look like generated ones.
      while (taken.has(id) || (await store.members.get(id)))
        id = await nextMemberId(store.sequences);
      taken.add(id);
      member = { ...member, id };
    }
    part.push(member);
    written?.(member);
    if (part.length >= SAVED_AT_ONCE) {
      await store.members.saveMany(part);
      part = [];
    }
  }
  if (part.length > 0) await store.members.saveMany(part);
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
