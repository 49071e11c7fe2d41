import type { Invite } from "../../domain/invite.js";
import type { Locale } from "../../domain/member.js";
import type { Role } from "../../domain/role.js";
import type { Store } from "../../store/store.js";
import type { CsvRow, RowProblem } from "../csv-table.js";
import { createInvites, type InviteDeps, type InviteRequest } from "./invites.js";
import { knownIds, memberFieldsReader } from "./member-fields.js";
import { MemberMatcher } from "./members-import.js";

/** One row's invite in a batch, with the member it binds to when the row names a known one. */
export interface BatchInvite {
  row: number;
  name: string;
  unitId: string;
  /** The roles the person holds or will hold, for the printed card. */
  roles: Role[];
  memberId?: string;
  invite: Invite;
}

/**
 * One invite per row of a members table (`id,name,phone,unit,roles,orgs,lang`), all or none.
 * A row that matches a stored member (by id, phone, or name and unit, as an import would)
 * gets an invite that binds a chat to that member; any other row, an invite that makes the
 * member with the row's roles (`member` when none) on first use.
 */
export async function createInviteBatch(
  store: Store,
  rows: readonly CsvRow[],
  deps: InviteDeps & { defaultLocale: Locale },
): Promise<{ ok: true; invites: BatchInvite[] } | { ok: false; problems: RowProblem[] }> {
  const readMemberFields = memberFieldsReader(await knownIds(store));
  const matcher = new MemberMatcher(await store.members.list());
  const problems: RowProblem[] = [];
  const planned: Array<{
    row: number;
    name: string;
    unitId: string;
    roles: Role[];
    request: InviteRequest;
    memberId?: string;
  }> = [];
  for (const { row, values } of rows) {
    const read = readMemberFields(values, row);
    if (!read.ok) {
      problems.push(...read.problems);
      continue;
    }
    const { fields } = read;
    const match = matcher.match(fields);
    if ("problem" in match) {
      problems.push({ row, ...match.problem });
      continue;
    }
    const member = match.member;
    planned.push({
      row,
      name: member?.name ?? fields.name,
      unitId: member?.unitId ?? fields.unitId,
      roles: member
        ? [...new Set(member.roles.map((grant) => grant.role))]
        : fields.roles.length > 0
          ? fields.roles
          : ["member"],
      ...(member ? { memberId: member.id } : {}),
      request: member
        ? { roles: [], memberId: member.id, ...(fields.locale ? { locale: fields.locale } : {}) }
        : {
            roles: fields.roles.length > 0 ? fields.roles : ["member"],
            unitId: fields.unitId,
            orgIds: fields.orgIds,
            name: fields.name,
            ...(fields.salutation ? { salutation: fields.salutation } : {}),
            locale: fields.locale ?? deps.defaultLocale,
          },
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  const created = await createInvites(
    store,
    planned.map((p) => p.request),
    deps,
  );
  if (!created.ok) {
    return {
      ok: false,
      problems: created.problems.map(({ index, code, ...params }) => ({
        row: planned[index]?.row ?? 0,
        code: `invite-${code}`,
        ...(Object.keys(params).length > 0 ? { params } : {}),
      })),
    };
  }
  return {
    ok: true,
    invites: planned.map(({ request: _request, ...p }, index) => ({
      ...p,
      invite: created.invites[index] as Invite,
    })),
  };
}
