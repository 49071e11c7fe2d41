import { ZALO_MAX_TEXT_LENGTH, ZALO_SECRET_TOKEN_LENGTH } from "../../channels/zalo/limits.js";
import { BareNumber } from "./bare-json.js";
import type { UserChat, ZaloChatMessage } from "./emulated-user.js";
import { isLoopbackUrl } from "./loopback.js";
import type { SeededRandom } from "./seeded-random.js";
import type { ZaloEmulatorSettings } from "./settings.js";
import type { UpdateFeed } from "./update-feed.js";

/** What the bot methods need from the running emulator. */
export interface EmulatorCore {
  readonly bot: { id: string; accountName: string };
  readonly settings: ZaloEmulatorSettings;
  readonly feed: UpdateFeed;
  readonly users: Map<string, UserChat>;
  readonly random: SeededRandom;
  webhookUpdatedAt: number;
  now(): Date;
}

/** The answer to one call, before it is written in the configured error style. */
export type MethodOutcome =
  | { ok: true; result: unknown }
  | { ok: false; code: number; description: string };

type Params = Record<string, unknown>;

const badRequest = (description: string): MethodOutcome => ({ ok: false, code: 400, description });

/** The Zalo Bot API methods as the emulator answers them. */
export const BOT_METHODS: Record<
  string,
  (core: EmulatorCore, params: Params, signal: AbortSignal) => Promise<MethodOutcome>
> = {
  async getMe(core) {
    const { id, accountName } = core.bot;
    return ok({
      id: core.settings.bareNumericIds ? new BareNumber(id) : id,
      account_name: accountName,
      account_type: "BASIC",
      can_join_groups: false,
    });
  },

  async getUpdates(core, params, signal) {
    if (core.feed.webhook) {
      return badRequest("Bad Request: getUpdates is not available while a webhook is set");
    }
    const raw = stringParam(params, "timeout");
    const seconds = raw === undefined ? core.settings.pollTimeoutSeconds : Number(raw);
    if (!Number.isFinite(seconds) || seconds < 0) return badRequest("Bad Request: invalid timeout");
    const waitMs = Math.min(seconds * 1000, core.settings.maxPollWaitMs);
    const update = await core.feed.poll(waitMs, signal);
    if (!update) return { ok: false, code: 408, description: "Request timeout" };
    return ok(core.feed.wire(update));
  },

  async setWebhook(core, params) {
    const url = stringParam(params, "url");
    const secretToken = stringParam(params, "secret_token");
    if (url === undefined || !URL.canParse(url)) return badRequest("Bad Request: invalid url");
    // Deviation from Zalo, which wants https: plain http is accepted on loopback, for tests.
    if (new URL(url).protocol !== "https:" && !isLoopbackUrl(url)) {
      return badRequest("Bad Request: url must use https");
    }
    const { min, max } = ZALO_SECRET_TOKEN_LENGTH;
    if (secretToken === undefined || secretToken.length < min || secretToken.length > max) {
      return badRequest(`Bad Request: secret_token must be ${min}-${max} characters`);
    }
    core.feed.webhook = { url, secretToken };
    core.webhookUpdatedAt = core.now().getTime();
    return ok({ url, updated_at: core.webhookUpdatedAt });
  },

  async deleteWebhook(core) {
    core.feed.webhook = undefined;
    core.webhookUpdatedAt = core.now().getTime();
    return ok({ url: "", updated_at: core.webhookUpdatedAt });
  },

  async getWebhookInfo(core) {
    return ok({ url: core.feed.webhook?.url ?? "", updated_at: core.webhookUpdatedAt });
  },

  async sendMessage(core, params) {
    const text = stringParam(params, "text");
    if (text === undefined || text.length < 1 || text.length > ZALO_MAX_TEXT_LENGTH) {
      return badRequest(`Bad Request: text must be 1-${ZALO_MAX_TEXT_LENGTH} characters`);
    }
    return sendToChat(core, params, { kind: "text", text });
  },

  async sendPhoto(core, params) {
    const photo = stringParam(params, "photo");
    const caption = stringParam(params, "caption");
    if (photo === undefined || !URL.canParse(photo) || !/^https?:$/.test(new URL(photo).protocol)) {
      return badRequest("Bad Request: photo must be an http(s) URL");
    }
    if (caption !== undefined && caption.length > ZALO_MAX_TEXT_LENGTH) {
      return badRequest(`Bad Request: caption must be at most ${ZALO_MAX_TEXT_LENGTH} characters`);
    }
    const refused = chatRefusal(core, params);
    if (refused) return refused;
    if (core.settings.verifyPhotos && isLoopbackUrl(photo) && !(await servesImage(photo))) {
      return badRequest("Bad Request: photo could not be fetched as an image");
    }
    return sendToChat(core, params, {
      kind: "photo",
      photoUrl: photo,
      ...(caption === undefined || caption === "" ? {} : { caption }),
    });
  },

  async sendSticker(core, params) {
    const sticker = stringParam(params, "sticker");
    if (sticker === undefined || sticker === "")
      return badRequest("Bad Request: sticker is required");
    return sendToChat(core, params, { kind: "sticker", sticker });
  },

  async sendChatAction(core, params) {
    if (stringParam(params, "action") !== "typing") {
      return badRequest("Bad Request: action must be typing");
    }
    return chatRefusal(core, params) ?? ok(true);
  },
};

/** A string parameter; numbers are accepted as their digits, as Zalo's own samples send them. */
export function stringParam(params: Params, name: string): string | undefined {
  const value = params[name];
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

function ok(result: unknown): MethodOutcome {
  return { ok: true, result };
}

/** Why a send to `chat_id` is refused, if it is. */
function chatRefusal(core: EmulatorCore, params: Params): MethodOutcome | undefined {
  const chatId = stringParam(params, "chat_id");
  if (chatId === undefined || chatId === "") return badRequest("Bad Request: chat_id is required");
  const user = core.users.get(chatId);
  if (core.settings.unknownChat === "reject" && !user?.hasWritten) {
    return badRequest("Bad Request: chat not found or the user has not messaged the bot");
  }
  return undefined;
}

function sendToChat(
  core: EmulatorCore,
  params: Params,
  content: Pick<ZaloChatMessage, "kind" | "text" | "photoUrl" | "caption" | "sticker">,
): MethodOutcome {
  const refused = chatRefusal(core, params);
  if (refused) return refused;
  const chatId = stringParam(params, "chat_id") ?? "";
  const date = core.now().getTime();
  const messageId = core.random.hex(20);
  core.users.get(chatId)?.addBotMessage({ messageId, from: "bot", at: date, ...content });
  return ok({ message_id: messageId, date });
}

async function servesImage(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await response.arrayBuffer();
    return response.ok && (response.headers.get("content-type") ?? "").startsWith("image/");
  } catch {
    return false;
  }
}
