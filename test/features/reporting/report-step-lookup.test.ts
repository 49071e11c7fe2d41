import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Answers } from "../../../src/dialog/flow.js";
import type { ReportFields } from "../../../src/domain/report-fields.js";
import type { FlowEnv } from "../../../src/features/member-dialogs.js";
import { fieldStepId } from "../../../src/features/reporting/report-answers.js";
import type { ReportData } from "../../../src/features/reporting/report-data.js";
import { reportStep, reportSteps } from "../../../src/features/reporting/report-steps.js";
import { createI18n, type Translate } from "../../../src/i18n.js";

const fields = JSON.parse(readFileSync("data/report-fields.json", "utf8")) as ReportFields;
const hamlet = { id: "hung-dao.nam-phong-2", name: "Xóm Nam Phong 2" } as ReportData["hamlets"][0];
const i18n = createI18n("vi");

/** The report's data and answers at the review, with a translator that counts what it is asked. */
function envAtReview() {
  const asked: string[] = [];
  const vi = i18n.getFixedT("vi");
  const t = ((key: string | string[], options?: unknown) => {
    asked.push(String(key));
    return vi(key, options as never);
  }) as Translate;
  const data: ReportData = {
    timeZone: "Asia/Ho_Chi_Minh",
    hamlets: [hamlet],
    fields,
    hamlet,
    weeks: [{ week: "2026-W48", kind: "current" }],
    week: "2026-W48",
    late: false,
    unmetCriteria: [],
  };
  const groups = fields.groups.slice(0, 2).map((g) => g.id);
  const answers: Answers = { hamlet: hamlet.id, week: "2026-W48", groups };
  for (const group of fields.groups.slice(0, 2)) {
    for (const field of group.fields) {
      answers[fieldStepId(field.id)] = { value: 1, approximate: false };
    }
  }
  const env = {
    ctx: { t, locale: "vi" },
    data,
    context: {},
    answers,
    startedAt: "2026-11-25T03:00:00.000Z",
  } as unknown as FlowEnv<ReportData>;
  return { env, asked };
}

describe("looking up one step of the report", () => {
  it("gives the same step as building them all, for every step", () => {
    const { env } = envAtReview();
    const all = reportSteps(env);
    expect(all.length).toBeGreaterThan(10);
    for (const step of all) {
      expect(JSON.stringify(reportStep(env, step.id))).toBe(JSON.stringify(step));
    }
    expect(reportStep(env, "no-such-step")).toBeUndefined();
  });

  it("translates only what that step shows, not every field's question nor the review", () => {
    const questions = (asked: string[]) => asked.filter((key) => key === "report:question.generic");
    const everything = envAtReview();
    reportSteps(everything.env);
    const fieldCount = fields.groups.flatMap((g) => g.fields).length;
    expect(questions(everything.asked)).toHaveLength(fieldCount);

    const { env, asked } = envAtReview();
    reportStep(env, "menu");
    expect(asked).toEqual([]);
    const field = fields.groups[0]?.fields[0];
    reportStep(env, fieldStepId(field?.id ?? ""));
    expect(questions(asked)).toHaveLength(1);
  });
});
