import { describe, expect, it } from "vitest";
import { MENU_LIFETIME_MS, NumberedMenus } from "../../../src/channels/zalo/numbered-menus.js";

const LANGS = [
  { data: "lang:vi", label: "Tiếng Việt" },
  { data: "lang:en", label: "English" },
];

describe("numbered menus", () => {
  it("reads a typed number as the choice it numbers in that chat's last menu", () => {
    const clock = { now: new Date("2026-11-25T03:00:00Z") };
    const menus = new NumberedMenus(() => clock.now);
    menus.shown("chat-a", LANGS);
    expect(menus.pick("chat-a", "2")?.data).toBe("lang:en");
    expect(menus.pick("chat-a", " 1. ")?.data).toBe("lang:vi");
    expect(menus.pick("chat-a", "２")?.data).toBe("lang:en");
    expect(menus.pick("chat-b", "1")).toBeUndefined();
  });

  it("reads nothing else: out of range, several numbers, words", () => {
    const menus = new NumberedMenus(() => new Date());
    menus.shown("c", LANGS);
    for (const text of ["0", "3", "1 2", "1,2", "English", ""]) {
      expect(menus.pick("c", text), text).toBeUndefined();
    }
  });

  it("forgets the menu once a message without choices is shown (a dialog question)", () => {
    const menus = new NumberedMenus(() => new Date());
    menus.shown("c", LANGS);
    menus.shown("c", undefined);
    expect(menus.pick("c", "1")).toBeUndefined();
  });

  it("forgets a menu older than a day", () => {
    const clock = { now: new Date("2026-11-25T03:00:00Z") };
    const menus = new NumberedMenus(() => clock.now);
    menus.shown("c", LANGS);
    clock.now = new Date(clock.now.getTime() + MENU_LIFETIME_MS + 1);
    expect(menus.pick("c", "1")).toBeUndefined();
  });
});
