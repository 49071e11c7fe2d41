/**
 * What a failed Zalo call means for the caller:
 * - `unauthorized`: the token is wrong (401); fatal at start-up.
 * - `rate-limited`: quota exceeded (429); back off and retry later.
 * - `no-update`: getUpdates waited and nothing arrived (408); not a failure.
 * - `transient`: Zalo's "internal server error" (403, sic), 5xx, a network error or a timeout;
 *   retry with backoff. A 403 does NOT mean the user blocked the bot.
 * - `bad-request`: the request itself is wrong (400, or caught before sending); permanent for
 *   that send.
 * - `not-found`: 404.
 * - `unexpected-response`: Zalo answered success in a shape this client does not know; not
 *   worth retrying blindly, since a send may already have gone through.
 */
export type ZaloErrorKind =
  | "unauthorized"
  | "rate-limited"
  | "no-update"
  | "transient"
  | "bad-request"
  | "not-found"
  | "unexpected-response";

/** A failed call to the Zalo Bot API, typed by what it means; never carries the token or the URL. */
export class ZaloApiError extends Error {
  override readonly name = "ZaloApiError";

  /**
   * @param kind what the failure means (see {@link ZaloErrorKind})
   * @param method the API method called, e.g. "sendMessage"
   * @param code Zalo's `error_code`, else the HTTP status; undefined for network failures and
   *   requests refused before sending
   * @param description Zalo's description, or what went wrong locally
   */
  constructor(
    readonly kind: ZaloErrorKind,
    readonly method: string,
    readonly code: number | undefined,
    readonly description: string,
  ) {
    super(`Zalo ${method} failed (${kind}${code === undefined ? "" : ` ${code}`}): ${description}`);
  }

  /** True when the same call may succeed later (rate limits and transient faults). */
  get retryable(): boolean {
    return this.kind === "rate-limited" || this.kind === "transient";
  }
}

/** The kind of a Zalo `error_code` (or HTTP status) returned by `method`. */
export function zaloErrorKindFor(code: number, method: string): ZaloErrorKind {
  if (code === 401) return "unauthorized";
  if (code === 429) return "rate-limited";
  if (code === 408) return method === "getUpdates" ? "no-update" : "transient";
  // Zalo documents 403 as "internal server error": it says nothing about the recipient.
  if (code === 403 || code >= 500) return "transient";
  if (code === 404) return "not-found";
  return "bad-request";
}

/** True when `error` is a {@link ZaloApiError}, optionally of one of the given kinds. */
export function isZaloApiError(error: unknown, ...kinds: ZaloErrorKind[]): error is ZaloApiError {
  return error instanceof ZaloApiError && (kinds.length === 0 || kinds.includes(error.kind));
}
