import { chmod, mkdir, rm, writeFile } from "node:fs/promises";
import { join, normalize, sep } from "node:path";
import { newToken } from "../../dialog/choice-data.js";
import type { Text } from "../../dialog/flow.js";
import { reportId, type StoredPhoto } from "../../domain/report.js";
import type { InboundPhoto } from "../../messaging/inbound.js";
import { filesDir } from "../../store/files-dir.js";
import type { FlowEnv } from "../member-dialogs.js";
import type { ReportData } from "./report-data.js";

/** The largest photo kept, in bytes. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** Where report photos go, under `$DATA_DIR/files`. */
const REPORTS_FOLDER = "reports";

/** A file name's extension from the image's first bytes (platforms do not always say). */
function extensionOf(bytes: Uint8Array): string {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return "jpg";
  if (starts(0x89, 0x50, 0x4e, 0x47)) return "png";
  if (starts(0x47, 0x49, 0x46)) return "gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.slice(8, 12)) === "WEBP") {
    return "webp";
  }
  return "bin";
}

/** Keeps a name safe as one path segment. */
function segment(text: string): string {
  return text.replace(/[^A-Za-z0-9@._-]/g, "_").replace(/^\.+/, "_");
}

/**
 * Writes a photo under `$DATA_DIR/files/<folder>/`, readable only by the owner, and returns
 * the reference a report keeps (the path relative to `$DATA_DIR/files`).
 */
export async function writePhoto(
  dataDir: string,
  folder: string,
  baseName: string,
  bytes: Uint8Array,
): Promise<StoredPhoto> {
  const file = `${folder}/${segment(baseName)}.${extensionOf(bytes)}`;
  const path = join(filesDir(dataDir), file);
  await mkdir(join(filesDir(dataDir), folder), { recursive: true, mode: 0o700 });
  await writeFile(path, bytes, { mode: 0o600 });
  // The mode of writeFile is masked by the umask; make sure.
  await chmod(path, 0o600);
  return { file, bytes: bytes.length };
}

/** Removes kept photos that no report refers to (a cancelled or expired draft's). */
export async function removePhotos(dataDir: string, photos: readonly StoredPhoto[]): Promise<void> {
  const root = filesDir(dataDir);
  for (const photo of photos) {
    const path = normalize(join(root, photo.file));
    // Only ever under files/reports/, whatever a stored path says.
    if (!path.startsWith(join(root, REPORTS_FOLDER) + sep)) continue;
    await rm(path, { force: true });
  }
}

/**
 * The report flow's photo keeper: downloads a photo the head sent through their channel's
 * fetcher (capped at 10 MB) into the report's folder, or refuses it with a reason.
 */
export async function keepReportPhoto(
  photo: InboundPhoto,
  env: FlowEnv<unknown>,
): Promise<StoredPhoto | { refused: Text }> {
  const { deps, inbound, member } = env.ctx;
  const data = env.data as ReportData;
  const tooLarge: Text = {
    key: "report:photo.tooLarge",
    params: { max: MAX_PHOTO_BYTES / 2 ** 20 },
  };
  const fetcher = deps.photos[inbound.channel];
  if (!fetcher) return { refused: { key: "report:photo.unavailable" } };
  if (photo.size !== undefined && photo.size > MAX_PHOTO_BYTES) return { refused: tooLarge };
  const bytes = await fetcher.fetch(photo, MAX_PHOTO_BYTES);
  if (bytes.length > MAX_PHOTO_BYTES) return { refused: tooLarge };
  const owner =
    data.hamlet && data.week ? reportId(data.hamlet.id, data.week) : `draft-${member.id}`;
  const started = env.startedAt.replace(/[^0-9]/g, "").slice(0, 14);
  return writePhoto(
    deps.config.dataDir,
    `${REPORTS_FOLDER}/${segment(owner)}`,
    `${started}-${newToken(deps.random)}`,
    bytes,
  );
}
