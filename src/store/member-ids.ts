import type { SequenceRepository } from "./coordination-repositories.js";

/** The next member id, e.g. `m000042`: drawn from the store, so no two are ever the same. */
export async function nextMemberId(sequences: SequenceRepository): Promise<string> {
  return `m${String(await sequences.next("member")).padStart(6, "0")}`;
}
