import { type ApiEnvelope, TelegramApiError, tooManyRequests } from "./api-error.js";
import type { CallLog, CallOutcome, CallRecord } from "./call-log.js";
import type { EmulatorState } from "./emulator-state.js";
import type { DrawnFault } from "./faults.js";
import { findMethod } from "./methods/index.js";
import { MethodParams } from "./params.js";
import type { RequestBody } from "./request-body.js";

/** What the HTTP layer must do with a call: answer it, or drop the connection. */
export type DispatchResult =
  | { kind: "answer"; status: number; contentType: string; body: string }
  | { kind: "reset" };

/** The gateway page Telegram's front end serves on a 502: HTML, not JSON, as clients really get it. */
const BAD_GATEWAY_PAGE =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n";

/**
 * The client of one call, as far as the call cares: whether it went away, and a signal for the
 * calls that wait (a long poll stops when its client goes).
 */
export interface CallClient {
  readonly gone: boolean;
  readonly signal: AbortSignal;
}

/** The client of a method returned in a webhook answer: it never goes away mid-call. */
export const WEBHOOK_CLIENT: CallClient = {
  gone: false,
  get signal() {
    return new AbortController().signal;
  },
};

/** Runs one Bot API call through faults, the method itself and the call log. */
export class MethodDispatcher {
  constructor(
    private readonly state: EmulatorState,
    private readonly log: CallLog,
  ) {}

  /** Answers a call; `via` says whether it came over HTTP or inside a webhook answer. */
  async dispatch(
    methodName: string,
    body: RequestBody,
    client: CallClient,
    via: CallRecord["via"],
  ): Promise<DispatchResult> {
    const found = findMethod(methodName);
    const base = {
      method: found?.name ?? methodName,
      chatId: chatIdOf(body.fields.chat_id),
      params: loggableParams(body),
      via,
    };
    if (!found) {
      return this.answer(base, new TelegramApiError(404, "Not Found"), false);
    }
    const { fault, delayMs } =
      via === "http" ? this.state.faults.draw(found.name) : { fault: undefined, delayMs: 0 };
    if (delayMs > 0) await sleep(delayMs);
    if (via === "http") {
      await this.state.faults.whenReleased(base.chatId);
      // Its client gave up (or died) while it was held: it never reached Telegram.
      if (client.gone) return { kind: "reset" };
    }
    const early = this.earlyFault(fault);
    if (early === "reset") {
      this.record(base, "reset-before", true, {});
      return { kind: "reset" };
    }
    if (early) return this.answer(base, early, true);

    let result: unknown;
    try {
      const pending = found.handler({
        params: new MethodParams(body),
        state: this.state,
        get signal() {
          return client.signal;
        },
      });
      // Synchronous methods are logged in the same tick as their effect, without a detour.
      result = pending instanceof Promise ? await pending : pending;
    } catch (error) {
      if (error instanceof TelegramApiError) return this.answer(base, error, false);
      // A bug in the emulator itself: say so loudly instead of pretending Telegram failed.
      const message = error instanceof Error ? error.message : String(error);
      return this.answer(
        base,
        new TelegramApiError(500, `Internal Server Error: ${message}`),
        false,
      );
    }
    const ids = messageIdsOf(result, body.fields.message_id);
    if (fault === "reset-after") {
      this.record(base, "reset-after", true, ids);
      return { kind: "reset" };
    }
    this.record(base, "ok", false, ids);
    return json(200, { ok: true, result });
  }

  /** Records a call refused before any method ran (bad token, unparseable body). */
  refuse(methodName: string, error: TelegramApiError): DispatchResult {
    return this.answer(
      { method: findMethod(methodName)?.name ?? methodName, params: {}, via: "http" },
      error,
      false,
    );
  }

  private earlyFault(fault: DrawnFault): TelegramApiError | "reset" | undefined {
    switch (fault) {
      case "429":
        return tooManyRequests(this.state.faults.retryAfterSeconds);
      case "500":
        return new TelegramApiError(500, "Internal Server Error");
      case "502":
        return new TelegramApiError(502, "Bad Gateway");
      case "reset-before":
        return "reset";
      default:
        return undefined;
    }
  }

  private answer(
    base: Omit<CallRecord, "seq" | "at" | "outcome" | "injected">,
    error: TelegramApiError,
    injected: boolean,
  ): DispatchResult {
    this.record(base, outcomeOf(error.errorCode), injected, {
      errorCode: error.errorCode,
      description: error.description,
      retryAfter: error.parameters?.retry_after,
    });
    if (error.errorCode === 502) {
      return { kind: "answer", status: 502, contentType: "text/html", body: BAD_GATEWAY_PAGE };
    }
    return json(error.errorCode, error.toEnvelope());
  }

  private record(
    base: Omit<CallRecord, "seq" | "at" | "outcome" | "injected">,
    outcome: CallOutcome,
    injected: boolean,
    extra: Partial<CallRecord>,
  ): void {
    this.log.record({ ...base, ...extra, at: this.state.clock.now(), outcome, injected });
  }
}

function json(status: number, envelope: ApiEnvelope): DispatchResult {
  return {
    kind: "answer",
    status,
    contentType: "application/json",
    body: JSON.stringify(envelope),
  };
}

function outcomeOf(code: number): CallOutcome {
  if (code >= 500) return "5xx";
  const known: CallOutcome[] = ["400", "401", "403", "404", "409", "429"];
  return known.find((outcome) => outcome === String(code)) ?? "400";
}

function chatIdOf(value: unknown): number | string | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string" || value === "") return undefined;
  return /^-?\d+$/.test(value) ? Number(value) : value;
}

function messageIdsOf(result: unknown, messageIdParam: unknown): Partial<CallRecord> {
  if (Array.isArray(result)) {
    const messageIds = result
      .map((item) => (item as { message_id?: unknown }).message_id)
      .filter((id): id is number => typeof id === "number");
    return messageIds.length > 0 ? { messageId: messageIds[0], messageIds } : {};
  }
  const id = (result as { message_id?: unknown } | null)?.message_id;
  if (typeof id === "number") return { messageId: id };
  const param = typeof messageIdParam === "string" ? Number(messageIdParam) : messageIdParam;
  return typeof param === "number" && Number.isInteger(param) ? { messageId: param } : {};
}

function loggableParams(body: RequestBody): Record<string, unknown> {
  const params: Record<string, unknown> = { ...body.fields };
  for (const [name, file] of body.files) {
    params[name] = { upload: file.fileName ?? name, bytes: file.bytes.length };
  }
  return params;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
