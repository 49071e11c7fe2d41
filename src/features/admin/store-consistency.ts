import { isRole } from "../../domain/role.js";
import type { Store } from "../../store/store.js";

/** A stored record that names something the store does not hold. */
export interface StoreProblem {
  /** What is wrong, e.g. `member-unit`; the CLI words it (`cli:consistency.<code>`). */
  code: string;
  params: Record<string, string>;
}

/**
 * Every broken reference in the store: each unit's parent and successor, each member's unit,
 * organisations and role grants, each invite's unit, organisations, roles and member, and
 * each report's hamlet. An empty list means every name resolves.
 */
export async function checkStoreConsistency(store: Store): Promise<StoreProblem[]> {
  const [units, orgs, members, invites, reports] = await Promise.all([
    store.units.list(),
    store.organisations.list(),
    store.members.list(),
    store.invites.list(),
    store.reports.listAll(),
  ]);
  const unitIds = new Set(units.map((unit) => unit.id));
  const orgIds = new Set(orgs.map((org) => org.id));
  const memberIds = new Set(members.map((member) => member.id));
  const problems: StoreProblem[] = [];
  const missing = (code: string, params: Record<string, string>) => problems.push({ code, params });

  for (const unit of [...units].sort(byId)) {
    if (unit.parent && !unitIds.has(unit.parent)) {
      missing("unit-parent", { unit: unit.id, value: unit.parent });
    }
    if (unit.successor && !unitIds.has(unit.successor)) {
      missing("unit-successor", { unit: unit.id, value: unit.successor });
    }
  }
  for (const member of [...members].sort(byId)) {
    const at = { member: member.id };
    if (!unitIds.has(member.unitId)) missing("member-unit", { ...at, value: member.unitId });
    for (const orgId of member.orgIds) {
      if (!orgIds.has(orgId)) missing("member-org", { ...at, value: orgId });
    }
    for (const grant of member.roles) {
      if (!isRole(grant.role)) missing("member-role", { ...at, value: grant.role });
      if (!unitIds.has(grant.unitId)) {
        missing("grant-unit", { ...at, role: grant.role, value: grant.unitId });
      }
      for (const orgId of grant.orgIds) {
        if (!orgIds.has(orgId)) missing("grant-org", { ...at, role: grant.role, value: orgId });
      }
    }
  }
  for (const invite of [...invites].sort((a, b) => a.code.localeCompare(b.code))) {
    const at = { code: invite.code };
    if (!unitIds.has(invite.unitId)) missing("invite-unit", { ...at, value: invite.unitId });
    for (const orgId of invite.orgIds) {
      if (!orgIds.has(orgId)) missing("invite-org", { ...at, value: orgId });
    }
    for (const role of invite.roles) {
      if (!isRole(role)) missing("invite-role", { ...at, value: role });
    }
    if (invite.memberId && !memberIds.has(invite.memberId)) {
      missing("invite-member", { ...at, value: invite.memberId });
    }
  }
  for (const report of reports) {
    if (!unitIds.has(report.hamletId)) {
      missing("report-unit", { week: report.week, value: report.hamletId });
    }
  }
  return problems;
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id.localeCompare(b.id);
}
