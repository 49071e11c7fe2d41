import type { StoredPhoto } from "../domain/report.js";
import type { Text } from "./flow.js";

/** What became of one photo received: kept (stored), or refused with a reason. */
export type PhotoKept = StoredPhoto | { refused: Text };

/** Photos kept so far for a step, plus why the last one was refused, if it was. */
export interface CollectedPhotos {
  photos: StoredPhoto[];
  refusal?: Text;
}

/**
 * Adds what became of one message's photos to those already kept: the kept ones after them,
 * and the reason the last refused one was refused.
 */
export function collectPhotos(
  already: readonly StoredPhoto[],
  outcomes: readonly PhotoKept[],
): CollectedPhotos {
  const photos = [...already];
  let refusal: Text | undefined;
  for (const outcome of outcomes) {
    if ("refused" in outcome) refusal = outcome.refused;
    else photos.push(outcome);
  }
  return refusal ? { photos, refusal } : { photos };
}

/** The photos kept so far under a step's answer. */
export function photosOf(value: unknown): StoredPhoto[] {
  return Array.isArray(value)
    ? value.filter(
        (p): p is StoredPhoto =>
          typeof p === "object" && p !== null && typeof (p as StoredPhoto).file === "string",
      )
    : [];
}
