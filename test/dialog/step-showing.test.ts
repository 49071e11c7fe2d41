import { describe, expect, it } from "vitest";
import type { Step, Text } from "../../src/dialog/flow.js";
import { renderStep } from "../../src/dialog/render-step.js";
import { createI18n } from "../../src/i18n.js";
import type { Outbound } from "../../src/messaging/outbound.js";

/**
 * How the engine shows a step, as data: abstract choices that any channel can show its way,
 * never numbered, never sized for a platform's buttons.
 */
const t = createI18n("vi").getFixedT("vi");
const literal = (text: string): Text => ({ key: "test:literal", params: { defaultValue: text } });
const step = (input: Step["input"]): Step => ({
  id: "q",
  prompt: [literal("Hỏi?")],
  input,
  next: () => ({ end: "finish" }),
});
const LONG = "đ".repeat(40);

describe("showing a step", () => {
  it.each<[string, Step, Record<string, unknown>, Outbound]>([
    [
      "a choice: one option a row, its value whole however long",
      step({
        kind: "choice",
        options: [
          { value: "a", label: literal("Một") },
          { value: LONG, label: literal("Dài") },
        ],
      }),
      {},
      {
        text: "Hỏi?",
        choices: [[{ data: "d:tok:a", label: "Một" }], [{ data: `d:tok:${LONG}`, label: "Dài" }]],
        choiceMode: "single",
      },
    ],
    [
      "a multi-choice: picks marked, then none and Done",
      step({
        kind: "multi-choice",
        options: [
          { value: "a", label: literal("Một") },
          { value: "b", label: literal("Hai") },
        ],
        none: { value: "none", label: literal("Không") },
      }),
      { q: ["b"] },
      {
        text: "Hỏi?",
        choices: [
          [{ data: "d:tok:a", label: "Một", selected: false }],
          [{ data: "d:tok:b", label: "Hai", selected: true }],
          [{ data: "d:tok:none", label: "Không", role: "none" }],
          [{ data: "d:tok:~done", label: "Xong ✓", role: "done" }],
        ],
        choiceMode: "multi",
      },
    ],
    [
      "a confirm: yes and no side by side",
      step({ kind: "confirm" }),
      {},
      {
        text: "Hỏi?",
        choices: [
          [
            { data: "d:tok:yes", label: "Có" },
            { data: "d:tok:no", label: "Không" },
          ],
        ],
        choiceMode: "single",
      },
    ],
    [
      "a number: no choices",
      step({ kind: "number", unit: "m", min: 0, max: 10, label: "x" }),
      {},
      { text: "Hỏi?" },
    ],
  ])("%s", (_name, shown, answers, expected) => {
    expect(renderStep({ step: shown, t, token: "tok", answers })).toEqual(expected);
  });
});
