import type { Channel } from "../domain/member.js";

/** A photo as the platform refers to it; the channel's PhotoFetcher downloads it. */
export interface InboundPhoto {
  /** The platform's reference: a Telegram file_id, or a Zalo photo URL. */
  ref: string;
  /** Bytes, when the platform says. */
  size?: number;
}

/** A voice note or audio file as the platform refers to it; fetched like a photo. */
export interface InboundAudio {
  /** The platform's reference: a Telegram file_id. */
  ref: string;
  /** Bytes, when the platform says. */
  size?: number;
  /** How long it plays, when the platform says. */
  seconds?: number;
  /** A voice note recorded in the app, or an audio file (a reading recorded elsewhere). */
  form: "voice" | "file";
}

/**
 * One thing a person did in a chat, in channel-neutral terms: what every feature receives.
 * Channels translate their platform's updates into this and nothing else.
 */
export interface Inbound {
  channel: Channel;
  /** The chat (on both platforms a private chat with one person). Always a string. */
  chatId: string;
  /** The platform's update id (Telegram update_id, Zalo message_id): for logs and de-duplication. */
  updateId: string;
  /** The platform's name for the person, e.g. for a new member's name. */
  displayName?: string;
  /** The language the person's app is set to, if the platform says (e.g. "en"). */
  languageCode?: string;
  receivedAt: Date;
  /**
   * - `command`: `/name args` (also the Vietnamese words a Zalo channel maps to commands);
   * - `text`: free text (or numbered answers on a channel without buttons);
   * - `choice`: a choice picked: a button pressed, or a number or label typed under a list;
   * - `photo`: one or more photos (an album arrives as one Inbound per photo);
   * - `audio`: a voice note or an audio file, where the platform hands them to bots;
   * - `unsupported`: something the bot cannot read (a sticker, a withheld message);
   * - `blocked`, `unblocked`: the person stopped or restarted the bot in the app, where the
   *   platform says so (a feature decides what that means for the member).
   */
  kind: "command" | "text" | "choice" | "photo" | "audio" | "unsupported" | "blocked" | "unblocked";
  command?: string;
  /** Text of a `text`, the arguments of a `command`, or the caption of a `photo` or `audio`. */
  text?: string;
  /**
   * The data of the choice picked, and the message it was on when the platform says. A
   * multi-choice answered at once ("1 3" typed) is its Done choice with the whole `selection`.
   */
  choice?: { data: string; messageId?: string; selection?: string[] };
  photos?: InboundPhoto[];
  audio?: InboundAudio;
  /** Photos sent together as an album share this id. */
  albumId?: string;
}

/** Whether a file a person sent is a recording rather than a photo. */
export function isInboundAudio(file: InboundPhoto | InboundAudio): file is InboundAudio {
  return "form" in file;
}
