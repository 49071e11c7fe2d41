import { describe, expect, it } from "vitest";
import { commandOf } from "../../src/messaging/command-words.js";

describe("commands typed on Zalo", () => {
  it("reads /name args, lower-casing the name and keeping the arguments", () => {
    expect(commandOf("/report")).toEqual({ name: "report", args: "" });
    expect(commandOf("/Join K7PM3Q")).toEqual({ name: "join", args: "K7PM3Q" });
    expect(commandOf("  /lang   en ")).toEqual({ name: "lang", args: "en" });
  });

  it.each([
    ["báo cáo", "report"],
    ["bao cao", "report"],
    ["Báo Cáo", "report"],
    ["bao cáo", "report"],
    ["Báo cáo tuần này", "report"],
    ["tình hình", "status"],
    ["tinh hinh", "status"],
    ["dừng", "stop"],
    ["dung", "stop"],
    ["ngừng nhận tin", "stop"],
    ["trợ giúp", "help"],
    ["tro giup", "help"],
    ["Hướng dẫn", "help"],
    ["hủy", "cancel"],
    ["huỷ", "cancel"],
    ["huy", "cancel"],
    ["Hủy.", "cancel"],
    ["bắt đầu", "start"],
    ["ngôn ngữ", "lang"],
    ["bao cao cua toi", "myreports"],
    ["xem báo cáo", "reports"],
    ["tổng hợp", "summary"],
    ["guong dien hinh", "stories"],
    ["soạn tin", "broadcast"],
  ])("reads %j as /%s", (typed, name) => {
    expect(commandOf(typed)).toEqual({ name, args: "" });
  });

  it("reads a decomposed (NFD) spelling the same as the composed one", () => {
    expect(commandOf("trợ giúp".normalize("NFD"))).toEqual({ name: "help", args: "" });
  });

  it("reads 'tham gia CODE' as /join with the code", () => {
    expect(commandOf("tham gia K7PM3Q")).toEqual({ name: "join", args: "K7PM3Q" });
    expect(commandOf("Tham gia k7pm 3q.")).toEqual({ name: "join", args: "k7pm 3q" });
    expect(commandOf("tham gia")).toEqual({ name: "join", args: "" });
  });

  it("leaves other text alone: a word with other marks, or command words inside a sentence", () => {
    // "đúng" (right, yes) has the letters of "dừng" (stop) with other marks.
    expect(commandOf("đúng")).toBeUndefined();
    expect(commandOf("Đúng")).toBeUndefined();
    expect(commandOf("báo cáo xong rồi")).toBeUndefined();
    expect(commandOf("xóm tôi đã báo cáo")).toBeUndefined();
    expect(commandOf("1 3")).toBeUndefined();
    expect(commandOf("K7PM3Q")).toBeUndefined();
    expect(commandOf("")).toBeUndefined();
  });
});
