/**
 * What the sandbox server and its page say to each other, in one place: the server builds
 * these, the page (compiled for the browser, importing types only) reads them.
 */

/** Which platform a pane looks and behaves like. */
export type Look = "telegram" | "zalo";

/**
 * A message as a pane shows it; media are addresses on the sandbox server. A "card" is the
 * printed invite card the person was handed, shown above the chat it opened.
 */
export interface SandboxMessage {
  id: string;
  from: "bot" | "user" | "card";
  text: string;
  /** Telegram's inline buttons, row by row. */
  buttons: string[][];
  /** Telegram's reply keyboard, when the message brought one up. */
  keyboard?: string[][];
  photo?: string;
  file?: { url: string; name: string };
  /** A voice note or recording, played in the pane. */
  audio?: { url: string; name: string };
  /** Whose invite card it is, when the message is one. */
  card?: { name: string };
  edited: boolean;
}

/** A pane as the page lists it. */
export interface PaneView {
  id: string;
  personaId: string;
  look: Look;
  name: string;
}

/** A hamlet the page lists for "head of a hamlet", with its commune or ward. */
export interface HamletChoice {
  id: string;
  name: string;
  parentName: string;
}

/** Everything the page needs to draw itself, from `GET /api/setup`. */
export interface SandboxSetup {
  personas: Array<{ id: string; key: string }>;
  hamlets: HamletChoice[];
  jumps: string[];
  panes: PaneView[];
  clock: string;
  timeZone: string;
  strings: Record<"vi" | "en", Record<string, unknown>>;
}
