import { newToken } from "../../dialog/choice-data.js";
import type { Text } from "../../dialog/flow.js";
import type { StoredPhoto } from "../../domain/report.js";
import { type InboundAudio, type InboundPhoto, isInboundAudio } from "../../messaging/inbound.js";
import type { FileRepository } from "../../store/file-repository.js";
import type { FlowEnv } from "../member-dialogs.js";
import { keepRecording } from "../recordings.js";
import { MAX_PHOTO_BYTES, removePhotos, writePhoto } from "../reporting/photo-storage.js";

/** Where broadcast photos go among the kept files. */
const BROADCASTS_FOLDER = "broadcasts";

/**
 * The composer's photo keeper: downloads the photo (or recording) the author sent through
 * their channel's fetcher (capped at 10 MB, 20 MB for a recording) into the broadcasts
 * folder, or refuses it with a reason.
 */
export async function keepBroadcastPhoto(
  photo: InboundPhoto | InboundAudio,
  env: FlowEnv<unknown>,
): Promise<StoredPhoto | { refused: Text }> {
  if (isInboundAudio(photo)) {
    return keepRecording(photo, env, BROADCASTS_FOLDER, {
      tooLarge: "broadcast:audio.tooLarge",
      unavailable: "broadcast:audio.unavailable",
    });
  }
  const { deps, inbound, member } = env.ctx;
  const tooLarge: Text = {
    key: "broadcast:photo.tooLarge",
    params: { max: MAX_PHOTO_BYTES / 2 ** 20 },
  };
  const fetcher = deps.photos[inbound.channel];
  if (!fetcher) return { refused: { key: "broadcast:photo.unavailable" } };
  if (photo.size !== undefined && photo.size > MAX_PHOTO_BYTES) return { refused: tooLarge };
  const bytes = await fetcher.fetch(photo, MAX_PHOTO_BYTES);
  if (bytes.length > MAX_PHOTO_BYTES) return { refused: tooLarge };
  const started = env.startedAt.replace(/[^0-9]/g, "").slice(0, 14);
  return writePhoto(
    deps.store.files,
    BROADCASTS_FOLDER,
    `${member.id}-${started}-${newToken(deps.random)}`,
    bytes,
  );
}

/** Removes photos of drafts that never became broadcasts (only ever under `broadcasts/`). */
export function removeBroadcastPhotos(
  files: FileRepository,
  photos: readonly StoredPhoto[],
): Promise<void> {
  return removePhotos(files, photos, BROADCASTS_FOLDER);
}
