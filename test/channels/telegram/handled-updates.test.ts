import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { handledUpdates } from "../../../src/channels/telegram/handled-updates.js";
import { createLogger } from "../../../src/logger.js";

/** Telegram's side: the updates not yet confirmed, and the offsets polls sent. */
function telegram(ids: number[]) {
  let pending = ids.map((update_id) => ({ update_id }) as Update);
  const offsets: number[] = [];
  return {
    offsets,
    fetch: async (offset: number, limit: number) => {
      offsets.push(offset);
      if (offset > 0) pending = pending.filter((u) => u.update_id >= offset);
      return pending.slice(0, limit);
    },
    send: (...more: number[]) => {
      pending.push(...more.map((update_id) => ({ update_id }) as Update));
    },
    pending: () => pending.map((u) => u.update_id),
  };
}

const signal = () => new AbortController().signal as never;
const logger = createLogger("silent");

describe("polling that confirms an update only once handled", () => {
  it("hands each update out once, and confirms none while one before it is still handled", async () => {
    const api = telegram([1, 2, 3]);
    const updates = handledUpdates(api.fetch, logger);

    const first = await updates.supplier.supply(100, signal());
    expect(first.map((u) => u.update_id)).toEqual([1, 2, 3]);
    // 2 and 3 are done, 1 is not: Telegram keeps all three, and none is handed out again.
    updates.finished(3);
    updates.finished(2);
    expect(await updates.supplier.supply(100, signal())).toEqual([]);
    expect(api.pending()).toEqual([1, 2, 3]);

    updates.finished(1);
    await updates.drained();
    expect(await updates.supplier.supply(100, signal())).toEqual([]);
    expect(api.offsets.at(-1)).toBe(4);
    expect(api.pending()).toEqual([]);
  });

  it("hands out a newcomer while the updates before it are still handled, however little room is left", async () => {
    const api = telegram([1, 2, 3, 4, 5]);
    const updates = handledUpdates(api.fetch, logger);
    await updates.supplier.supply(100, signal());
    api.send(6);
    // Room for two more: the two oldest unconfirmed are still being handled, the newcomer is not.
    const next = await updates.supplier.supply(2, signal());
    expect(next.map((u) => u.update_id)).toEqual([6]);
    expect(api.pending()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
