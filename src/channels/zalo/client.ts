import type { z } from "zod";
import { ZaloApiError, zaloErrorKindFor } from "./errors.js";
import { parseZaloJson } from "./json.js";
import { ZALO_DEFAULT_API_ROOT, ZALO_MAX_TEXT_LENGTH, ZALO_SECRET_TOKEN_LENGTH } from "./limits.js";
import {
  botInfoSchema,
  envelopeSchema,
  sentMessageSchema,
  webhookInfoSchema,
  type ZaloBotInfo,
  type ZaloSentMessage,
  type ZaloWebhookInfo,
} from "./responses.js";
import { parseZaloUpdate, type ZaloUpdate, type ZaloUpdateError } from "./update.js";

/** How to reach the Zalo Bot API. */
export interface ZaloClientOptions {
  /** Defaults to {@link ZALO_DEFAULT_API_ROOT}; point it at the emulator in tests and demos. */
  apiRoot?: string;
  /** The bot token (`digits:chars`); it appears in no error and no log. */
  token: string;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** How long one call may take before it fails as transient; getUpdates adds its own wait. */
  timeoutMs?: number;
}

/** The Zalo Bot API methods the bot uses, typed, with failures as {@link ZaloApiError}. */
export interface ZaloClient {
  /** The bot's own account; a wrong token fails with kind "unauthorized". */
  getMe(): Promise<ZaloBotInfo>;
  /**
   * Long-polls for ONE update: `undefined` when none arrived within `timeoutSeconds`, an error
   * value when what arrived could not be read (log it and poll again).
   */
  getUpdates(options: {
    timeoutSeconds: number;
    signal?: AbortSignal;
  }): Promise<ZaloUpdate | ZaloUpdateError | undefined>;
  /** Sends updates to `url` (https) from now on, with `secretToken` in each request's header. */
  setWebhook(options: { url: string; secretToken: string }): Promise<ZaloWebhookInfo>;
  /** Stops webhook delivery, so that getUpdates works again. */
  deleteWebhook(): Promise<ZaloWebhookInfo>;
  /** The webhook currently set (`url` is "" when none). */
  getWebhookInfo(): Promise<ZaloWebhookInfo>;
  /** Sends a text of 1–2000 characters; a longer one is refused before sending ("bad-request"). */
  sendMessage(options: { chatId: string; text: string }): Promise<ZaloSentMessage>;
  /** Sends the image at the http(s) URL `photo`, with an optional caption of up to 2000 characters. */
  sendPhoto(options: { chatId: string; photo: string; caption?: string }): Promise<ZaloSentMessage>;
  /** Sends a sticker by its Zalo sticker id. */
  sendSticker(options: { chatId: string; sticker: string }): Promise<ZaloSentMessage>;
  /** Shows "typing…" in the chat for a moment. */
  sendChatAction(options: { chatId: string; action: "typing" }): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** Builds a Zalo Bot API client; it does nothing until a method is called. */
export function createZaloClient(options: ZaloClientOptions): ZaloClient {
  const apiRoot = (options.apiRoot ?? ZALO_DEFAULT_API_ROOT).replace(/\/+$/, "");
  const { token } = options;
  const fetchFn = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  /** Removes the token from anything that might end up in a log. */
  const scrub = (text: string): string =>
    token === ""
      ? text
      : text.replaceAll(token, "<token>").replaceAll(encodeURIComponent(token), "<token>");

  async function call<T>(
    method: string,
    params: Record<string, string>,
    schema: z.ZodType<T>,
    extra: { waitMs?: number; signal?: AbortSignal } = {},
  ): Promise<T> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs + (extra.waitMs ?? 0));
    const signal = extra.signal ? AbortSignal.any([timeout.signal, extra.signal]) : timeout.signal;
    let status: number;
    let statusText: string;
    let text: string;
    try {
      const response = await fetchFn(`${apiRoot}/bot${token}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(params),
        signal,
      });
      status = response.status;
      statusText = response.statusText;
      text = await response.text();
    } catch (error) {
      const reason = timeout.signal.aborted
        ? `no answer within ${timeoutMs + (extra.waitMs ?? 0)} ms`
        : extra.signal?.aborted
          ? "aborted by the caller"
          : `network error (${scrub(networkCause(error))})`;
      throw new ZaloApiError("transient", method, undefined, reason);
    } finally {
      clearTimeout(timer);
    }

    let body: unknown;
    try {
      body = parseZaloJson(text);
    } catch {
      body = undefined;
    }
    const envelope = envelopeSchema.safeParse(body);
    const httpFailed = status < 200 || status > 299;
    if (httpFailed || (envelope.success && !envelope.data.ok)) {
      const zaloError = envelope.success && !envelope.data.ok ? envelope.data : undefined;
      const code = zaloError?.error_code ?? (httpFailed ? status : undefined);
      const description = scrub(zaloError?.description ?? `HTTP ${status} ${statusText}`.trim());
      if (code === undefined) {
        throw new ZaloApiError("unexpected-response", method, undefined, description);
      }
      throw new ZaloApiError(zaloErrorKindFor(code, method), method, code, description);
    }
    if (!envelope.success || !envelope.data.ok) {
      throw new ZaloApiError(
        "unexpected-response",
        method,
        status,
        "answer is not a Zalo envelope",
      );
    }
    const result = schema.safeParse(envelope.data.result);
    if (!result.success) {
      const paths = result.error.issues.map((issue) => issue.path.join(".") || "(root)");
      throw new ZaloApiError(
        "unexpected-response",
        method,
        status,
        `unexpected result at ${[...new Set(paths)].join(", ")}`,
      );
    }
    return result.data;
  }

  const refuse = (method: string, description: string): never => {
    throw new ZaloApiError("bad-request", method, undefined, description);
  };
  const checkChatId = (method: string, chatId: string): void => {
    if (typeof chatId !== "string" || chatId === "")
      refuse(method, "chat id must be a non-empty string");
  };
  const checkText = (method: string, field: string, text: string, minLength: number): void => {
    if (text.length < minLength || text.length > ZALO_MAX_TEXT_LENGTH) {
      refuse(
        method,
        `${field} must be ${minLength}–${ZALO_MAX_TEXT_LENGTH} characters, got ${text.length}`,
      );
    }
  };
  const checkHttpUrl = (method: string, field: string, value: string): void => {
    if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
      refuse(method, `${field} must be an http(s) URL`);
    }
  };

  return {
    getMe: () => call("getMe", {}, botInfoSchema),

    async getUpdates({ timeoutSeconds, signal }) {
      if (!Number.isFinite(timeoutSeconds) || timeoutSeconds < 0) {
        refuse("getUpdates", "timeoutSeconds must be a non-negative number");
      }
      try {
        const result = await call(
          "getUpdates",
          { timeout: String(timeoutSeconds) },
          // The update is parsed below, so that a bad one is a value, not a thrown error.
          envelopeResult,
          { waitMs: timeoutSeconds * 1000, ...(signal ? { signal } : {}) },
        );
        return parseZaloUpdate(result);
      } catch (error) {
        if (error instanceof ZaloApiError && error.kind === "no-update") return undefined;
        throw error;
      }
    },

    async setWebhook({ url, secretToken }) {
      checkHttpUrl("setWebhook", "url", url);
      const { min, max } = ZALO_SECRET_TOKEN_LENGTH;
      if (secretToken.length < min || secretToken.length > max) {
        refuse("setWebhook", `secret token must be ${min}–${max} characters`);
      }
      return call("setWebhook", { url, secret_token: secretToken }, webhookInfoSchema);
    },

    deleteWebhook: () => call("deleteWebhook", {}, webhookInfoSchema),
    getWebhookInfo: () => call("getWebhookInfo", {}, webhookInfoSchema),

    async sendMessage({ chatId, text }) {
      checkChatId("sendMessage", chatId);
      checkText("sendMessage", "text", text, 1);
      return call("sendMessage", { chat_id: chatId, text }, sentMessageSchema);
    },

    async sendPhoto({ chatId, photo, caption }) {
      checkChatId("sendPhoto", chatId);
      checkHttpUrl("sendPhoto", "photo", photo);
      if (caption !== undefined) checkText("sendPhoto", "caption", caption, 0);
      const params: Record<string, string> = { chat_id: chatId, photo };
      if (caption !== undefined && caption !== "") params.caption = caption;
      return call("sendPhoto", params, sentMessageSchema);
    },

    async sendSticker({ chatId, sticker }) {
      checkChatId("sendSticker", chatId);
      if (sticker === "") refuse("sendSticker", "sticker must not be empty");
      return call("sendSticker", { chat_id: chatId, sticker }, sentMessageSchema);
    },

    async sendChatAction({ chatId, action }) {
      checkChatId("sendChatAction", chatId);
      await call("sendChatAction", { chat_id: chatId, action }, envelopeResult);
    },
  };
}

/** Accepts any result: for calls whose result is checked elsewhere or not used. */
const envelopeResult: z.ZodType<unknown> = envelopeSchema.options[0].shape.result;

/** A short, URL-free reason for a failed fetch: the system error code when there is one. */
function networkCause(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code ?? cause.name;
  }
  return "unknown";
}
