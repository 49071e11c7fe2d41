import { partsFor } from "../../delivery/message-parts.js";
import type { Sleep } from "../../delivery/timing.js";
import type { Translate } from "../../i18n.js";
import type { Outbound, SentMessage } from "../../messaging/outbound.js";
import type { Reply } from "../../messaging/reply.js";
import { SendError, type SendFailure } from "../../messaging/sender.js";
import type { ChatMenus } from "../chat-menus.js";
import type { ServedFiles } from "../served-files.js";
import type { ZaloClient } from "./client.js";
import { isZaloApiError, type ZaloApiError } from "./errors.js";
import { ZALO_MAX_TEXT_LENGTH } from "./limits.js";
import { renderForZalo, type ZaloMessage } from "./render.js";
import type { ZaloSentMessage } from "./responses.js";

/** What a Zalo reply needs, shared by every chat. */
export interface ZaloReplyEnv {
  client: ZaloClient;
  menus: ChatMenus;
  /** Set when `PUBLIC_URL` is set: files go by link. */
  files?: ServedFiles;
  /** Translate in the chat's language (its member's, else the default), for menus and file notes. */
  translatorFor(chatId: string): Promise<Translate>;
  sleep: Sleep;
}

/** What one Zalo message carries: a photo's caption is a text like any other. */
const ZALO_PARTS = { maxTextLength: ZALO_MAX_TEXT_LENGTH, maxCaptionLength: ZALO_MAX_TEXT_LENGTH };

/** How often an interactive reply is tried again after a 429 or Zalo's transient errors. */
const REPLY_RETRIES = 3;
const REPLY_RETRY_BASE_MS = 1000;

/**
 * Answers the person of the current Zalo update. Zalo has no buttons, no editing and no
 * button presses: choices become numbered lines (remembered so a typed number comes back as
 * the choice), an edit is a new message, and an acknowledgement with a notice is a message.
 * A reply is interactive, so a 429 or a transient error (Zalo's 403 included) is tried again
 * a few times with growing waits; what Zalo still refuses is thrown as a SendError.
 */
export function zaloReply(chatId: string, env: ZaloReplyEnv): Reply {
  async function send(message: Outbound): Promise<SentMessage> {
    const t = await env.translatorFor(chatId);
    // In the parts the outbox would send it in, so that a reply refused midway is finished
    // from the part that did not go out, never repeating those that did.
    const split = partsFor(message, ZALO_PARTS);
    const parts = split.length > 0 ? split : [message];
    let last: SentMessage = { messageId: "" };
    for (const [index, part] of parts.entries()) {
      try {
        const rendered = await renderForZalo(part, {
          t,
          ...(env.files ? { files: env.files } : {}),
        });
        for (const zaloMessage of rendered) {
          const sent = await withRetries(
            () => sendZaloMessage(env.client, chatId, zaloMessage),
            env.sleep,
          );
          last = { messageId: sent.messageId };
        }
      } catch (error) {
        if (!isZaloApiError(error)) throw error;
        throw new SendError(replyFailure(error), index > 0 ? parts.slice(index) : undefined);
      }
    }
    await env.menus.shown(chatId, message);
    return last;
  }

  return {
    buttons: false,
    send,
    edit: (_messageId, message) => send(message),
    async acknowledge(notice) {
      if (notice) await send({ text: notice });
    },
  };
}

/** Sends one rendered message with the client. */
export function sendZaloMessage(
  client: ZaloClient,
  chatId: string,
  message: ZaloMessage,
): Promise<ZaloSentMessage> {
  if (message.kind === "text") return client.sendMessage({ chatId, text: message.text });
  return client.sendPhoto({
    chatId,
    photo: message.url,
    ...(message.caption === undefined ? {} : { caption: message.caption }),
  });
}

/** Zalo's last refusal of a reply, in the words every channel shares. */
function replyFailure(error: ZaloApiError): SendFailure {
  const reason = `${error.code ?? error.kind}: ${error.description}`.slice(0, 200);
  if (error.kind === "rate-limited") {
    return { kind: "rate-limited", retryAfterMs: 2 * REPLY_RETRY_BASE_MS * 2 ** REPLY_RETRIES };
  }
  if (error.retryable || error.kind === "unauthorized") return { kind: "transient", reason };
  return { kind: "permanent", reason };
}

async function withRetries<T>(call: () => Promise<T>, sleep: Sleep): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= REPLY_RETRIES || !isZaloApiError(error, "rate-limited", "transient"))
        throw error;
      const base = error.kind === "rate-limited" ? 2 * REPLY_RETRY_BASE_MS : REPLY_RETRY_BASE_MS;
      await sleep(base * 2 ** attempt);
    }
  }
}
