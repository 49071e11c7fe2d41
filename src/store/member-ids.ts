import type { SequenceRepository } from "./coordination-repositories.js";

/** The next member id, e.g. `m000042`: drawn from the store, so no two are ever the same. */
export async function nextMemberId(sequences: SequenceRepository): Promise<string> {
  return memberId(await sequences.next("member"));
}

/** `count` new member ids drawn at once (one store write for an import of thousands). */
export async function nextMemberIds(
  sequences: SequenceRepository,
  count: number,
): Promise<string[]> {
  if (count === 0) return [];
  const first = await sequences.next("member", count);
  return Array.from({ length: count }, (_, index) => memberId(first + index));
}

function memberId(n: number): string {
  return `m${String(n).padStart(6, "0")}`;
}
