/** A button (Telegram) or a numbered line (Zalo) the person can pick. */
export interface Choice {
  /** What comes back in `Inbound.choice.data` when picked (≤ 64 bytes). */
  data: string;
  label: string;
  /** For multi-choice: picked so far (the label already carries the tick the person sees). */
  selected?: boolean;
}

/** A file sent with a message: a chart, a spreadsheet, a photo. */
export interface OutboundFile {
  kind: "photo" | "document";
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

/**
 * One message to show a person, in channel-neutral terms: plain text (the channel escapes
 * it for its platform), optional choices, optional file. Features produce these.
 */
export interface Outbound {
  text: string;
  /** Rows of choices. On Telegram each row is a row of buttons; on Zalo they are numbered. */
  choices?: Choice[][];
  /** How a channel without buttons asks for the answer ("1 3" for multi). */
  choiceMode?: "single" | "multi";
  file?: OutboundFile;
  /** Parts of the text to show in bold (exact substrings), e.g. a title. */
  bold?: string[];
}

/** What a channel says about a message it sent. */
export interface SentMessage {
  messageId: string;
}
