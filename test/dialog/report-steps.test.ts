import { describe, expect, it } from "vitest";
import type {
  Decision,
  DialogOutbound,
  DialogRequest,
  Progress,
} from "../../src/dialog/decision.js";
import type { FinishOutcome } from "../../src/dialog/flow.js";
import { step } from "../../src/dialog/step.js";
import type { AppDeps } from "../../src/features/app-deps.js";
import type { MemberContext } from "../../src/features/feature.js";
import type { Flow } from "../../src/features/member-dialogs.js";
import type { ReportData } from "../../src/features/reporting/report-data.js";
import { reportFlow } from "../../src/features/reporting/report-flow.js";
import { createI18n } from "../../src/i18n.js";
import type { Inbound } from "../../src/messaging/inbound.js";
import type { Reply } from "../../src/messaging/reply.js";
import { loadReferenceData } from "../../src/reference/loader.js";
import type { StoredDialog } from "../../src/store/dialog-repository.js";
import { head, NAM_PHONG_2, WEDNESDAY } from "../features/reporting/report-harness.js";

/** Nam Phong 2 in the shipped data, its week open and on time: what the flow would load. */
const reference = loadReferenceData();
const namPhong2 = reference.units.find((unit) => unit.id === NAM_PHONG_2);
if (!namPhong2) throw new Error("the shipped data has no Nam Phong 2");
const data: ReportData = {
  timeZone: "Asia/Ho_Chi_Minh",
  hamlets: [namPhong2],
  fields: reference.reportFields,
  hamlet: namPhong2,
  weeks: [{ week: "2026-W48", kind: "current" }],
  week: "2026-W48",
  late: false,
  unmetCriteria: [],
};

/** Anything a pure step must not reach for: the app's deps and the reply. */
function untouchable<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get: (_target, key) => {
      throw new Error(`a pure step reached for ${what}.${String(key)}`);
    },
  });
}

const t = createI18n("vi").getFixedT("vi");

/** Each message a person sends is an update of its own. */
let updates = 0;

function turn(inbound: Partial<Inbound>): MemberContext {
  return {
    inbound: {
      channel: "console",
      chatId: "chat-head-1",
      updateId: String(++updates),
      receivedAt: new Date(WEDNESDAY),
      kind: "text",
      ...inbound,
    },
    member: head(),
    reply: untouchable<Reply>("reply"),
    t,
    locale: "vi",
    deps: untouchable<AppDeps>("deps"),
  };
}

interface Run {
  decision: Decision;
  /** The draft after the update: as saved, or none once removed. */
  draft: StoredDialog | undefined;
  /** What the head sees, in order. */
  seen: DialogOutbound[];
  /** Whether the flow's finish ran. */
  finished: boolean;
}

const flows = new Map<string, Flow<unknown>>([[reportFlow.id, reportFlow]]);
let tokens = 0;

/**
 * Runs one update through the pure step, doing its I/O as data: the flow's data is the
 * fixed one above, its finish the outcome given, and the saved draft stands.
 */
function decide(
  stored: StoredDialog | undefined,
  request: DialogRequest,
  inbound: Partial<Inbound> = { kind: "command", command: "report" },
  options: { at?: string; finish?: FinishOutcome } = {},
): Run {
  let finished = false;
  let progress: Progress<MemberContext> = step({
    flows,
    ctx: turn(inbound),
    stored,
    request,
    now: new Date(options.at ?? WEDNESDAY),
    token: `tok${++tokens}`,
  });
  while (progress.kind !== "decided") {
    if (progress.kind === "load") progress = progress.resume(data);
    else if (progress.kind === "finish") {
      if (!options.finish) throw new Error("the flow finished unexpectedly");
      finished = true;
      progress = progress.resume(options.finish);
    } else throw new Error("no photo is sent in these conversations");
  }
  const { decision } = progress;
  const change = decision.draft;
  const draft =
    change.kind === "save" ? change.dialog : change.kind === "remove" ? undefined : stored;
  return { decision, draft, seen: decision.outbounds, finished };
}

/** The text of the last message sent or edited. */
function lastText(run: Run): string {
  const shown = run.seen.filter((o) => o.kind === "send" || o.kind === "edit");
  const last = shown.at(-1);
  return last && "message" in last ? last.message.text : "";
}

/** The choices of the last message sent or edited, by label. */
function labels(run: Run): string[] {
  const last = run.seen.filter((o) => o.kind === "send" || o.kind === "edit").at(-1);
  return last && "message" in last
    ? (last.message.choices ?? []).flat().map((c) => c.label + (c.selected ? " [x]" : ""))
    : [];
}

/** Presses the choice whose label starts with `label` on the last question, on message 100. */
function press(run: Run, label: string): Partial<Inbound> {
  const last = run.seen.filter((o) => o.kind === "send" || o.kind === "edit").at(-1);
  const choice =
    last && "message" in last
      ? last.message.choices?.flat().find((c) => c.label.startsWith(label))
      : undefined;
  if (!choice) throw new Error(`no choice "${label}" in: ${labels(run).join(" | ")}`);
  return { kind: "choice", choice: { data: choice.data, messageId: "100" } };
}

const message: DialogRequest = { kind: "message" };
const started = () => decide(undefined, { kind: "start", flowId: "report", context: {} });

