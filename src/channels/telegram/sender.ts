import { Api, GrammyError, HttpError } from "grammy";
import type { DeliveryChannel } from "../../delivery/delivery-channel.js";
import type { Outbound, SentMessage } from "../../messaging/outbound.js";
import { SendError, type Sender, type SendFailure } from "../../messaging/sender.js";
import type { LongButtonData } from "../long-button-data.js";
import { BotApiHttp } from "./bot-api-http.js";
import { entitiesOf, keyboardOf, TELEGRAM_CAPTION_LIMIT, TELEGRAM_TEXT_LIMIT } from "./render.js";
import { sendFile } from "./send-file.js";

/** Where the Telegram sender talks to, and how long it waits for an answer. */
export interface TelegramSenderOptions {
  token: string;
  /** `TELEGRAM_API_ROOT`: Telegram, a self-hosted Bot API server, or the local emulator. */
  apiRoot: string;
  /** A call unanswered after this long counts as a transient failure; default 30 s. */
  timeoutSeconds?: number;
}

/** 400 descriptions that mean the chat is gone, not that the message was wrong. */
const CHAT_GONE =
  /chat not found|user not found|peer_id_invalid|chat was deleted|group chat was upgraded/i;
/** Telegram's answer to deleting a message no longer in the chat. */
const ALREADY_DELETED = /message to delete not found/i;

/**
 * Proactive sends to Telegram for the delivery worker, on a bare grammY Api: no auto-retry
 * transformer, so every 429 reaches the worker, which paces the whole channel. Text goes as
 * plain text with bold entities (no parse mode, so nothing a member typed needs escaping).
 */
export class TelegramSender implements Sender {
  readonly channel = "telegram" as const;
  readonly maxTextLength = TELEGRAM_TEXT_LIMIT;
  readonly maxCaptionLength = TELEGRAM_CAPTION_LIMIT;
  private readonly http: BotApiHttp;
  /** grammY's client, for what goes as a multipart upload (files). */
  private readonly api: Api;

  /** `longData` keeps button data longer than 64 bytes; without it, long data is refused. */
  constructor(
    options: TelegramSenderOptions,
    private readonly longData?: LongButtonData,
  ) {
    const timeoutSeconds = options.timeoutSeconds ?? 30;
    this.http = new BotApiHttp({ ...options, timeoutSeconds });
    this.api = new Api(options.token, {
      apiRoot: options.apiRoot,
      timeoutSeconds,
      // grammY types its option as the WHATWG fetch, of which its client uses only what
      // `BotApiHttp.fetch` does (see there).
      fetch: this.http.fetch as unknown as typeof fetch,
    });
  }

  /**
   * Sends one message: a file with the text as caption (or, when the text is longer than a
   * caption may be, the file and then the text), else the text; choices as an inline keyboard.
   * Throws SendError.
   */
  async send(chatId: string, message: Outbound): Promise<SentMessage> {
    try {
      const choices = this.longData
        ? await this.longData.fit(chatId, message.choices)
        : message.choices;
      return await this.sendNow(chatIdOf(chatId), {
        ...message,
        ...(choices ? { choices } : {}),
      });
    } catch (error) {
      throw new SendError(telegramFailure(error));
    }
  }

  /**
   * Deletes a message (Telegram allows it within 48 hours): true once it is no longer in the
   * chat, also when it was gone already (a recall retried after a crash that came between the
   * deletion and its record); false when Telegram keeps it (too old).
   */
  async delete(chatId: string, messageId: string): Promise<boolean> {
    try {
      return await this.http.call<true>("deleteMessage", {
        chat_id: chatIdOf(chatId),
        message_id: Number(messageId),
      });
    } catch (error) {
      const failure = telegramFailure(error);
      if (failure.kind === "permanent") return ALREADY_DELETED.test(failure.reason);
      throw new SendError(failure);
    }
  }

  private async sendNow(chatId: number | string, message: Outbound): Promise<SentMessage> {
    const { file } = message;
    if (!file) return this.sendText(chatId, message);
    const fits = message.text.length <= TELEGRAM_CAPTION_LIMIT;
    const other = fits
      ? {
          ...(message.text ? { caption: message.text } : {}),
          caption_entities: entitiesOf(message),
          reply_markup: keyboardOf(message.choices),
        }
      : {};
    const sent = await sendFile(this.api, chatId, file, other);
    if (fits) return { messageId: String(sent.message_id) };
    return this.sendText(chatId, message);
  }

  private async sendText(chatId: number | string, message: Outbound): Promise<SentMessage> {
    if (message.text.trim().length === 0) {
      throw new SendError({ kind: "permanent", reason: "empty message" });
    }
    const sent = await this.http.call<{ message_id: number }>("sendMessage", {
      chat_id: chatId,
      text: message.text,
      entities: entitiesOf(message),
      reply_markup: keyboardOf(message.choices),
      link_preview_options: { is_disabled: true },
    });
    return { messageId: String(sent.message_id) };
  }
}

/**
 * The Telegram lane for the delivery worker: `TELEGRAM_RATE` messages a second overall, one a
 * second per chat; Telegram says "blocked" itself, so permanent failures mark nothing.
 */
export function telegramDeliveryChannel(
  sender: TelegramSender,
  ratePerSecond: number,
): DeliveryChannel {
  return { sender, ratePerSecond, perChatIntervalMs: 1000 };
}

/**
 * Telegram's answer as the delivery engine must act on it: 429 → wait retry_after; 403
 * (blocked, deactivated, kicked) and 400 "chat not found" → unreachable; other 4xx →
 * permanent; 5xx, network errors, resets and timeouts → transient.
 */
export function telegramFailure(error: unknown): SendFailure {
  if (error instanceof SendError) return error.failure;
  if (error instanceof GrammyError) {
    const reason = `${error.error_code}: ${error.description}`;
    if (error.error_code === 429) {
      return { kind: "rate-limited", retryAfterMs: (error.parameters.retry_after ?? 1) * 1000 };
    }
    if (error.error_code === 403) return { kind: "unreachable", reason };
    if (error.error_code === 400 && CHAT_GONE.test(error.description)) {
      return { kind: "unreachable", reason };
    }
    if (error.error_code >= 500) return { kind: "transient", reason };
    return { kind: "permanent", reason };
  }
  if (error instanceof HttpError) return { kind: "transient", reason: error.message };
  return { kind: "transient", reason: error instanceof Error ? error.message : String(error) };
}

/** Telegram's numeric chat ids as numbers; anything else (an @channel) as it is. */
function chatIdOf(chatId: string): number | string {
  return /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
}
