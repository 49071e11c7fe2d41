import { isStoredAudio, type StoredPhoto } from "../domain/report.js";
import type { OutboundFile } from "../messaging/outbound.js";
import type { FileRepository } from "../store/file-repository.js";

/**
 * A kept photo or recording (of a report, a broadcast or a story) as a file to send, read from
 * the store; undefined when it is gone.
 */
export async function keptPhoto(
  files: FileRepository,
  photo: StoredPhoto,
): Promise<OutboundFile | undefined> {
  const kept = await files.get(photo.file);
  if (!kept) return undefined;
  const fileName = photo.file.slice(photo.file.lastIndexOf("/") + 1);
  if (isStoredAudio(photo)) {
    return {
      kind: "audio",
      fileName,
      mimeType: kept.mimeType,
      bytes: kept.bytes,
      ...(photo.seconds === undefined ? {} : { seconds: photo.seconds }),
    };
  }
  return { kind: "photo", fileName, mimeType: kept.mimeType, bytes: kept.bytes };
}
