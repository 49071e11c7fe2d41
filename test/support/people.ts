import type { Member } from "../../src/domain/member.js";
import type { RoleGrant } from "../../src/domain/role.js";

/** Wednesday 25/11/2026 10:00 in Cao Bằng: week 2026-W48. */
export const WEDNESDAY = "2026-11-25T03:00:00.000Z";

/** A member of organisations in a unit, with role grants, reachable on Telegram. */
export function person(
  id: string,
  unitId: string,
  orgIds: string[],
  roles: RoleGrant[] = [],
): Member {
  return {
    id,
    name: `Người ${id}`,
    unitId,
    orgIds,
    roles,
    locale: "vi",
    active: true,
    optedOut: false,
    identities: [
      {
        channel: "telegram",
        chatId: `chat-${id}`,
        boundAt: "2026-11-01T00:00:00.000Z",
        lastSeenAt: "2026-11-01T00:00:00.000Z",
      },
    ],
    source: "cli",
    createdAt: "2026-11-01T00:00:00.000Z",
  };
}
