import type { Invite } from "../../domain/invite.js";
import { generateInviteCode } from "../../domain/invite-code.js";
import { LOCALES, type Locale, type Salutation } from "../../domain/member.js";
import type { Role } from "../../domain/role.js";
import { successorOf } from "../../domain/unit-successor.js";
import type { Store } from "../../store/store.js";

/** How long an invite stays valid unless told otherwise. */
export const DEFAULT_INVITE_DAYS = 14;

/** What an invite is for: roles in a unit (and orgs) for a new member, or a known member. */
export interface InviteRequest {
  /** The roles a new member gets. Ignored (and may be empty) with `memberId`. */
  roles: Role[];
  /** The member's unit. With `memberId`, defaults to that member's. */
  unitId?: string;
  orgIds?: string[];
  /** The new member's name, shown in the welcome. */
  name?: string;
  /** How the new member is addressed ("anh", "bác"…); asked at joining when not given. */
  salutation?: Salutation;
  /** The bot's language for them: by default the member's (with `memberId`), else Vietnamese. */
  locale?: Locale;
  /** Binds a further chat (another platform's) to this existing member. */
  memberId?: string;
  validDays?: number;
}

/** What making invites needs from outside: the clock and randomness. */
export interface InviteDeps {
  now: () => Date;
  /** Uniform in [0, 1); codes are drawn from it. */
  random: () => number;
}

/** Why an invite was not made, with the id at fault. */
export type InviteProblem =
  | { code: "no-role" }
  | { code: "no-unit" }
  | { code: "bad-days"; value: string }
  | { code: "unknown-unit"; value: string }
  /** The unit no longer exists (merged on `ended`); `successor` took over from it. */
  | { code: "ended-unit"; value: string; name: string; successor: string; successorName: string }
  | { code: "unknown-org"; value: string }
  | { code: "unknown-member"; value: string }
  | { code: "forgotten-member"; value: string }
  | { code: "no-free-code" };

/** A new invite, or why none was made. */
export type CreateInviteResult =
  | { ok: true; invite: Invite }
  | { ok: false; problem: InviteProblem };

const CODE_ATTEMPTS = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Checks a request against the store and builds the invite it asks for, without saving it.
 * `taken` holds codes already handed out in the same batch.
 */
export async function prepareInvite(
  store: Store,
  request: InviteRequest,
  deps: InviteDeps,
  taken: ReadonlySet<string> = new Set(),
): Promise<CreateInviteResult> {
  const days = request.validDays ?? DEFAULT_INVITE_DAYS;
  if (!Number.isFinite(days) || days <= 0 || days > 366) {
    return { ok: false, problem: { code: "bad-days", value: String(days) } };
  }
  const member = request.memberId ? await store.members.get(request.memberId) : undefined;
  if (request.memberId && !member) {
    return { ok: false, problem: { code: "unknown-member", value: request.memberId } };
  }
  if (member?.forgottenAt) {
    return { ok: false, problem: { code: "forgotten-member", value: member.id } };
  }
  if (!member && request.roles.length === 0) return { ok: false, problem: { code: "no-role" } };
  const unitId = request.unitId ?? member?.unitId;
  if (!unitId) return { ok: false, problem: { code: "no-unit" } };
  const unit = await store.units.get(unitId);
  if (!unit) {
    return { ok: false, problem: { code: "unknown-unit", value: unitId } };
  }
  const units = new Map((await store.units.list()).map((u) => [u.id, u]));
  // A day's precision is enough: units end on dates years apart from any invite.
  const today = deps.now().toISOString().slice(0, 10);
  const successor = successorOf(unit, today, (id) => units.get(id));
  if (successor) {
    const problem = {
      code: "ended-unit" as const,
      value: unit.id,
      name: unit.name,
      successor: successor.id,
      successorName: successor.name,
    };
    return { ok: false, problem };
  }
  const orgIds = [...new Set(request.orgIds ?? [])];
  for (const orgId of orgIds) {
    if (!(await store.organisations.get(orgId))) {
      return { ok: false, problem: { code: "unknown-org", value: orgId } };
    }
  }

  let code: string | undefined;
  for (let attempt = 0; attempt < CODE_ATTEMPTS && !code; attempt++) {
    const candidate = generateInviteCode(deps.random);
    if (!taken.has(candidate) && !(await store.invites.get(candidate))) code = candidate;
  }
  if (!code) return { ok: false, problem: { code: "no-free-code" } };

  const now = deps.now();
  const name = request.name ?? member?.name;
  const invite: Invite = {
    code,
    roles: member ? [] : [...new Set(request.roles)],
    unitId,
    orgIds,
    ...(name ? { name } : {}),
    ...(request.salutation ? { salutation: request.salutation } : {}),
    locale: request.locale ?? member?.locale ?? LOCALES[0],
    ...(member ? { memberId: member.id } : {}),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + days * DAY_MS).toISOString(),
  };
  return { ok: true, invite };
}

/**
 * Makes and saves a one-time invite: a fresh code (never one in use), valid for 14 days by
 * default. The unit, organisations and member it names must exist.
 */
export async function createInvite(
  store: Store,
  input: InviteRequest & InviteDeps,
): Promise<CreateInviteResult> {
  const result = await prepareInvite(store, input, input);
  if (result.ok) await store.invites.save(result.invite);
  return result;
}

/**
 * Makes one invite per request, all or none: every request is checked first, and the
 * invites are saved together only when all are good. Problems carry the request's index.
 */
export async function createInvites(
  store: Store,
  requests: readonly InviteRequest[],
  deps: InviteDeps,
): Promise<
  | { ok: true; invites: Invite[] }
  | { ok: false; problems: Array<InviteProblem & { index: number }> }
> {
  const invites: Invite[] = [];
  const problems: Array<InviteProblem & { index: number }> = [];
  const taken = new Set<string>();
  for (const [index, request] of requests.entries()) {
    const result = await prepareInvite(store, request, deps, taken);
    if (result.ok) {
      invites.push(result.invite);
      taken.add(result.invite.code);
    } else {
      problems.push({ ...result.problem, index });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  if (invites.length > 0) await store.invites.saveMany(invites);
  return { ok: true, invites };
}
