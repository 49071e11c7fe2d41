import { afterAll, describe, expect, it, vi } from "vitest";
import { ChatMenus } from "../../src/channels/chat-menus.js";
import { CHANNEL_ADAPTERS } from "../../src/channels/registry.js";
import { parseConfig } from "../../src/config.js";
import type { AppDeps } from "../../src/features/app-deps.js";
import { takingTurns } from "../../src/features/chat-turns.js";
import { createMemberDialogs } from "../../src/features/member-dialogs.js";
import { createRouter, type Router } from "../../src/features/router.js";
import { createI18n } from "../../src/i18n.js";
import { silentLogger } from "../../src/logger.js";
import type { Inbound } from "../../src/messaging/inbound.js";
import type { Outbound } from "../../src/messaging/outbound.js";
import type { Reply } from "../../src/messaging/reply.js";
import type { PgStore } from "../../src/store/postgres/pg-store.js";
import { memberWith } from "../dialog/harness.js";
import { postgresSkipReason, TestSchema } from "../support/postgres.js";
import { twoQuestions } from "../support/two-questions.js";

const skipReason = await postgresSkipReason();
if (skipReason) console.warn(`Skipping typed choices across instances: ${skipReason}`);

const CHAT = "7001";
const NOW = new Date("2026-12-03T03:00:00Z");

/** One instance of the bot on its own connections to the shared schema, as the app builds it. */
function instance(store: PgStore): Router {
  const deps: AppDeps = {
    config: parseConfig({ DATA_DIR: "/nonexistent", LOG_LEVEL: "silent" }),
    store,
    i18n: createI18n("vi"),
    logger: silentLogger(),
    now: () => NOW,
    random: Math.random,
    photos: {},
    filesShown: {},
    channels: CHANNEL_ADAPTERS,
  };
  const engine = createMemberDialogs([twoQuestions], deps);
  const router = createRouter(
    deps,
    [{ name: "test", commands: { report: (ctx) => engine.start(ctx, twoQuestions.id, {}) } }],
    engine,
  );
  return takingTurns(router, {
    claims: store.claims,
    now: () => NOW,
    logger: silentLogger(),
    lock: store.chatLock,
  });
}

describe.skipIf(skipReason !== undefined)(
  "a number typed on Zalo while the last answer is still handled on another instance",
  () => {
    const schema = new TestSchema();
    afterAll(() => schema.drop());

    it("picks from the list that answer leads to, not the one it replaced", async () => {
      const [a, b] = (await schema.instances(2)) as [PgStore, PgStore];
      const unitId = "hung-dao.nam-phong-2";
      await a.members.save({
        ...memberWith("m-1", [{ role: "hamlet_head", unitId, orgIds: [] }], unitId),
        identities: [
          {
            channel: "zalo",
            chatId: CHAT,
            boundAt: NOW.toISOString(),
            lastSeenAt: NOW.toISOString(),
          },
        ],
      });

      // The chat as Zalo shows it: each message sent, its numbered list recorded once it has
      // gone (as the Zalo channel does). Instance A's sends can be held on the way.
      const chat: string[] = [];
      let hold: Promise<void> | undefined;
      const zaloReply = (store: PgStore, held: boolean): Reply => {
        const menus = new ChatMenus(store.chatMenus, () => NOW, "zalo");
        const send = async (message: Outbound) => {
          if (held) await hold;
          chat.push(message.text ?? "");
          await menus.shown(CHAT, message);
          return { messageId: String(chat.length) };
        };
        return {
          buttons: false,
          send,
          edit: (_id, message) => send(message),
          acknowledge: async () => {},
        };
      };
      let updates = 0;
      const typed = (text: string): Inbound => ({
        channel: "zalo",
        chatId: CHAT,
        updateId: `u${++updates}`,
        receivedAt: NOW,
        ...(text.startsWith("/")
          ? { kind: "command", command: text.slice(1), text: "" }
          : { kind: "text", text }),
      });
      const [first, second] = [instance(a), instance(b)];

      await first.handle(typed("/report"), zaloReply(a, false));
      expect(chat).toHaveLength(1);
      // A takes "1 3" and its next question is on the way when "2" reaches B.
      let letGo = () => undefined as unknown;
      hold = new Promise<void>((resolve) => (letGo = resolve));
      const answering = first.handle(typed("1 3"), zaloReply(a, true));
      const picking = second.handle(typed("2"), zaloReply(b, false));
      // B waits for A's turn to end (it shows nothing meanwhile).
      await vi.waitFor(async () => expect((await a.dialogs.get("m-1"))?.step).toBe("one"));
      expect(chat).toHaveLength(1);
      letGo();
      await Promise.all([answering, picking]);

      // "2" picked English on the second question (on the first it was stale: "already past").
      expect(chat.at(-1)).toBe(JSON.stringify({ several: ["vi", "help"], one: "en" }));
    });
  },
);
