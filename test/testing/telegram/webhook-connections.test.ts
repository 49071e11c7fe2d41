import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Api } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import {
  startTelegramEmulator,
  type TelegramEmulator,
  type TelegramUser,
  type WebhookOptions,
} from "../../../src/testing/telegram/index.js";

/** One POST that reached the bot's endpoint. */
interface Arrival {
  updateId: number;
  /** The chat of the update's message (or pressed button's message), if it has one. */
  chatId: number | undefined;
  /** The emulator's end of the connection it came over. */
  remotePort: number;
}

/** What the endpoint does with a POST: answer it at once with a status, or hold it open. */
type Answer = number | "hold";

/**
 * A bot's webhook endpoint on loopback that decides per update whether to answer or to hold
 * the request open, and notes every chat that ever had two updates in flight at once.
 */
class WebhookEndpoint {
  readonly arrivals: Arrival[] = [];
  /** Chats that got an update while another of theirs was still unanswered. */
  readonly overlappingChats: number[] = [];
  private readonly open = new Map<Arrival, ServerResponse>();
  private readonly changes = new Set<() => void>();

  private constructor(
    readonly server: Server,
    readonly url: string,
    private readonly answer: (arrival: Arrival) => Answer,
  ) {}

  static async start(
    answer: (arrival: Arrival) => Answer = () => "hold",
  ): Promise<WebhookEndpoint> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const endpoint = new WebhookEndpoint(server, `http://127.0.0.1:${port}/telegram`, answer);
    server.on("request", async (req, res) => {
      const update = JSON.parse(Buffer.concat(await req.toArray()).toString("utf8"));
      endpoint.arrived(
        {
          updateId: update.update_id,
          chatId: (update.message ?? update.callback_query?.message)?.chat?.id,
          remotePort: req.socket.remotePort ?? 0,
        },
        res,
      );
    });
    return endpoint;
  }

  /** The requests held open now, oldest first. */
  get held(): Arrival[] {
    return [...this.open.keys()];
  }

  /** Answers a held request. */
  release(arrival: Arrival, status = 200): void {
    const res = this.open.get(arrival);
    if (!res) throw new Error(`update ${arrival.updateId} is not held`);
    this.open.delete(arrival);
    res.writeHead(status).end();
    this.changed();
  }

  /** The update ids that reached this chat, in the order they came. */
  updatesOf(chatId: number): number[] {
    return this.arrivals.filter((a) => a.chatId === chatId).map((a) => a.updateId);
  }

  /** Resolves once the condition holds, checked at every arrival and release. */
  until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        this.changes.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.changes.delete(check);
        reject(new Error(`Waited ${timeoutMs} ms for ${what}; arrivals ${this.describe()}`));
      }, timeoutMs);
      this.changes.add(check);
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private arrived(arrival: Arrival, res: ServerResponse): void {
    if (arrival.chatId !== undefined && this.held.some((h) => h.chatId === arrival.chatId)) {
      this.overlappingChats.push(arrival.chatId);
    }
    this.arrivals.push(arrival);
    const answer = this.answer(arrival);
    if (answer === "hold") this.open.set(arrival, res);
    else res.writeHead(answer).end();
    this.changed();
  }

  private changed(): void {
    for (const check of [...this.changes]) check();
  }

  private describe(): string {
    return JSON.stringify(this.arrivals.map((a) => [a.updateId, a.chatId]));
  }
}

let emulator: TelegramEmulator | undefined;
let endpoint: WebhookEndpoint | undefined;
afterEach(async () => {
  await emulator?.close();
  await endpoint?.close();
  emulator = undefined;
  endpoint = undefined;
});

async function start(
  answer?: (arrival: Arrival) => Answer,
  webhook: WebhookOptions = { retryDelayMs: 5, maxRetryDelayMs: 20 },
) {
  emulator = await startTelegramEmulator({ rateLimits: false, webhook });
  endpoint = await WebhookEndpoint.start(answer);
  const api = new Api(emulator.token, { apiRoot: emulator.apiRoot });
  return { emulator, endpoint, api };
}

/** People in their own chats, named for the tests' messages. */
function people(telegram: TelegramEmulator, names: string[]): TelegramUser[] {
  return names.map((firstName) => telegram.user({ firstName }));
}

/**
 * The webhook set, with Hoa's chat refused (500, until `refusing.answer` changes) while Nam's
 * goes through: Hoa sends two updates, Nam three.
 */
