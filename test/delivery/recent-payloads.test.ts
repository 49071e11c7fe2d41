import { describe, expect, it } from "vitest";
import { RecentPayloads } from "../../src/delivery/recent-payloads.js";
import type { Outbound } from "../../src/messaging/outbound.js";
import type { OutboxRepository } from "../../src/store/outbox-repository.js";
import { setUpDelivery, telegramMembers } from "./fixtures.js";

const PHOTO = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
const STORY: Outbound = {
  text: "Xóm Nà Pồng làm xong 300 m đường bê tông.",
  file: { kind: "photo", fileName: "duong-be-tong.jpg", mimeType: "image/jpeg", bytes: PHOTO },
};

/** A broadcast's sends queued in a store on disk, and how often its message is read back. */
async function queuedBroadcast(recipients: number) {
  const { store, outbox } = await setUpDelivery({
    channels: [],
    members: telegramMembers(recipients),
  });
  await outbox.enqueueMany(
    Array.from({ length: recipients }, (_, i) => ({
      key: `story:m${i}`,
      purpose: "story",
      memberId: `m${i}`,
      message: STORY,
    })),
  );
  const items = await store.outbox.list("story");
  const payloadId = items[0]?.payloadId as string;
  const reads: string[] = [];
  let failNext = false;
  const counted: Pick<OutboxRepository, "payload"> = {
    payload: async (id) => {
      reads.push(id);
      if (failNext) {
        failNext = false;
        throw new Error("disk read failed");
      }
      return store.outbox.payload(id);
    },
  };
  return { items, payloadId, reads, counted, failOnce: () => (failNext = true) };
}

describe("the messages of the batches in progress", () => {
  it("reads a broadcast's photo once for all its recipients, each send getting it whole", async () => {
    const { items, payloadId, reads, counted } = await queuedBroadcast(5);
    expect(new Set(items.map((item) => item.payloadId))).toEqual(new Set([payloadId]));
    const payloads = new RecentPayloads(counted);

    const messages = await Promise.all(items.map((item) => payloads.get(item.payloadId)));

    expect(reads).toEqual([payloadId]);
    for (const message of messages) {
      expect(message?.text).toBe(STORY.text);
      expect(message?.file?.bytes).toEqual(PHOTO);
    }
  });

  it("reads it again after a read that failed, rather than failing every send after", async () => {
    const { payloadId, reads, counted, failOnce } = await queuedBroadcast(2);
    const payloads = new RecentPayloads(counted);
    failOnce();

    await expect(payloads.get(payloadId)).rejects.toThrow("disk read failed");
    const again = await payloads.get(payloadId);

    expect(again?.file?.bytes).toEqual(PHOTO);
    expect(reads).toEqual([payloadId, payloadId]);
  });
});
