import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import type { HamletReport } from "../../src/domain/report.js";
import { reportId } from "../../src/domain/report.js";
import type { ChatMessageView, TelegramUser } from "../../src/testing/telegram/index.js";
import { joined as joinedBy } from "./support/chat-steps.js";
import { startTelegramBench, type TelegramBench } from "./support/telegram-bench.js";

let bench: TelegramBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

function report(hamletId: string, week: string, roadConcretedM: number): HamletReport {
  return {
    id: reportId(hamletId, week),
    hamletId,
    week,
    receipt: `${week}-${hamletId}`,
    authorId: `head-${hamletId}`,
    groups: [],
    values: { roadConcretedM },
    criteriaClaimed: [],
    photos: [],
    submittedAt: "2026-11-27T03:00:00.000Z",
    late: false,
    review: "submitted",
    version: 0,
  };
}

async function joinOfficial(b: TelegramBench, code: string, id: number): Promise<TelegramUser> {
  return joinedBy(
    b,
    { code, roles: ["official"], unitId: "thuc-phan", name: `Cán bộ ${id}` },
    { id, firstName: `U${id}` },
  );
}

/**
 * The summary messages a user got: texts of the summary (pushed ones open with a greeting),
 * chart photos, spreadsheets.
 */
function summariesIn(chat: ChatMessageView[]) {
  return {
    texts: chat.filter((m) => m.from === "bot" && /^(?:Chào .*\n\n)?TỔNG HỢP TUẦN/.test(m.text)),
    charts: chat.filter((m) => m.photo && m.text.startsWith("Biểu đồ")),
    sheets: chat.filter((m) => m.document?.fileName?.startsWith("tong-hop-thuc-phan")),
  };
}

/** Runs the jobs due at the clock's time and waits until the outbox has sent what is due. */
async function runDueJobs(b: TelegramBench): Promise<void> {
  await b.app.jobs.catchUp();
  await b.app.delivery.whenIdle();
}

/** The spreadsheet comes last (its send is due two seconds after the text). */
function waitForSheet(user: TelegramUser, week: string): Promise<ChatMessageView> {
  const fileName = `tong-hop-thuc-phan-${week}.xlsx`;
  return user.waitForBotMessage((m) => m.document?.fileName === fileName, 10_000);
}

/** The rows of a sheet of a spreadsheet sent in the chat, under its three title rows. */
async function sheetRows(message: ChatMessageView, name: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(message.document?.bytes ?? []) as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.getWorksheet(name)?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows.slice(2);
}

