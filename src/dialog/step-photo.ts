import { readFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import type { StoredPhoto } from "../domain/report.js";
import type { MemberContext } from "../features/feature.js";

const MIME_TYPES: Record<string, string> = {
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".webp": "image/webp",
  ".gif": "image/gif",
};

/**
 * Shows a stored photo on its own, just above a step's question (the composer's preview shows
 * the photo members will get). A photo gone from disk is logged and skipped: the question
 * still comes, so the person is never left without one.
 */
export async function showStepPhoto(ctx: MemberContext, photo: StoredPhoto): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(join(ctx.deps.config.dataDir, "files", photo.file));
  } catch (error) {
    ctx.deps.logger.warn({ err: error, file: photo.file }, "dialog: a step's photo is missing");
    return;
  }
  await ctx.reply.send({
    text: "",
    file: {
      kind: "photo",
      fileName: basename(photo.file),
      mimeType: MIME_TYPES[extname(photo.file).toLowerCase()] ?? "application/octet-stream",
      bytes,
    },
  });
}
