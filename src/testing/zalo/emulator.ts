import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseZaloJson } from "../../channels/zalo/json.js";
import { stringifyWithBareNumbers } from "./bare-json.js";
import { BOT_METHODS, type EmulatorCore, type MethodOutcome, stringParam } from "./bot-methods.js";
import { callMatches, type ZaloCallFilter, type ZaloEmulatorCall } from "./call-log.js";
import {
  UserChat,
  userDriver,
  type ZaloEmulatorUser,
  type ZaloUserContent,
} from "./emulated-user.js";
import { FaultInjector, type ZaloFault, type ZaloFaultRule } from "./faults.js";
import { seededRandom } from "./seeded-random.js";
import { DEFAULT_EMULATOR_SETTINGS, type ZaloEmulatorSettings } from "./settings.js";
import { UpdateFeed, type ZaloWebhookDelivery } from "./update-feed.js";
import { userUpdate } from "./user-update.js";

/** How to start an emulator; everything is optional. */
export interface ZaloEmulatorOptions extends Partial<ZaloEmulatorSettings> {
  /** The bot token it accepts (default: a made-up `digits:chars` token). */
  token?: string;
  /** Seeds ids, tokens and probabilistic faults (default 1). */
  seed?: number;
  /** The clock for message dates and the call log (default: the system clock). */
  now?: () => Date;
  /** The bot's account name, as getMe reports it. */
  accountName?: string;
}

/** A running local Zalo Bot API, with a driver to play its users. */
export interface ZaloEmulator {
  /** Give this to the client as `apiRoot`: `http://127.0.0.1:<port>`. */
  readonly apiRoot: string;
  /** The one token the emulator accepts; any other gets 401. */
  readonly token: string;
  /** The bot's own account (its id is a 19-digit string). */
  readonly bot: { readonly id: string; readonly accountName: string };
  /** The current settings. */
  readonly settings: Readonly<ZaloEmulatorSettings>;
  /** Changes settings from now on. */
  configure(settings: Partial<ZaloEmulatorSettings>): void;
  /** A user (created on first use; default id: a random 19-digit string). */
  user(options: { id?: string; displayName: string }): ZaloEmulatorUser;
  /** Hands the update of this message on once more, unchanged (for duplicate-delivery tests). */
  redeliver(messageId: string): Promise<void>;
  /** The calls made so far, oldest first, optionally filtered. */
  calls(filter?: ZaloCallFilter): ZaloEmulatorCall[];
  /** The webhook set, if any. */
  webhook(): { url: string; secretToken: string } | undefined;
  /** Every attempt to post an update to the webhook. */
  webhookDeliveries(): ZaloWebhookDelivery[];
  /** How many updates wait for getUpdates. */
  pendingUpdates(): number;
  /** Puts a fault in force until removed. */
  injectFault(rule: ZaloFaultRule): ZaloFault;
  /** Lifts every fault. */
  clearFaults(): void;
  /** A URL on the emulator that serves a small PNG. */
  imageUrl(name?: string): string;
  /** Stops the server, dropping open connections (hung calls and long polls included). */
  close(): Promise<void>;
}

// A 1×1 PNG, served for image messages so that a bot may fetch them without leaving loopback.
const PIXEL_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

const FAULT_ANSWERS = {
  "rate-limited": () => ({ ok: false, code: 429, description: "Quota exceeded" }),
  "server-error": (rule) => ({ ok: false, code: rule.status ?? 500, description: "Server error" }),
  "internal-error": () => ({ ok: false, code: 403, description: "Internal server error" }),
} satisfies Record<string, (rule: ZaloFaultRule) => MethodOutcome>;

/** Methods that deliver a message, the ones `sendRate` counts. */
const SENDING = new Set(["sendMessage", "sendPhoto", "sendSticker"]);

