import { describe, expect, it } from "vitest";
import { ChatMenus, MENU_LIFETIME_MS } from "../../src/channels/chat-menus.js";
import type { Inbound } from "../../src/messaging/inbound.js";
import type { Outbound } from "../../src/messaging/outbound.js";
import { openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { tempDir } from "../support/processes.js";

async function menusAt(now: () => Date): Promise<ChatMenus> {
  return new ChatMenus((await openLowStore(await tempDir())).chatMenus, now, "console");
}

const LANGS: Outbound = {
  text: "Ngôn ngữ?",
  choices: [[{ data: "lang:vi", label: "Tiếng Việt" }], [{ data: "lang:en", label: "English" }]],
  choiceMode: "single",
};

const GROUPS: Outbound = {
  text: "Việc gì?",
  choices: [
    [{ data: "g:roads", label: "Đường giao thông" }],
    [{ data: "g:water", label: "Thủy lợi", selected: true }],
    [{ data: "g:people", label: "Dân góp" }],
    [{ data: "g:none", label: "Không có gì mới", role: "none" }],
    [{ data: "g:done", label: "Xong ✓", role: "done" }],
  ],
  choiceMode: "multi",
};

/** The person types `text` in chat `chatId`. */
function typed(text: string, chatId = "c"): Inbound {
  return { channel: "zalo", chatId, updateId: "1", receivedAt: new Date(), kind: "text", text };
}

describe("the menus of chats without buttons", () => {
  it("reads a typed number or label as the choice it picks in that chat's last menu", async () => {
    const menus = await menusAt(() => new Date("2026-11-25T03:00:00Z"));
    await menus.shown("c", LANGS);
    expect((await menus.read(typed("2"))).choice).toEqual({ data: "lang:en" });
    expect((await menus.read(typed(" 1. "))).choice).toEqual({ data: "lang:vi" });
    expect((await menus.read(typed("２"))).choice).toEqual({ data: "lang:en" });
    expect((await menus.read(typed("tieng viet"))).choice).toEqual({ data: "lang:vi" });
    expect(await menus.read(typed("1", "other"))).toMatchObject({ kind: "text", text: "1" });
  });

  it("reads '1 3' under a multi-choice as the whole answer, '0' as none", async () => {
    const menus = await menusAt(() => new Date());
    await menus.shown("c", GROUPS);
    expect((await menus.read(typed("3, 1"))).choice).toEqual({
      data: "g:done",
      selection: ["g:roads", "g:people"],
    });
    expect((await menus.read(typed("0"))).choice).toEqual({ data: "g:none" });
    expect((await menus.read(typed("xong"))).choice).toEqual({ data: "g:done" });
    expect((await menus.read(typed("thuy loi"))).choice).toEqual({
      data: "g:done",
      selection: ["g:water"],
    });
  });

  it("leaves anything else as typed text: out of range, several numbers for one pick", async () => {
    const menus = await menusAt(() => new Date());
    await menus.shown("c", LANGS);
    for (const text of ["0", "3", "1 2", "1,2", "Tiếng", ""]) {
      expect(await menus.read(typed(text)), text).toMatchObject({ kind: "text", text });
    }
  });

  it("forgets the menu once a message without choices is shown", async () => {
    const menus = await menusAt(() => new Date());
    await menus.shown("c", LANGS);
    await menus.shown("c", { text: "Bao nhiêu mét?" });
    expect((await menus.read(typed("1"))).kind).toBe("text");
  });

  it("keeps a chat's menu across a restart, as the store keeps it", async () => {
    const dir = await tempDir();
    const first = await openLowStore(dir);
    await new ChatMenus(first.chatMenus, () => new Date(), "zalo").shown("c", LANGS);
    await first.close();
    const second = await openLowStore(dir);
    const menus = new ChatMenus(second.chatMenus, () => new Date(), "zalo");
    expect((await menus.read(typed("2"))).choice).toEqual({ data: "lang:en" });
  });

  it("forgets a menu older than a day", async () => {
    const clock = { now: new Date("2026-11-25T03:00:00Z") };
    const menus = await menusAt(() => clock.now);
    await menus.shown("c", LANGS);
    clock.now = new Date(clock.now.getTime() + MENU_LIFETIME_MS + 1);
    expect((await menus.read(typed("1"))).kind).toBe("text");
  });
});
