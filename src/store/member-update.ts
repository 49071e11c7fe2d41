import type { Member } from "../domain/member.js";
import type { MemberRepository } from "./member-repository.js";

/** How many times a change is decided again after someone else changed the member first. */
const MAX_ATTEMPTS = 5;

/**
 * Changes a member by deciding on the stored record and saving with `replace`: when another
 * change lands in between, the decision is made again on the newer record, so neither is lost.
 * `decide` returns the new record (the same one for "nothing to change"), or the reason the
 * change is refused, passed back as `refused`.
 */
export async function updateMember<Refusal extends string = never>(
  members: MemberRepository,
  memberId: string,
  decide: (member: Member) => Member | Refusal,
): Promise<{ member: Member; before: Member } | { refused: Refusal } | undefined> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const before = await members.get(memberId);
    if (!before) return undefined;
    const decided = decide(before);
    if (typeof decided === "string") return { refused: decided };
    if (decided === before || (await members.replace(before, decided))) {
      return { member: decided, before };
    }
  }
  throw new Error(`member ${memberId} kept changing; gave up after ${MAX_ATTEMPTS} attempts`);
}