/** Starts a Zalo Bot API emulator on 127.0.0.1 and a free port. */
export async function startZaloEmulator(options: ZaloEmulatorOptions = {}): Promise<ZaloEmulator> {
  const { token: givenToken, seed = 1, now = () => new Date(), accountName, ...given } = options;
  const random = seededRandom(seed);
  const settings: ZaloEmulatorSettings = { ...DEFAULT_EMULATOR_SETTINGS, ...given };
  const botId = givenToken?.split(":")[0]?.match(/^\d+$/)?.[0] ?? random.digits(19);
  const token = givenToken ?? `${botId}:${random.alphanumeric(40)}`;
  const core: EmulatorCore = {
    bot: { id: botId, accountName: accountName ?? "bot.ChungSuc" },
    settings,
    feed: new UpdateFeed(() => settings, now),
    users: new Map(),
    random,
    webhookUpdatedAt: now().getTime(),
    now,
  };
  const faults = new FaultInjector(random);
  // When recent sends went out, for `sendRate`.
  const sent: number[] = [];
  const callLog: ZaloEmulatorCall[] = [];
  const drivers = new Map<string, ZaloEmulatorUser>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) writeError(res, 500, `emulator failure: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const imageUrl = (name = "photo"): string => `${apiRoot}/media/${encodeURIComponent(name)}.png`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", apiRoot);
    const raw = await readBody(req);
    if (req.method === "GET" && url.pathname.startsWith("/media/")) {
      res.writeHead(200, { "content-type": "image/png", "content-length": PIXEL_PNG.length });
      res.end(PIXEL_PNG);
      return;
    }
    const match = /^\/bot([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (!match) {
      writeError(res, 404, "Not Found");
      return;
    }
    const [, tokenInPath = "", method = ""] = match;
    const call: ZaloEmulatorCall = {
      at: now().getTime(),
      method,
      params: Object.fromEntries(url.searchParams),
      outcome: "pending",
    };
    callLog.push(call);
    const finish = (outcome: MethodOutcome): void => {
      if (outcome.ok) {
        Object.assign(call, { outcome: "ok", httpStatus: 200, result: outcome.result });
        writeJson(res, 200, { ok: true, result: outcome.result });
      } else {
        const { code, description } = outcome;
        Object.assign(call, { outcome: "error", errorCode: code, description });
        call.httpStatus = writeError(res, code, description);
      }
    };

    if (raw.trim() !== "") {
      let body: unknown;
      try {
        body = parseZaloJson(raw);
      } catch {
        body = undefined;
      }
      if (typeof body !== "object" || body === null || Array.isArray(body)) {
        finish({ ok: false, code: 400, description: "Bad Request: body is not a JSON object" });
        return;
      }
      Object.assign(call.params, body);
    }
    const chatId = stringParam(call.params, "chat_id");
    if (chatId !== undefined) call.chatId = chatId;
    if (safeDecode(tokenInPath) !== token) {
      finish({ ok: false, code: 401, description: "Unauthorized" });
      return;
    }
    const runMethod = BOT_METHODS[method];
    if (!runMethod) {
      finish({ ok: false, code: 400, description: "Bad Request: unknown method" });
      return;
    }

    if (SENDING.has(method) && !admitSend()) {
      finish(FAULT_ANSWERS["rate-limited"]());
      return;
    }
    const fault = faults.strike(method, chatId);
    if (fault && !fault.takesEffect) {
      strike(fault);
      return;
    }
    const clientGone = new AbortController();
    res.on("close", () => clientGone.abort());
    const outcome = await runMethod(core, call.params, clientGone.signal);
    if (fault) strike(fault);
    else finish(outcome);

    function strike(rule: ZaloFaultRule): void {
      call.fault = rule.kind;
      if (rule.kind === "timeout") {
        // No answer at all: the client's own timeout ends it, or close() does.
        call.outcome = "timeout";
      } else if (rule.kind === "connection-reset") {
        call.outcome = "connection-reset";
        res.socket?.destroy();
      } else {
        finish(FAULT_ANSWERS[rule.kind](rule));
      }
    }
  }

  /** Counts a send in the one-second window, or refuses it (counting nothing) when full. */
  function admitSend(): boolean {
    const limit = settings.sendRate;
    if (!limit) return true;
    const now = performance.now();
    while (sent.length > 0 && (sent[0] as number) <= now - 1000) sent.shift();
    if (sent.length >= limit.perSecond) return false;
    sent.push(now);
    return true;
  }

  function writeError(res: ServerResponse, code: number, description: string): number {
    if (res.destroyed) return code;
    const body = { ok: false, error_code: code, description };
    switch (settings.errorStyle) {
      case "ok-false":
        writeJson(res, 200, body);
        return 200;
      case "http-status":
        writeJson(res, code, body);
        return code;
      case "http-status-no-json":
        res.writeHead(code, { "content-type": "text/plain; charset=utf-8" });
        res.end(description);
        return code;
    }
  }

  function whenHandled(messageId: string, timeoutMs: number): Promise<void> {
    const feed = core.feed;
    if (feed.isHandled(messageId)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const stop = feed.onHandled(() => {
        if (!feed.isHandled(messageId)) return;
        clearTimeout(timer);
        stop();
        setImmediate(resolve);
      });
      const timer = setTimeout(() => {
        stop();
        reject(
          new Error(`the bot did not finish with message ${messageId} within ${timeoutMs} ms`),
        );
      }, timeoutMs);
    });
  }

  async function receiveFromUser(chat: UserChat, content: ZaloUserContent): Promise<string> {
    const messageId = random.hex(20);
    const date = now().getTime();
    const { kind: _kind, ...fields } = content;
    chat.addUserMessage({ messageId, from: "user", kind: content.kind, at: date, ...fields });
    await core.feed.publish(userUpdate(chat, content, { messageId, date }, settings.imageField));
    return messageId;
  }

  return {
    apiRoot,
    token,
    bot: core.bot,
    get settings() {
      return { ...settings };
    },
    configure: (changes) => {
      Object.assign(settings, changes);
    },
    user({ id, displayName }) {
      const userId = id ?? freshUserId();
      const existing = drivers.get(userId);
      if (existing) return existing;
      const chat = new UserChat(userId, displayName);
      core.users.set(userId, chat);
      const driver = userDriver(
        chat,
        (content) => receiveFromUser(chat, content),
        () => imageUrl(random.hex(8)),
        (messageId, timeoutMs) => whenHandled(messageId, timeoutMs),
      );
      drivers.set(userId, driver);
      return driver;
    },
    redeliver: (messageId) => core.feed.redeliver(messageId),
    calls: (filter = {}) =>
      callLog.filter((call) => callMatches(call, filter)).map((call) => ({ ...call })),
    webhook: () => (core.feed.webhook ? { ...core.feed.webhook } : undefined),
    webhookDeliveries: () => core.feed.deliveries.map((delivery) => ({ ...delivery })),
    pendingUpdates: () => core.feed.pending(),
    injectFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    imageUrl,
    async close() {
      // Connections first: a waiting poll then sees a dropped connection, as on a real restart.
      server.closeAllConnections();
      core.feed.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function freshUserId(): string {
    let id = random.digits(19);
    while (core.users.has(id)) id = random.digits(19);
    return id;
  }
}

function writeJson(res: ServerResponse, status: number, body: unknown): void {
  // A long poll whose client gave up has nobody left to answer.
  if (res.destroyed) return;
  const text = stringifyWithBareNumbers(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
