import type { ZaloFaultKind } from "./faults.js";

/** One call the bot made to the emulator, and how it ended. */
export interface ZaloEmulatorCall {
  /** When it arrived, in milliseconds since the epoch (the emulator's clock). */
  at: number;
  method: string;
  /** The parameters as received (JSON body merged over the query string). */
  params: Record<string, unknown>;
  /** `chat_id`, for sends. */
  chatId?: string;
  /**
   * `pending` while it runs (a long poll); `ok` or `error` once answered; `timeout` when a
   * fault left it unanswered; `connection-reset` when a fault dropped the connection.
   */
  outcome: "pending" | "ok" | "error" | "timeout" | "connection-reset";
  /** The HTTP status written. */
  httpStatus?: number;
  /** The Zalo error_code, for errors. */
  errorCode?: number;
  description?: string;
  /** The result, for successes. */
  result?: unknown;
  /** The injected fault that shaped the answer, if one did. */
  fault?: ZaloFaultKind;
}

/** Which calls to list; every field given must match. */
export interface ZaloCallFilter {
  method?: string;
  chatId?: string;
  outcome?: ZaloEmulatorCall["outcome"];
}

/** True when `call` matches `filter`. */
export function callMatches(call: ZaloEmulatorCall, filter: ZaloCallFilter): boolean {
  return (
    (filter.method === undefined || call.method === filter.method) &&
    (filter.chatId === undefined || call.chatId === filter.chatId) &&
    (filter.outcome === undefined || call.outcome === filter.outcome)
  );
}
