import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { takingTurns } from "../../src/features/chat-turns.js";
import type { Router } from "../../src/features/router.js";
import { silentLogger } from "../../src/logger.js";
import type { Inbound } from "../../src/messaging/inbound.js";
import type { Reply } from "../../src/messaging/reply.js";
import type { PgStore } from "../../src/store/postgres/pg-store.js";
import { postgresSkipReason, TestSchema } from "../support/postgres.js";

const skipReason = await postgresSkipReason();
if (skipReason) console.warn(`Skipping the chat turns across instances: ${skipReason}`);

const update = (chatId: string, updateId: string): Inbound => ({
  channel: "telegram",
  chatId,
  updateId,
  receivedAt: new Date("2026-11-27T01:00:00Z"),
  kind: "text",
  text: "Xóm tôi đã làm xong 100 mét đường",
});

/** An instance's turns over its own connections to the shared schema. */
const turnsOf = (store: PgStore) => ({
  claims: store.claims,
  now: () => new Date(),
  logger: silentLogger(),
  lock: store.chatLock,
});

/** An instance's router that notes when it handles what, and holds updates the test names. */
function instance(name: string, events: string[], held: Map<string, Promise<void>>): Router {
  return {
    async handle(inbound) {
      events.push(`${name} starts ${inbound.updateId}`);
      await held.get(inbound.updateId);
      events.push(`${name} ends ${inbound.updateId}`);
    },
  };
}

describe.skipIf(skipReason !== undefined)(
  "a chat's updates on instances sharing PostgreSQL",
  () => {
    const schema = new TestSchema();
    let a: PgStore;
    let b: PgStore;
    beforeAll(async () => {
      [a, b] = (await schema.instances(2)) as [PgStore, PgStore];
    });
    afterAll(() => schema.drop());

    it("are handled one at a time, in the order taken, while other chats go on", async () => {
      const events: string[] = [];
      let letFirstEnd = () => undefined as unknown;
      const held = new Map([["u1", new Promise<void>((resolve) => (letFirstEnd = resolve))]]);
      const first = takingTurns(instance("A", events, held), turnsOf(a));
      const second = takingTurns(instance("B", events, held), turnsOf(b));
      const reply = {} as Reply;

      const handled = [first.handle(update("501", "u1"), reply)];
      await vi.waitFor(() => expect(events).toEqual(["A starts u1"]));
      // The same chat's next update reaches the other instance while the first is handled;
      // another chat's update comes after it there, and is not kept waiting.
      handled.push(second.handle(update("501", "u2"), reply));
      await second.handle(update("502", "u3"), reply);
      expect(events).toEqual(["A starts u1", "B starts u3", "B ends u3"]);

      letFirstEnd();
      await Promise.all(handled);
      expect(events).toEqual([
        "A starts u1",
        "B starts u3",
        "B ends u3",
        "A ends u1",
        "B starts u2",
        "B ends u2",
      ]);
    });

    it("drop an update handed again while its first delivery was still being handled", async () => {
      // The platform gave up waiting for u4 on A and posted it again to B; the person, told
      // nothing yet, has not sent the next message.
      const events: string[] = [];
      let letFirstEnd = () => undefined as unknown;
      const held = new Map([["u4", new Promise<void>((resolve) => (letFirstEnd = resolve))]]);
      const first = takingTurns(instance("A", events, held), turnsOf(a));
      const second = takingTurns(instance("B", events, held), turnsOf(b));
      const reply = {} as Reply;

      const handled = [first.handle(update("601", "u4"), reply)];
      await vi.waitFor(() => expect(events).toEqual(["A starts u4"]));
      handled.push(second.handle(update("601", "u4"), reply));
      // The copy waits for the chat's turn (another chat's update shows B is taking updates).
      await second.handle(update("602", "u5"), reply);
      letFirstEnd();
      await Promise.all(handled);
      // Once u4 is handled, the next message of the chat is taken, and the copy is not.
      await second.handle(update("601", "u6"), reply);
      await first.handle(update("601", "u4"), reply);
      expect(events).toEqual([
        "A starts u4",
        "B starts u5",
        "B ends u5",
        "A ends u4",
        "B starts u6",
        "B ends u6",
      ]);
    });
  },
);
