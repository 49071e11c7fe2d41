import { describe, expect, it } from "vitest";
import type { Step, Text } from "../../src/dialog/flow.js";
import { type Reading, readAnswer } from "../../src/dialog/read-answer.js";
import { choicesOf } from "../../src/dialog/render-step.js";
import { say } from "../../src/dialog/text.js";
import { createI18n } from "../../src/i18n.js";
import type { Inbound } from "../../src/messaging/inbound.js";

/**
 * The engine's reading of an answer as data, no store and no channel: a step, what was
 * answered so far, what came in, and what it means. Goflow's answer tests, in our words.
 */
const t = createI18n("vi").getFixedT("vi");
const literal = (text: string): Text => ({ key: "test:literal", params: { defaultValue: text } });
const TOKEN = "tok123";

const GROUPS: Step = {
  id: "groups",
  prompt: [literal("Việc gì?")],
  input: {
    kind: "multi-choice",
    options: [
      { value: "roads", label: literal("Đường giao thông") },
      { value: "water", label: literal("Thủy lợi") },
      { value: "people", label: literal("Dân góp") },
    ],
    none: { value: "none", label: literal("Không có gì mới") },
  },
  next: () => ({ end: "finish" }),
};
const WEEK: Step = {
  id: "week",
  prompt: [literal("Tuần nào?")],
  input: {
    kind: "choice",
    options: [
      { value: "2026-W48", label: literal("Tuần này") },
      { value: "2026-W47", label: literal("Tuần trước") },
    ],
  },
  next: () => ({ end: "finish" }),
};
const SEND: Step = {
  id: "send",
  prompt: [literal("Gửi?")],
  input: { kind: "confirm" },
  next: () => ({ end: "finish" }),
};

const typed = (text: string): Inbound => ({
  channel: "console",
  chatId: "c",
  updateId: "1",
  receivedAt: new Date(0),
  kind: "text",
  text,
});
const picked = (value: string, selection?: string[]): Inbound => ({
  ...typed(""),
  kind: "choice",
  choice: {
    data: `d:${TOKEN}:${value}`,
    ...(selection ? { selection: selection.map((v) => `d:${TOKEN}:${v}`) } : {}),
  },
});

function read(step: Step, inbound: Inbound, answers: Record<string, unknown> = {}): Reading {
  return readAnswer(inbound, {
    step,
    token: TOKEN,
    answers,
    choices: choicesOf({ step, t, token: TOKEN, answers }).flat(),
    labelOf: (text) => say(t, text),
  });
}

describe("reading an answer to a step", () => {
  it.each<[string, Step, Inbound, Record<string, unknown>, Reading]>([
    ["a number picks an option", WEEK, typed("2"), {}, { kind: "answer", value: "2026-W47" }],
    [
      "a label without diacritics",
      WEEK,
      typed("tuan nay"),
      {},
      { kind: "answer", value: "2026-W48" },
    ],
    ["yes, typed", SEND, typed("có"), {}, { kind: "answer", value: true }],
    [
      "'1 3' is a whole selection",
      GROUPS,
      typed("3 1"),
      {},
      { kind: "answer", value: ["roads", "people"] },
    ],
    ["'0' is none", GROUPS, typed("0"), {}, { kind: "answer", value: [] }],
    [
      "one label is the whole answer",
      GROUPS,
      typed("THUY LOI"),
      {},
      { kind: "answer", value: ["water"] },
    ],
    [
      "a press toggles a pick",
      GROUPS,
      picked("water"),
      { groups: ["roads"] },
      { kind: "selection", value: ["roads", "water"] },
    ],
    [
      "Done takes what was picked",
      GROUPS,
      typed("xong"),
      { groups: ["people"] },
      { kind: "answer", value: ["people"] },
    ],
    [
      "a selection at once, as a channel reads '2 1'",
      GROUPS,
      picked("~done", ["water", "roads"]),
      {},
      { kind: "answer", value: ["roads", "water"] },
    ],
    [
      "an option not offered",
      WEEK,
      picked("2026-W01"),
      {},
      { kind: "refused", reason: { key: "dialog:unknownOption" } },
    ],
    [
      "a number with no line",
      WEEK,
      typed("3"),
      {},
      { kind: "refused", reason: { key: "dialog:choose.one" } },
    ],
    [
      "a number with no line, among several",
      GROUPS,
      typed("1 9"),
      {},
      { kind: "refused", reason: { key: "dialog:choose.some" } },
    ],
    [
      "a pick of an older question",
      WEEK,
      { ...picked("2026-W48"), choice: { data: "d:old999:2026-W48" } },
      {},
      { kind: "stale" },
    ],
  ])("%s", (_name, step, inbound, answers, expected) => {
    expect(read(step, inbound, answers)).toEqual(expected);
  });
});
