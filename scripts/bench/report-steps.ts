import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Translate } from "../../src/i18n.js";
import type { TelegramUser } from "../../src/testing/telegram/index.js";
import { ROOT } from "./bot-process.js";
import { type AnswerKind, type ChatTimer, pressLatest } from "./chat-timer.js";

/** One update a person sends and what they wait for after it. */
export interface Step {
  kind: AnswerKind;
  act: (user: TelegramUser) => void;
}

/**
 * A head's complete weekly report on Telegram, 12 updates: open it, pick two activity groups,
 * Done, six numbers, review, send. Labels come from the locales and the shipped report fields,
 * as the head reads them.
 */
export function weeklyReportSteps(t: Translate): Step[] {
  const [roads, contributions] = reportGroupLabels();
  return [
    { kind: "message", act: (u) => u.command("/report") },
    { kind: "edit", act: (u) => pressLatest(u, roads as string)() },
    { kind: "edit", act: (u) => pressLatest(u, contributions as string)() },
    { kind: "message", act: (u) => pressLatest(u, t("dialog:done"))() },
    ...["1,2 km", "ko", "2 triệu", "0", "1.500", "0"].map(
      (typed): Step => ({ kind: "message", act: (u) => u.send(typed) }),
    ),
    { kind: "message", act: (u) => pressLatest(u, t("report:menu.review"))() },
    { kind: "message", act: (u) => pressLatest(u, t("report:review.submit"))() },
  ];
}

/** Plays the steps, each after the answer to the one before; resolves with each answer's ms. */
export async function play(timer: ChatTimer, user: TelegramUser, steps: Step[]): Promise<number[]> {
  const latencies: number[] = [];
  for (const step of steps) latencies.push(await timer.time(user, step.kind, () => step.act(user)));
  return latencies;
}

/** The first two activity groups of the shipped report fields. */
function reportGroupLabels(): string[] {
  const fields = JSON.parse(readFileSync(join(ROOT, "data", "report-fields.json"), "utf8")) as {
    groups: { label: string }[];
  };
  return fields.groups.slice(0, 2).map((group) => group.label);
}
