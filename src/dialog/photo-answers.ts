import type { StoredPhoto } from "../domain/report.js";
import type { Logger } from "../logger.js";
import type { InboundPhoto } from "../messaging/inbound.js";
import type { FlowEnv, PhotoInput, Text } from "./flow.js";

/** Photos kept so far for a step, plus why the last one was refused, if it was. */
export interface CollectedPhotos {
  photos: StoredPhoto[];
  refusal?: Text;
}

/**
 * Keeps the photos of one message, up to the step's limit, after those already kept. A photo
 * that cannot be kept is refused with a reason; the others are still kept.
 */
export async function collectPhotos(
  input: PhotoInput,
  already: readonly StoredPhoto[],
  received: readonly InboundPhoto[],
  env: FlowEnv<unknown>,
  logger: Logger,
): Promise<CollectedPhotos> {
  const photos = [...already];
  let refusal: Text | undefined;
  for (const photo of received) {
    if (photos.length >= input.max) break;
    try {
      const kept = await input.keep(photo, env);
      if ("refused" in kept) refusal = kept.refused;
      else photos.push(kept);
    } catch (error) {
      logger.warn({ err: error }, "a photo could not be kept");
      refusal = { key: "dialog:photo.failed" };
    }
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
