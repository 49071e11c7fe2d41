import { describe, expect, it } from "vitest";
import { compileSummary } from "../../src/domain/summary/index.js";
import { UnitTree } from "../../src/domain/unit-tree.js";
import { escalationMessage } from "../../src/features/reminders/escalation-job.js";
import { reminderMessage } from "../../src/features/reminders/reminder-job.js";
import { createI18n } from "../../src/i18n.js";
import { renderStatusText, renderSummaryText } from "../../src/render/summary-text.js";
import { memberWith } from "../dialog/harness.js";
import { cityInput, units } from "../domain/summary/city.js";

const i18n = createI18n();
const vi = i18n.getFixedT("vi");
const week9 = { kind: "week", week: "2025-W09" } as const;
const byId = (id: string) => {
  const unit = units.find((u) => u.id === id);
  if (!unit) throw new Error(id);
  return unit;
};

/** A unit type with a capital after a word, a comma or a colon: "Chưa báo cáo: Xóm …". */
const CAPITAL_UNIT_MID_SENTENCE = /[\p{L}\d,;:)] (Xóm|Xã|Phường|Thành phố|Tỉnh|Thôn|Tổ dân phố) /u;

/** The lines that name a unit type with a capital inside a sentence. */
function capitalisedMidSentence(text: string): string[] {
  return text.split("\n").filter((line) => CAPITAL_UNIT_MID_SENTENCE.test(line));
}

describe("rendered Vietnamese texts write unit types in lower case inside a sentence", () => {
  const summary = compileSummary(cityInput("tp", week9));

  it("the /status answer and the weekly summary, lists saying “xóm” once", () => {
    const status = renderStatusText(summary, vi, "vi");
    const long = renderSummaryText(summary, vi, "vi");
    expect(capitalisedMidSentence(status)).toEqual([]);
    expect(capitalisedMidSentence(long)).toEqual([]);
  });

  it("the reminders to a head and the escalation to an official", () => {
    const member = { ...memberWith("m-1", [{ role: "official", unitId: "tp", orgIds: [] }]) };
    const head = reminderMessage({ i18n }, member, "2025-W09", [
      { hamlet: byId("ab.da-quan"), returned: true },
    ]);
    const escalation = escalationMessage(
      { i18n, config: { timeZone: "Asia/Ho_Chi_Minh" } as never },
      new UnitTree(units),
      member,
      "2025-W09",
      {
        missing: [
          { hamlet: byId("ab.da-quan"), returned: false },
          { hamlet: byId("ab.ban-chang"), returned: true },
        ],
        noHead: [byId("tl.lung-vai"), byId("tl.moi")],
        heads: new Map(),
      },
    );
    expect(head.text).toContain("của xóm Đà Quận");
    expect(escalation.text).toContain("Xã An Bình: xóm Đà Quận, Bản Chang (bị trả lại, chưa sửa).");
    expect(escalation.text).toContain(
      "dùng trợ lý (không tính là chưa báo cáo): xóm Lũng Vài, Mới.",
    );
    expect(capitalisedMidSentence(head.text ?? "")).toEqual([]);
    expect(capitalisedMidSentence(escalation.text ?? "")).toEqual([]);
  });
});
