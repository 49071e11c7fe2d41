/** Telegram's answer envelope, exactly as the Bot API writes it. */
export type ApiEnvelope =
  | { ok: true; result: unknown }
  | {
      ok: false;
      error_code: number;
      description: string;
      parameters?: { retry_after?: number; migrate_to_chat_id?: number };
    };

/** An error a method answers with; the server turns it into Telegram's `{ok:false,...}` envelope. */
export class TelegramApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number },
  ) {
    super(description);
    this.name = "TelegramApiError";
  }

  /** The JSON envelope Telegram would send for this error. */
  toEnvelope(): ApiEnvelope {
    return {
      ok: false,
      error_code: this.errorCode,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}

/** A 400 whose description starts with "Bad Request: " like Telegram's. */
export function badRequest(detail: string): TelegramApiError {
  return new TelegramApiError(400, `Bad Request: ${detail}`);
}

/** A 403 whose description starts with "Forbidden: " like Telegram's. */
export function forbidden(detail: string): TelegramApiError {
  return new TelegramApiError(403, `Forbidden: ${detail}`);
}

/** A 409 whose description starts with "Conflict: " like Telegram's. */
export function conflict(detail: string): TelegramApiError {
  return new TelegramApiError(409, `Conflict: ${detail}`);
}

/** A 429 carrying `retry_after` both in the text and in `parameters`, as Telegram sends it. */
export function tooManyRequests(retryAfterSeconds: number): TelegramApiError {
  return new TelegramApiError(429, `Too Many Requests: retry after ${retryAfterSeconds}`, {
    retry_after: retryAfterSeconds,
  });
}
