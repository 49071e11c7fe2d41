import type { StoredMessage } from "./chat-store.js";
import type { MessageEntity } from "./html-parse-mode.js";
import type { InlineButton } from "./reply-markup.js";

/** A message as a person in the chat sees it now: current text and buttons, after edits. */
export interface ChatMessageView {
  messageId: number;
  /** Who wrote it. */
  from: "bot" | "user";
  /** The sender's user id. */
  senderId: number;
  /** What the reader reads: the message text, or the caption of a photo/document ("" if none). */
  text: string;
  /** The caption of a photo or document, if any. */
  caption?: string;
  /** The photo, if it is one. */
  photo?: { fileId: string; bytes: Uint8Array; width?: number; height?: number };
  /** The document, if it is one. */
  document?: { fileId: string; fileName?: string; mimeType?: string; bytes: Uint8Array };
  /** The voice note or audio file, if it is one, and how long it plays in seconds. */
  audio?: {
    kind: "voice" | "audio";
    fileId: string;
    fileName?: string;
    mimeType?: string;
    bytes: Uint8Array;
    duration: number;
  };
  /** Inline button texts, row by row. */
  buttons: string[][];
  /** The inline buttons in full (callback_data, url...). */
  inlineKeyboard: InlineButton[][];
  /** The reply keyboard this message brought up, if any. */
  replyKeyboard?: string[][];
  /** Formatting of `text` (of the caption for media). */
  entities: MessageEntity[];
  /** The album it belongs to. */
  mediaGroupId?: string;
  /** The message it answers. */
  replyToMessageId?: number;
  /** Whether it was edited since sending. */
  edited: boolean;
  /** Whether it was deleted (only seen when asking to include deleted messages). */
  deleted: boolean;
  /** Telegram's `date`, seconds. */
  date: number;
}

/** The reader's view of a stored message. */
export function viewOf(message: StoredMessage): ChatMessageView {
  const keyboard = message.inlineKeyboard ?? [];
  const isMedia = Boolean(message.photo || message.document || message.voice || message.audio);
  const sound = message.voice ?? message.audio;
  return {
    messageId: message.messageId,
    from: message.fromBot ? "bot" : "user",
    senderId: message.senderId,
    text: message.text ?? message.caption ?? "",
    ...(message.caption !== undefined ? { caption: message.caption } : {}),
    ...(message.photo
      ? {
          photo: {
            fileId: message.photo.fileId,
            bytes: message.photo.bytes,
            width: message.photo.width,
            height: message.photo.height,
          },
        }
      : {}),
    ...(message.document
      ? {
          document: {
            fileId: message.document.fileId,
            fileName: message.document.fileName,
            mimeType: message.document.mimeType,
            bytes: message.document.bytes,
          },
        }
      : {}),
    ...(sound
      ? {
          audio: {
            kind: message.voice ? ("voice" as const) : ("audio" as const),
            fileId: sound.fileId,
            fileName: sound.fileName,
            mimeType: sound.mimeType,
            bytes: sound.bytes,
            duration: message.duration ?? 0,
          },
        }
      : {}),
    buttons: keyboard.map((row) => row.map((button) => button.text)),
    inlineKeyboard: keyboard,
    ...(message.replyKeyboard ? { replyKeyboard: message.replyKeyboard } : {}),
    entities: isMedia ? message.captionEntities : message.entities,
    ...(message.mediaGroupId ? { mediaGroupId: message.mediaGroupId } : {}),
    ...(message.replyToMessageId !== undefined
      ? { replyToMessageId: message.replyToMessageId }
      : {}),
    edited: message.editDate !== undefined,
    deleted: message.deleted,
    date: message.date,
  };
}

/** A chat as text, for timeout messages that show what the user saw instead. */
export function describeChat(messages: ChatMessageView[], last = 8): string {
  if (messages.length === 0) return "(the chat is empty)";
  return messages
    .slice(-last)
    .map((m) => {
      const buttons =
        m.buttons.length > 0 ? ` [${m.buttons.map((r) => r.join(" | ")).join(" / ")}]` : "";
      const media = m.photo
        ? "[photo] "
        : m.document
          ? `[document ${m.document.fileName ?? ""}] `
          : m.audio
            ? `[${m.audio.kind} ${m.audio.duration}s] `
            : "";
      return `#${m.messageId} ${m.from}: ${media}${m.text}${buttons}`;
    })
    .join("\n");
}