describe("the weekly summary on Telegram", () => {
  it("names the heads of missing hamlets, with phones for the ward's officials only", async () => {
    bench = await startTelegramBench({ start: new Date("2026-11-30T04:00:00Z") });
    const { store } = bench.app.deps;
    await store.units.saveMany(
      (await store.units.list())
        .filter((u) => u.parent === "thuc-phan")
        .map((u) => ({ ...u, reportingFrom: "2026-01-05" })),
    );
    for (const hamlet of (await store.units.list()).filter((u) => u.parent === "thuc-phan")) {
      if (hamlet.id !== "hung-dao.da-quan")
        await store.reports.save(report(hamlet.id, "2026-W48", 10));
    }
    await store.members.save({
      id: "head-da-quan",
      name: "Hoàng Thị Cúc",
      phone: "0912345678",
      unitId: "hung-dao.da-quan",
      orgIds: [],
      roles: [{ role: "hamlet_head", unitId: "hung-dao.da-quan", orgIds: [] }],
      locale: "vi",
      active: true,
      optedOut: false,
      identities: [],
      source: "cli",
      createdAt: "2026-01-05T02:00:00.000Z",
    });
    const official = await joinOfficial(bench, "ACDEFG", 4003);
    const women = await joinedBy(
      bench,
      { code: "WMNPQR", roles: ["official"], unitId: "thuc-phan", orgIds: ["hoi-phu-nu"] },
      { id: 4004, firstName: "U4004" },
    );
    bench.clock.now = new Date("2026-11-30T05:31:00Z");
    await runDueJobs(bench);
    const [officialSheet, womenSheet] = await Promise.all([
      waitForSheet(official, "2026-W48"),
      waitForSheet(women, "2026-W48"),
    ]);
    expect(summariesIn(official.chat()).texts[0]?.text).toContain(
      "- Chưa báo cáo: xóm Đà Quận (trưởng xóm Hoàng Thị Cúc, 0912345678).",
    );
    expect(summariesIn(women.chat()).texts[0]?.text).toContain(
      "- Chưa báo cáo: xóm Đà Quận (trưởng xóm Hoàng Thị Cúc).",
    );
    expect(await sheetRows(officialSheet, "Chưa báo cáo")).toEqual([
      ["Xóm", "Xã, phường", "Số tuần chưa báo cáo", "Trưởng xóm", "Số điện thoại"],
      ["Xóm Đà Quận", "Phường Thục Phán", 1, "Hoàng Thị Cúc", "0912345678"],
    ]);
    expect((await sheetRows(womenSheet, "Chưa báo cáo"))[1]).toEqual([
      "Xóm Đà Quận",
      "Phường Thục Phán",
      1,
      "Hoàng Thị Cúc",
    ]);
  });

  it("reaches each official once a week, text then chart then spreadsheet, also across a restart", async () => {
    // Monday 30/11/2026 11:00 in Hanoi: week 48 is over, the summary is due at 12:30.
    bench = await startTelegramBench({ start: new Date("2026-11-30T04:00:00Z") });
    const { store } = bench.app.deps;
    // Every head of Thục Phán has used the assistant since January, so a hamlet without a
    // report is missing, not "no head yet".
    await store.units.saveMany(
      (await store.units.list())
        .filter((u) => u.parent === "thuc-phan")
        .map((u) => ({ ...u, reportingFrom: "2026-01-05" })),
    );
    await store.reports.save(report("hung-dao.nam-phong-2", "2026-W48", 1200));
    await store.reports.save(report("hung-dao.da-quan", "2026-W48", 300));
    const official = await joinOfficial(bench, "ACDEFG", 4001);
    await runDueJobs(bench);
    expect(summariesIn(official.chat()).texts).toHaveLength(0);

    bench.clock.now = new Date("2026-11-30T05:31:00Z");
    await runDueJobs(bench);
    await waitForSheet(official, "2026-W48");
    const week48 = summariesIn(official.chat());
    expect(week48.texts).toHaveLength(1);
    expect(week48.charts).toHaveLength(1);
    expect(week48.sheets.map((m) => m.document?.fileName)).toEqual([
      "tong-hop-thuc-phan-2026-W48.xlsx",
    ]);
    expect(week48.texts[0]?.text).toMatch(
      /^Chào anh\/chị Cán bộ 4001, đây là bản tổng hợp tuần vừa qua\.\n\nTỔNG HỢP TUẦN 23\/11/,
    );
    expect(week48.texts[0]?.text).toContain("Đã báo cáo: 2/9 (22%)");
    const order = [week48.texts[0], week48.charts[0], week48.sheets[0]].map(
      (m) => m?.messageId ?? 0,
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));

    await bench.restart();
    await runDueJobs(bench);
    expect(await bench.app.outbox.progress("summary:2026-W48")).toMatchObject({
      total: 3,
      sent: 3,
    });

    // /summary returns the stored one, unchanged by a report filed afterwards.
    await bench.app.deps.store.reports.save(report("hung-dao.dong-chup", "2026-W48", 50));
    official.command("/summary");
    const fetched = await official.waitForReplies(3);
    expect(fetched[0]?.text).toContain("Đã báo cáo: 2/9 (22%)");
    expect(fetched[2]?.document?.fileName).toBe("tong-hop-thuc-phan-2026-W48.xlsx");
    // A closed week nobody stored is compiled on the spot; a running week has none yet.
    official.command("/summary 2026-W40");
    const [compiled] = await official.waitForReplies(3);
    expect(compiled?.text).toContain("TỔNG HỢP TUẦN 28/09 – 04/10/2026 — Phường Thục Phán");
    official.command("/summary 2026-W49");
    expect((await official.waitForBotMessage()).text).toContain("Chưa có bản tổng hợp tuần");

    bench.clock.now = new Date("2026-12-07T05:31:00Z");
    await runDueJobs(bench);
    await waitForSheet(official, "2026-W49");
    const twoWeeks = summariesIn(official.chat());
    expect(twoWeeks.sheets.map((m) => m.document?.fileName)).toEqual([
      "tong-hop-thuc-phan-2026-W48.xlsx",
      "tong-hop-thuc-phan-2026-W48.xlsx",
      "tong-hop-thuc-phan-2026-W40.xlsx",
      "tong-hop-thuc-phan-2026-W49.xlsx",
    ]);
    expect(twoWeeks.texts.filter((m) => m.text.includes("30/11 – 06/12/2026"))).toHaveLength(1);
  });

  it("catches up at start a summary missed while the bot was down", async () => {
    bench = await startTelegramBench({ start: new Date("2026-11-30T04:00:00Z") });
    const official = await joinOfficial(bench, "ACDEFG", 4002);
    await bench.app.stop();
    // Back on Tuesday 09:00: Monday 12:30 passed while the bot was down.
    bench.clock.now = new Date("2026-12-01T02:00:00Z");
    await bench.restart();
    await waitForSheet(official, "2026-W48");
    const caught = summariesIn(official.chat());
    expect(caught.texts).toHaveLength(1);
    expect(caught.sheets).toHaveLength(1);
  });
});
