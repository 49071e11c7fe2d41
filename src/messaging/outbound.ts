/**
 * Something the person can pick, in the abstract: each channel shows it for what it can do
 * (a button, or a numbered line) and hands a pick back as `Inbound.choice`.
 */
export interface Choice {
  /**
   * What comes back in `Inbound.choice.data` when picked. Any length: a channel whose buttons
   * carry less keeps the long ones itself.
   */
  data: string;
  /** The label as the person sees it, without any tick (the channel adds one for `selected`). */
  label: string;
  /** For multi-choice: picked so far. */
  selected?: boolean;
  /**
   * `none`: the exclusive "nothing" answer; `done`: ends a selection (or a photo step). Numbered
   * lists show either as 0, and a multi-choice list leaves Done out (numbers typed are the
   * whole answer).
   */
  role?: "none" | "done";
}

/** A file sent with a message: a chart, a spreadsheet, a photo, a voice note or recording. */
export interface OutboundFile {
  kind: "photo" | "document" | "audio";
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
  /** How long an audio file plays, when known. */
  seconds?: number;
}

/**
 * One message to show a person, in channel-neutral terms: plain text (the channel escapes
 * it for its platform), optional choices, optional file. Features produce these.
 */
export interface Outbound {
  text: string;
  /** Rows of choices: rows of buttons where a channel has them, else numbered lines. */
  choices?: Choice[][];
  /** One pick, or several then Done (a numbered list then asks for "1 3"). */
  choiceMode?: "single" | "multi";
  file?: OutboundFile;
  /** Parts of the text to show in bold (exact substrings), e.g. a title. */
  bold?: string[];
}

/** What a channel says about a message it sent. */
export interface SentMessage {
  messageId: string;
  /** True when the message's photo or file could not go out with it: only its text arrived. */
  fileLeftOut?: boolean;
}
