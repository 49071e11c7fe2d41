import type { DeliveryChannel } from "../../delivery/delivery-channel.js";
import type { Translate } from "../../i18n.js";
import type { SentMessage } from "../../messaging/outbound.js";
import { SendError, type Sender, type SendFailure } from "../../messaging/sender.js";
import type { ChatMenus } from "../chat-menus.js";
import type { ServedFiles } from "../served-files.js";
import type { ZaloClient } from "./client.js";
import { isZaloApiError } from "./errors.js";
import { ZALO_MAX_TEXT_LENGTH } from "./limits.js";
import { renderForZalo } from "./render.js";
import { sendZaloMessage } from "./zalo-reply.js";

/**
 * Zalo's errors never say "blocked": a chat is taken as unreachable only once sends to it
 * failed for good on this many separate days.
 */
export const ZALO_UNREACHABLE_AFTER_FAILURE_DAYS = 3;

/** Zalo's 429 names no wait: the first pause, doubled on each 429 in a row, up to the cap. */
const RATE_LIMIT_FIRST_WAIT_MS = 2000;
const RATE_LIMIT_MAX_WAIT_MS = 60_000;

/** What the Zalo sender needs. */
export interface ZaloSenderEnv {
  client: ZaloClient;
  menus: ChatMenus;
  files?: ServedFiles;
  translatorFor(chatId: string): Promise<Translate>;
}

/**
 * Sends proactive messages on Zalo for the delivery engine, with no retry of its own. Zalo's
 * errors become the engine's: 429 → rate-limited (2 s, doubling while they continue); 403
 * (Zalo's "internal server error"), 5xx, timeouts and network errors → transient; 400 and 404
 * → permanent (counted per day toward "unreachable"). A 401 is transient too: a revoked token
 * says nothing about the recipient, and the operator sees it in the logs.
 */
export function createZaloSender(
  env: ZaloSenderEnv,
): Sender & { readonly maxCaptionLength: number } {
  let rateLimitedInARow = 0;

  function failureOf(error: unknown): SendFailure {
    if (!isZaloApiError(error)) {
      return { kind: "transient", reason: error instanceof Error ? error.message : String(error) };
    }
    const reason = `${error.code ?? error.kind}: ${error.description}`.slice(0, 200);
    switch (error.kind) {
      case "rate-limited": {
        const wait = Math.min(
          RATE_LIMIT_MAX_WAIT_MS,
          RATE_LIMIT_FIRST_WAIT_MS * 2 ** rateLimitedInARow,
        );
        rateLimitedInARow += 1;
        return { kind: "rate-limited", retryAfterMs: wait };
      }
      case "bad-request":
      case "not-found":
        return { kind: "permanent", reason };
      default:
        // transient, unauthorized, unexpected-response (the send may have arrived; the
        // engine's retries are bounded), no-update (not a send answer).
        return { kind: "transient", reason };
    }
  }

  return {
    channel: "zalo",
    maxTextLength: ZALO_MAX_TEXT_LENGTH,
    maxCaptionLength: ZALO_MAX_TEXT_LENGTH,
    async send(chatId, message) {
      try {
        const t = await env.translatorFor(chatId);
        const parts = await renderForZalo(message, {
          t,
          ...(env.files ? { files: env.files } : {}),
        });
        let last: SentMessage = { messageId: "" };
        for (const part of parts) {
          last = { messageId: (await sendZaloMessage(env.client, chatId, part)).messageId };
        }
        rateLimitedInARow = 0;
        await env.menus.shown(chatId, message);
        // Without served files Zalo cannot carry a photo or a file: the text went alone.
        return message.file && !env.files ? { ...last, fileLeftOut: true } : last;
      } catch (error) {
        throw new SendError(failureOf(error));
      }
    },
  };
}

/** The Zalo lane for the delivery engine: `ZALO_RATE` messages a second, one a second per chat. */
export function zaloDeliveryChannel(
  sender: DeliveryChannel["sender"],
  ratePerSecond: number,
): DeliveryChannel {
  return {
    sender,
    ratePerSecond,
    perChatIntervalMs: 1000,
    unreachableAfterFailureDays: ZALO_UNREACHABLE_AFTER_FAILURE_DAYS,
  };
}
