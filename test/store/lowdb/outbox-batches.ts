import type { LowStore } from "../../../src/store/lowdb/lowdb-store.js";
import type { OutboxOutcome, StoredOutbound } from "../../../src/store/outbox-repository.js";

export const DAY = 24 * 3600_000;
export const T0 = Date.parse("2026-06-01T01:00:00.000Z");
export const at = (days: number) => new Date(T0 + days * DAY).toISOString();

export const photo = (fill: number): StoredOutbound => ({
  text: "Ngày hội Đại đoàn kết",
  file: {
    kind: "photo",
    fileName: "a.png",
    mimeType: "image/png",
    base64: Buffer.alloc(1000, fill).toString("base64"),
  },
});

/** Sends `outcomes.length` messages of a purpose on day `day`, each ending as told. */
export async function sendBatch(
  store: LowStore,
  purpose: string,
  day: number,
  message: StoredOutbound,
  outcomes: OutboxOutcome[],
): Promise<void> {
  const payloadId = await store.outbox.savePayload(message);
  await store.outbox.enqueue(
    outcomes.map((_, n) => ({
      key: `${purpose}:m${n}`,
      purpose,
      memberId: `m${n}`,
      payloadId,
      notBefore: at(day),
    })),
    at(day),
  );
  const claimed = await store.outbox.claim({ now: at(day), limit: 10_000, leaseMs: 60_000 });
  for (const item of claimed) {
    const outcome = outcomes[Number(item.key.split(":m").at(-1))] as OutboxOutcome;
    if (outcome.state === "sent") {
      await store.outbox.recordPart(
        item.key,
        item.lease?.id ?? "",
        { channel: "telegram", chatId: item.memberId, messageId: "1" },
        at(day),
      );
    }
    await store.outbox.finish(item.key, item.lease?.id ?? "", outcome, at(day + 0.01));
  }
}

export const sent: OutboxOutcome = { state: "sent" };
export const failed: OutboxOutcome = { state: "failed", reason: "400" };
export const blocked: OutboxOutcome = { state: "blocked", reason: "bot blocked" };
