import { newToken } from "../dialog/choice-data.js";
import type { Text } from "../dialog/flow.js";
import type { StoredAudio } from "../domain/report.js";
import type { InboundAudio } from "../messaging/inbound.js";
import type { FlowEnv } from "./member-dialogs.js";

/** The largest recording kept, in bytes: the most a bot may download from Telegram. */
export const MAX_AUDIO_BYTES = 20 * 1024 * 1024;

/**
 * A recording's extension and media type from its first bytes: OGG (the voice notes phones
 * record), MP3 or M4A (readings recorded elsewhere); anything else is kept as it came.
 */
export function audioTypeOf(bytes: Uint8Array): { extension: string; mimeType: string } {
  const text = (from: number, to: number) => String.fromCharCode(...bytes.slice(from, to));
  if (text(0, 4) === "OggS") return { extension: "ogg", mimeType: "audio/ogg" };
  if (text(0, 3) === "ID3" || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) {
    return { extension: "mp3", mimeType: "audio/mpeg" };
  }
  if (text(4, 8) === "ftyp") return { extension: "m4a", mimeType: "audio/mp4" };
  return { extension: "bin", mimeType: "application/octet-stream" };
}

/**
 * Keeps a recording a person sent under `<folder>/` (a safe relative path; downloaded through their channel's
 * fetcher, capped at 20 MB), or refuses it with a reason from `keys` (`tooLarge`,
 * `unavailable`).
 */
export async function keepRecording(
  audio: InboundAudio,
  env: FlowEnv<unknown>,
  folder: string,
  keys: { tooLarge: string; unavailable: string },
): Promise<StoredAudio | { refused: Text }> {
  const { deps, inbound } = env.ctx;
  const tooLarge: Text = { key: keys.tooLarge, params: { max: MAX_AUDIO_BYTES / 2 ** 20 } };
  const fetcher = deps.photos[inbound.channel];
  if (!fetcher) return { refused: { key: keys.unavailable } };
  if (audio.size !== undefined && audio.size > MAX_AUDIO_BYTES) return { refused: tooLarge };
  const bytes = await fetcher.fetch(audio, MAX_AUDIO_BYTES);
  if (bytes.length > MAX_AUDIO_BYTES) return { refused: tooLarge };
  const { extension, mimeType } = audioTypeOf(bytes);
  const started = env.startedAt.replace(/[^0-9]/g, "").slice(0, 14);
  const file = `${folder}/${started}-${newToken(deps.random)}.${extension}`;
  await deps.store.files.put(file, { bytes, mimeType });
  return {
    file,
    bytes: bytes.length,
    media: "audio",
    ...(audio.seconds === undefined ? {} : { seconds: audio.seconds }),
  };
}
