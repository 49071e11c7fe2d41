import { newToken } from "../../dialog/choice-data.js";
import type { Text } from "../../dialog/flow.js";
import { reportId, type StoredAudio, type StoredPhoto } from "../../domain/report.js";
import { type InboundAudio, type InboundPhoto, isInboundAudio } from "../../messaging/inbound.js";
import type { FileRepository } from "../../store/file-repository.js";
import type { FlowEnv } from "../member-dialogs.js";
import { keepRecording } from "../recordings.js";
import type { ReportData } from "./report-data.js";

/** The largest photo kept, in bytes. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** Where report photos go among the kept files. */
const REPORTS_FOLDER = "reports";

/** A file's extension and media type from the image's first bytes (platforms do not always say). */
function imageTypeOf(bytes: Uint8Array): { extension: string; mimeType: string } {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return { extension: "jpg", mimeType: "image/jpeg" };
  if (starts(0x89, 0x50, 0x4e, 0x47)) return { extension: "png", mimeType: "image/png" };
  if (starts(0x47, 0x49, 0x46)) return { extension: "gif", mimeType: "image/gif" };
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.slice(8, 12)) === "WEBP") {
    return { extension: "webp", mimeType: "image/webp" };
  }
  return { extension: "bin", mimeType: "application/octet-stream" };
}

/** Keeps a name safe as one path segment. */
function segment(text: string): string {
  return text.replace(/[^A-Za-z0-9@._-]/g, "_").replace(/^\.+/, "_");
}

/**
 * Keeps a photo among the store's files under `<folder>/` and returns the reference a report
 * keeps (the file's key).
 */
export async function writePhoto(
  files: FileRepository,
  folder: string,
  baseName: string,
  bytes: Uint8Array,
): Promise<StoredPhoto> {
  const { extension, mimeType } = imageTypeOf(bytes);
  const file = `${folder}/${segment(baseName)}.${extension}`;
  await files.put(file, { bytes, mimeType });
  return { file, bytes: bytes.length };
}

/**
 * Removes kept photos no record refers to (a cancelled or expired draft's), only ever under
 * `<folder>/`, whatever a stored key says.
 */
export async function removePhotos(
  files: FileRepository,
  photos: readonly StoredPhoto[],
  folder = REPORTS_FOLDER,
): Promise<void> {
  for (const photo of photos) {
    if (!photo.file.startsWith(`${folder}/`) || photo.file.split("/").includes("..")) continue;
    await files.delete(photo.file);
  }
}

/**
 * The report flow's voice note keeper: downloads a voice note the head recorded into the
 * report's folder (capped at 20 MB), or refuses it with a reason.
 */
export async function keepReportVoiceNote(
  file: InboundPhoto | InboundAudio,
  env: FlowEnv<unknown>,
): Promise<StoredAudio | { refused: Text }> {
  if (!isInboundAudio(file)) return { refused: { key: "dialog:photo.notHere" } };
  return keepRecording(file, env, `${REPORTS_FOLDER}/${segment(reportOwner(env))}`, {
    tooLarge: "report:voice.tooLarge",
    unavailable: "report:voice.unavailable",
  });
}

/** Whose folder a report's files go in: the report's, once its hamlet and week are known. */
function reportOwner(env: FlowEnv<unknown>): string {
  const data = env.data as ReportData;
  return data.hamlet && data.week
    ? reportId(data.hamlet.id, data.week)
    : `draft-${env.ctx.member.id}`;
}

/**
 * The report flow's photo keeper: downloads a photo the head sent through their channel's
 * fetcher (capped at 10 MB) into the report's folder, or refuses it with a reason.
 */
export async function keepReportPhoto(
  photo: InboundPhoto,
  env: FlowEnv<unknown>,
): Promise<StoredPhoto | { refused: Text }> {
  const { deps, inbound } = env.ctx;
  const tooLarge: Text = {
    key: "report:photo.tooLarge",
    params: { max: MAX_PHOTO_BYTES / 2 ** 20 },
  };
  const fetcher = deps.photos[inbound.channel];
  if (!fetcher) return { refused: { key: "report:photo.unavailable" } };
  if (photo.size !== undefined && photo.size > MAX_PHOTO_BYTES) return { refused: tooLarge };
  const bytes = await fetcher.fetch(photo, MAX_PHOTO_BYTES);
  if (bytes.length > MAX_PHOTO_BYTES) return { refused: tooLarge };
  const owner = reportOwner(env);
  const started = env.startedAt.replace(/[^0-9]/g, "").slice(0, 14);
  return writePhoto(
    deps.store.files,
    `${REPORTS_FOLDER}/${segment(owner)}`,
    `${started}-${newToken(deps.random)}`,
    bytes,
  );
}