async function hoaRefused(webhook?: WebhookOptions) {
  const refusing = { chat: 0, answer: 500 };
  const started = await start(
    (arrival) => (arrival.chatId === refusing.chat ? refusing.answer : 200),
    webhook,
  );
  const failing = started.emulator.user({ firstName: "Hoa" });
  const other = started.emulator.user({ firstName: "Nam" });
  refusing.chat = failing.id;
  await started.api.setWebhook(started.endpoint.url);
  const first = failing.send("đường 1,5 km").updateId;
  const second = failing.send("Xong").updateId;
  const others = [other.send("1").updateId, other.send("2").updateId, other.send("3").updateId];
  return { ...started, refusing, failing, other, first, second, others };
}

describe("webhook delivery over several connections", () => {
  it("has several chats' updates in flight at once", async () => {
    const { emulator, endpoint, api } = await start();
    await api.setWebhook(endpoint.url);
    const heads = people(emulator, ["Hoa", "Nam", "Lan", "Minh", "Tuấn"]);
    const sent = heads.map((head) => head.send("Báo cáo tuần"));

    await endpoint.until(() => endpoint.held.length === 5, "five chats' updates held at once");
    for (const arrival of endpoint.held) endpoint.release(arrival);
    await emulator.waitForWebhookAttempts(5);
    expect(endpoint.arrivals.map((a) => a.updateId).sort()).toEqual(
      sent.map((s) => s.updateId).sort(),
    );
    expect((await api.getWebhookInfo()).pending_update_count).toBe(0);
  });

  it("never has two updates of one chat in flight, and keeps each chat's order", async () => {
    let slowChat = 0;
    const { emulator, endpoint, api } = await start((arrival) =>
      arrival.chatId === slowChat ? "hold" : 200,
    );
    await api.setWebhook(endpoint.url);
    const [slow, ...quick] = people(emulator, ["Hoa", "Nam", "Lan"]) as [
      TelegramUser,
      ...TelegramUser[],
    ];
    slowChat = slow.id;
    // The held chat writes first: an update of its own sent early would go before the others'.
    const slowSent = [1, 2, 3].map((n) => slow.send(`số ${n}`).updateId);
    const quickSent = quick.map((head) => [1, 2, 3].map((n) => head.send(`số ${n}`).updateId));

    await emulator.waitForWebhookAttempts(6);
    for (const [i, head] of quick.entries()) {
      expect(endpoint.updatesOf(head.id)).toEqual(quickSent[i]);
    }
    expect(endpoint.updatesOf(slow.id)).toEqual(slowSent.slice(0, 1));

    // Each answer lets exactly the chat's next update go.
    for (let n = 1; n <= 3; n++) {
      await endpoint.until(() => endpoint.held.length === 1, `the held chat's update ${n}`);
      expect(endpoint.updatesOf(slow.id)).toEqual(slowSent.slice(0, n));
      endpoint.release(endpoint.held[0] as Arrival);
    }
    await emulator.waitForWebhookAttempts(9);
    expect(endpoint.overlappingChats).toEqual([]);
    expect((await api.getWebhookInfo()).pending_update_count).toBe(0);
  });

  it("sends a button press behind its chat's message, and an update of no chat at once", async () => {
    const { emulator, endpoint, api } = await start();
    await api.setWebhook(endpoint.url);
    const hoa = emulator.user({ firstName: "Hoa" });
    const message = hoa.send("Báo cáo tuần");
    const press = emulator.injectUpdate({
      callback_query: {
        id: "press-1",
        from: { id: hoa.id, is_bot: false, first_name: "Hoa" },
        message: { message_id: message.messageId, date: 0, chat: { id: hoa.id, type: "private" } },
        chat_instance: "1",
        data: "Xong",
      },
    });
    const inline = emulator.injectUpdate({
      inline_query: {
        id: "query-1",
        from: { id: hoa.id, is_bot: false, first_name: "Hoa" },
        query: "xóm",
        offset: "",
      },
    });

    await endpoint.until(() => endpoint.held.length === 2, "the message and the inline query");
    expect(endpoint.held.map((a) => a.updateId)).toEqual([message.updateId, inline?.update_id]);
    endpoint.release(endpoint.held[0] as Arrival);
    await endpoint.until(
      () => endpoint.held.some((a) => a.updateId === press?.update_id),
      "the press, once the message was answered",
    );
    expect(endpoint.overlappingChats).toEqual([]);
  });

  it("while one chat waits out its backoff, only that chat's later updates wait", async () => {
    const { emulator, endpoint, api, refusing, failing, other, first, second, others } =
      // Longer than the test: the failed chat retries only when the webhook is set again.
      await hoaRefused({ retryDelayMs: 600_000, maxRetryDelayMs: 600_000 });

    await emulator.waitForWebhookAttempts(4);
    expect(endpoint.updatesOf(other.id)).toEqual(others);
    expect(endpoint.updatesOf(failing.id)).toEqual([first]);
    const whileWaiting = await api.getWebhookInfo();
    expect(whileWaiting.pending_update_count).toBe(2);
    expect(whileWaiting.last_error_message).toBe(
      "Wrong response from the webhook: 500 Internal Server Error",
    );

    // The endpoint mended, setting the webhook again retries at once.
    refusing.answer = 200;
    await api.setWebhook(endpoint.url);
    await emulator.waitForWebhookAttempts(6);
    expect(endpoint.updatesOf(failing.id)).toEqual([first, first, second]);
    expect((await api.getWebhookInfo()).pending_update_count).toBe(0);
  });

  it("retries a failing update with backoff until it is taken, then sends its chat's next", async () => {
    const { emulator, endpoint, api, refusing, failing, other, first, second, others } =
      await hoaRefused();

    await endpoint.until(
      () => endpoint.updatesOf(other.id).length === 3 && endpoint.updatesOf(failing.id).length >= 3,
      "the other chat's three updates, and three tries of the failing one",
    );
    expect(endpoint.updatesOf(other.id)).toEqual(others);
    expect(new Set(endpoint.updatesOf(failing.id))).toEqual(new Set([first]));
    const whileFailing = await api.getWebhookInfo();
    expect(whileFailing.pending_update_count).toBe(2);
    expect(whileFailing.last_error_message).toBe(
      "Wrong response from the webhook: 500 Internal Server Error",
    );

    refusing.answer = 200;
    await endpoint.until(
      () => endpoint.updatesOf(failing.id).includes(second),
      "the failing chat's second update",
    );
    const tries = endpoint.updatesOf(failing.id);
    expect(tries.slice(0, -1).every((id) => id === first)).toBe(true);
    expect(tries.at(-1)).toBe(second);
    await emulator.waitForWebhookAttempts(tries.length + 3);
    expect((await api.getWebhookInfo()).pending_update_count).toBe(0);
  });

  it("leaves getUpdates exactly the updates the webhook did not deliver, whatever their order", async () => {
    let failingChat = 0;
    const { emulator, endpoint, api } = await start((arrival) =>
      arrival.chatId === failingChat ? 500 : 200,
    );
    const failing = emulator.user({ firstName: "Hoa" });
    const other = emulator.user({ firstName: "Nam" });
    failingChat = failing.id;
    const first = failing.send("đường 1,5 km").updateId;
    const second = failing.send("Xong").updateId;
    other.send("1");
    other.send("2");
    await api.setWebhook(endpoint.url);
    await endpoint.until(
      () => endpoint.updatesOf(other.id).length === 2 && endpoint.updatesOf(failing.id).length > 0,
      "the other chat delivered, the failing one tried",
    );

    await api.deleteWebhook();
    const left = await api.getUpdates({ timeout: 0 });
    expect(left.map((u) => u.update_id)).toEqual([first, second]);
    expect(await api.getUpdates({ offset: second + 1, timeout: 0 })).toEqual([]);
  });

  it("with max_connections 1, delivers every update over one connection, one after another", async () => {
    const { emulator, endpoint, api } = await start(() => 200);
    const heads = people(emulator, ["Hoa", "Nam", "Lan", "Minh"]);
    // Waiting before the webhook is set, so all four could go at once.
    const sent = heads.map((head) => head.send("Báo cáo tuần").updateId);
    await api.setWebhook(endpoint.url, { max_connections: 1 });

    await endpoint.until(() => endpoint.arrivals.length === 4, "all four updates");
    expect(endpoint.arrivals.map((a) => a.updateId)).toEqual(sent);
    expect(new Set(endpoint.arrivals.map((a) => a.remotePort)).size).toBe(1);
    expect((await api.getWebhookInfo()).max_connections).toBe(1);
  });
});
