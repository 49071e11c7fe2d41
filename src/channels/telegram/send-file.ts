import { type Api, InputFile } from "grammy";
import type { OutboundFile } from "../../messaging/outbound.js";

/** What goes with a file: caption, its entities and the keyboard, as grammY takes them. */
type FileExtras = Parameters<Api["sendDocument"]>[2];

/**
 * Sends a file by the method that shows it best: a photo as a photo, a voice note (OGG/Opus,
 * as phones record them) as a voice message people play in the chat, another recording as
 * audio with the player, anything else as a document.
 */
export function sendFile(
  api: Api,
  chatId: number | string,
  file: OutboundFile,
  extras: FileExtras,
): Promise<{ message_id: number }> {
  const input = new InputFile(file.bytes, file.fileName);
  switch (file.kind) {
    case "photo":
      return api.sendPhoto(chatId, input, extras);
    case "audio": {
      const timed = file.seconds === undefined ? extras : { ...extras, duration: file.seconds };
      return file.mimeType === "audio/ogg"
        ? api.sendVoice(chatId, input, timed)
        : api.sendAudio(chatId, input, timed);
    }
    default:
      return api.sendDocument(chatId, input, extras);
  }
}
