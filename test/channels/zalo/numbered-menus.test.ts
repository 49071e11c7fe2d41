import { describe, expect, it } from "vitest";
import { MENU_LIFETIME_MS, NumberedMenus } from "../../../src/channels/zalo/numbered-menus.js";
import { openLowStore } from "../../../src/store/lowdb/lowdb-store.js";
import { tempDir } from "../../support/processes.js";

async function menusAt(now: () => Date): Promise<NumberedMenus> {
  return new NumberedMenus((await openLowStore(await tempDir())).chatMenus, now);
}

const LANGS = [
  { data: "lang:vi", label: "Tiếng Việt" },
  { data: "lang:en", label: "English" },
];

describe("numbered menus", () => {
  it("reads a typed number as the choice it numbers in that chat's last menu", async () => {
    const clock = { now: new Date("2026-11-25T03:00:00Z") };
    const menus = await menusAt(() => clock.now);
    await menus.shown("chat-a", LANGS);
    expect((await menus.pick("chat-a", "2"))?.data).toBe("lang:en");
    expect((await menus.pick("chat-a", " 1. "))?.data).toBe("lang:vi");
    expect((await menus.pick("chat-a", "２"))?.data).toBe("lang:en");
    expect(await menus.pick("chat-b", "1")).toBeUndefined();
  });

  it("reads nothing else: out of range, several numbers, words", async () => {
    const menus = await menusAt(() => new Date());
    await menus.shown("c", LANGS);
    for (const text of ["0", "3", "1 2", "1,2", "English", ""]) {
      expect(await menus.pick("c", text), text).toBeUndefined();
    }
  });

  it("forgets the menu once a message without choices is shown (a dialog question)", async () => {
    const menus = await menusAt(() => new Date());
    await menus.shown("c", LANGS);
    await menus.shown("c", undefined);
    expect(await menus.pick("c", "1")).toBeUndefined();
  });

  it("keeps a chat's menu across a restart, as the store keeps it", async () => {
    const dir = await tempDir();
    const first = await openLowStore(dir);
    await new NumberedMenus(first.chatMenus, () => new Date()).shown("c", LANGS);
    await first.close();
    const second = await openLowStore(dir);
    expect((await new NumberedMenus(second.chatMenus, () => new Date()).pick("c", "2"))?.data).toBe(
      "lang:en",
    );
  });

  it("forgets a menu older than a day", async () => {
    const clock = { now: new Date("2026-11-25T03:00:00Z") };
    const menus = await menusAt(() => clock.now);
    await menus.shown("c", LANGS);
    clock.now = new Date(clock.now.getTime() + MENU_LIFETIME_MS + 1);
    expect(await menus.pick("c", "1")).toBeUndefined();
  });
});