describe("the weekly report, step by step, with no store", () => {
  it("starts at the groups, a multi-choice marked as it is picked, then Done asks the first number", () => {
    const start = started();
    expect(start.draft).toMatchObject({ step: "groups", answers: {}, token: "tok1" });
    expect(lastText(start)).toBe(
      "Báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2.\n" +
        "Tuần này xóm có những việc gì? (chọn được nhiều việc)",
    );

    const roads = decide(start.draft, message, press(start, "Đường giao thông"));
    expect(roads.draft).toMatchObject({ step: "groups", answers: { groups: ["roads"] } });
    expect(roads.seen[0]).toEqual({ kind: "acknowledge" });
    expect(roads.seen[1]).toMatchObject({ kind: "edit", messageId: "100" });
    expect(labels(roads)).toContain("Đường giao thông [x]");

    const done = decide(roads.draft, message, press(roads, "Xong"));
    expect(done.draft).toMatchObject({
      step: "field:roadConcretedM",
      answers: { groups: ["roads"] },
    });
    expect(lastText(done)).toBe(
      "Đường bê tông hóa mới được bao nhiêu mét?\nVí dụ: 350 hoặc 1,2 km. Không có thì gõ 0.",
    );
    expect(done.seen.at(-1)).toMatchObject({ kind: "send" });
  });

  it("reads a number typed with its unit, and re-asks with the reason when it cannot", () => {
    const start = started();
    const roads = decide(start.draft, message, press(start, "Đường giao thông"));
    const asked = decide(roads.draft, message, press(roads, "Xong"));

    const refused = decide(asked.draft, message, { kind: "text", text: "khá dài" });
    expect(refused.draft).toMatchObject({
      step: "field:roadConcretedM",
      answers: { groups: ["roads"] },
    });
    expect(refused.draft?.token).not.toBe(asked.draft?.token);
    expect(lastText(refused)).toBe(
      "Tôi chưa hiểu số này. Anh/chị gõ một con số, ví dụ 350 (mét) hoặc 1,2 km. Không có thì gõ 0.\n\n" +
        "Đường bê tông hóa mới được bao nhiêu mét?\nVí dụ: 350 hoặc 1,2 km. Không có thì gõ 0.",
    );

    const read = decide(refused.draft, message, { kind: "text", text: "1,2 km" });
    expect(read.draft?.answers["field:roadConcretedM"]).toEqual({
      value: 1200,
      approximate: false,
    });
    expect(lastText(read)).toContain("Đường được sửa chữa, nâng cấp bao nhiêu mét?");
  });

  it("takes a choice of the menu and goes to the review; filing it removes the draft", () => {
    const start = started();
    const nothing = decide(start.draft, message, press(start, "Không có gì mới"));
    expect(nothing.draft).toMatchObject({ step: "menu", answers: { groups: [] } });
    expect(lastText(nothing)).toBe("Còn gì muốn báo thêm không?");

    const review = decide(nothing.draft, message, press(nothing, "Xem lại và gửi"));
    expect(review.draft?.step).toBe("review");
    expect(labels(review)).toEqual(["Gửi báo cáo", "Sửa một mục", "Hủy"]);

    const filed = decide(review.draft, message, press(review, "Gửi báo cáo"), {
      finish: { kind: "done", message: { text: "Đã nhận báo cáo." } },
    });
    expect(filed.finished).toBe(true);
    expect(filed.decision.draft).toEqual({ kind: "remove" });
    expect(lastText(filed)).toBe("Đã nhận báo cáo.");
  });

  it("says a button of an earlier question is closed, and asks the current one again", () => {
    const start = started();
    const nothing = decide(start.draft, message, press(start, "Không có gì mới"));

    const stale = decide(nothing.draft, message, press(start, "Đường giao thông"));
    expect(stale.seen[0]).toEqual({ kind: "acknowledge", notice: "Câu hỏi này đã qua rồi" });
    expect(stale.draft).toMatchObject({ step: "menu", answers: { groups: [] } });
    expect(lastText(stale)).toBe(
      "Câu hỏi đó đã qua rồi. Anh/chị trả lời câu hỏi này giúp tôi:\n\nCòn gì muốn báo thêm không?",
    );
  });

  it("drops the draft on cancel, says how to start again, and lets the flow tidy its answers", () => {
    const start = started();
    const nothing = decide(start.draft, message, press(start, "Không có gì mới"));

    const cancelled = decide(nothing.draft, { kind: "cancel" });
    expect(cancelled.decision.draft).toEqual({ kind: "remove" });
    expect(lastText(cancelled)).toBe(
      "Đã hủy phần đang làm dở.\nKhi nào cần, anh/chị gõ /report để báo cáo lại từ đầu.",
    );
    expect(cancelled.decision.effects).toEqual([
      { kind: "tidy", flow: "report", answers: { groups: [] } },
    ]);
  });

  it("drops a draft left for more than a week when it is next answered", () => {
    const start = started();

    const late = decide(start.draft, message, press(start, "Đường giao thông"), {
      at: "2026-12-02T03:00:01.000Z",
    });
    expect(late.decision.draft).toEqual({ kind: "remove" });
    expect(late.seen[0]).toEqual({ kind: "acknowledge", notice: "Câu hỏi này đã qua rồi" });
    expect(lastText(late)).toBe(
      "Phần anh/chị làm dở đã để quá 7 ngày nên tôi đã xóa.\n" +
        "Khi nào cần, anh/chị gõ /report để báo cáo lại từ đầu.",
    );
  });
});
