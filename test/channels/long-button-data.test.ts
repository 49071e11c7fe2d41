import { describe, expect, it } from "vitest";
import { LongButtonData } from "../../src/channels/long-button-data.js";
import { openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { seededRandom } from "../dialog/harness.js";
import { tempDir } from "../support/processes.js";

async function keeper(dir?: string) {
  const store = await openLowStore(dir ?? (await tempDir()));
  const random = seededRandom(3);
  return { store, data: new LongButtonData(store.chatMenus, () => new Date(), random, "tg", 64) };
}

const LONG = `d:ab12cd:${"đ".repeat(40)}`;

describe("button data longer than a platform's buttons carry", () => {
  it("travels as a short reference and comes back whole when pressed", async () => {
    const { data } = await keeper();
    const rows = await data.fit("c", [
      [{ data: "d:ab12cd:short", label: "Short" }],
      [{ data: LONG, label: "Long" }],
    ]);
    const sent = rows?.flat().map((c) => c.data) ?? [];
    expect(sent[0]).toBe("d:ab12cd:short");
    expect(Buffer.byteLength(sent[1] ?? "", "utf8")).toBeLessThanOrEqual(64);
    expect(await data.read("c", sent[1] ?? "")).toBe(LONG);
    expect(await data.read("c", "d:ab12cd:short")).toBe("d:ab12cd:short");
  });

  it("comes back from the store after a restart", async () => {
    const dir = await tempDir();
    const first = await keeper(dir);
    const sent = (await first.data.fit("c", [[{ data: LONG, label: "Long" }]]))?.[0]?.[0]?.data;
    await first.store.close();
    const second = await keeper(dir);
    expect(await second.data.read("c", sent ?? "")).toBe(LONG);
  });

  it("no longer resolves a reference made for an older message, nor in another chat", async () => {
    const { data } = await keeper();
    const old = (await data.fit("c", [[{ data: LONG, label: "Long" }]]))?.[0]?.[0]?.data ?? "";
    await data.fit("c", [[{ data: `${LONG}x`, label: "Longer" }]]);
    expect(await data.read("c", old)).toBe(old);
    expect(await data.read("other", old)).toBe(old);
  });
});
