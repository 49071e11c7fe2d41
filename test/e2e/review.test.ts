import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { TelegramUser } from "../../src/testing/telegram/index.js";
import { runCli } from "../support/cli.js";
import { tempDir } from "../support/processes.js";
import { joined as joinedBy, messageWithButton, press, say } from "./support/chat-steps.js";
import { startTelegramBench, type TelegramBench } from "./support/telegram-bench.js";

let bench: TelegramBench;
afterEach(async () => {
  await bench?.stop();
});

/** Wednesday 25/11/2026 10:00 in Cao Bằng (week 23/11 – 29/11). */
const WEDNESDAY = new Date("2026-11-25T03:00:00Z");

async function joined(
  code: string,
  unitId: string,
  role: "hamlet_head" | "official",
  name: string,
) {
  return joinedBy(bench, { code, roles: [role], unitId, name });
}

/** The head files a "nothing new" report, claiming the criteria whose labels are given. */
async function fileReport(head: TelegramUser, claims: string[] = []): Promise<string> {
  head.command("/report");
  await head.waitForBotMessage();
  await press(head, "Không có gì mới");
  if (claims.length > 0) {
    await press(head, "Tiêu chí mới đạt");
    for (const claim of claims) await press(head, claim);
    await press(head, "Xong ✓");
  }
  await press(head, "Xem lại và gửi →");
  return (await press(head, "Gửi báo cáo")).text;
}

describe("an official reviewing reports on Telegram", () => {
  it("returns a report with a comment: the head gets it, corrects it, and it counts again", async () => {
    bench = await startTelegramBench({ start: WEDNESDAY });
    const official = await joined("CANBOX", "hung-dao", "official", "Cán bộ xã");
    const head = await joined("HEADNP", "hung-dao.nam-phong-2", "hamlet_head", "Thắng");
    expect(await fileReport(head)).toContain("Đã nhận báo cáo");

    official.command("/reports");
    const listing = await official.waitForBotMessage();
    expect(listing.text).toContain("• Xóm Nam Phong 2: chờ duyệt");
    const card = await press(official, "Xóm Nam Phong 2");
    expect(card.text).toContain("Báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2");
    expect(card.text).toContain("Tuần này xóm không có gì mới.");
    const ask = await press(official, "Trả lại để sửa");
    expect(ask.text).toContain("Anh/chị ghi ý kiến để trưởng xóm sửa báo cáo");
    const done = await say(official, "Tuần này xóm có làm đường, anh báo lại giúp");
    expect(done.text).toContain("Đã trả lại báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2.");

    const notice = await head.waitForBotMessage((m) => m.text.includes("được trả lại"));
    expect(notice.text).toContain(
      "Ý kiến của cán bộ: “Tuần này xóm có làm đường, anh báo lại giúp”",
    );
    expect(notice.buttons).toEqual([["Sửa báo cáo"]]);

    official.command("/reports");
    expect((await official.waitForBotMessage()).text).toContain(
      "• Xóm Nam Phong 2: đã trả lại, chờ sửa",
    );

    head.press(notice.messageId, "Sửa báo cáo");
    await head.waitForBotMessage((m) => m.text.includes("Báo cáo tuần"));
    await press(head, "Đường giao thông");
    await press(head, "Xong ✓");
    await say(head, "300");
    await say(head, "0");
    await press(head, "Xem lại và gửi →");
    expect((await press(head, "Gửi báo cáo")).text).toContain("Đã nhận báo cáo");

    official.command("/reports");
    const after = await official.waitForBotMessage();
    expect(after.text).toContain("• Xóm Nam Phong 2: chờ duyệt");
    // Only Nam Phong 2 has a head using the assistant: the eight others are not "missing".
    expect(after.text).toContain(
      "Đã báo cáo: 1/1 xóm có trưởng xóm dùng trợ lý; 8 xóm chưa có. Chờ duyệt: 1.",
    );
    expect(after.text).toContain("Chưa có trưởng xóm dùng trợ lý: xóm Đà Quận, ");
    expect(after.text).not.toContain("Chưa báo cáo:");
  });

  it("shows the official the report's evidence photos with its card", async () => {
    bench = await startTelegramBench({ start: WEDNESDAY });
    const official = await joined("CANBOX", "hung-dao", "official", "Cán bộ xã");
    const head = await joined("HEADNP", "hung-dao.nam-phong-2", "hamlet_head", "Thắng");
    head.command("/report");
    await head.waitForBotMessage();
    await press(head, "Không có gì mới");
    await press(head, "Gửi ảnh");
    for (const n of [1, 2]) {
      head.sendPhoto();
      await head.waitForBotMessage((m) => m.text.includes(`Đã nhận ${n}/5 ảnh`));
    }
    await press(head, "Xong ✓");
    await press(head, "Xem lại và gửi →");
    expect((await press(head, "Gửi báo cáo")).text).toContain("Đã nhận báo cáo");

    official.command("/reports");
    await official.waitForBotMessage();
    const card = await press(official, "Xóm Nam Phong 2");
    expect(card.text).toContain("Ảnh gửi kèm: 2.");
    expect(card.buttons.flat()).toContain("Duyệt báo cáo");
    const photos = official
      .chat()
      .filter((m) => m.from === "bot" && m.photo !== undefined && m.messageId < card.messageId);
    expect(photos.map((m) => m.text)).toEqual([
      "Ảnh 1/2 gửi kèm báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2",
      "Ảnh 2/2 gửi kèm báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2",
    ]);
    const sent = head.chat().filter((m) => m.from === "user" && m.photo !== undefined);
    expect(photos.map((m) => Buffer.from(m.photo?.bytes ?? []))).toEqual(
      sent.map((m) => Buffer.from(m.photo?.bytes ?? [])),
    );
  });

  it("a criterion confirmed by the official makes the hamlet meet the NTM standard", async () => {
    bench = await startTelegramBench({ start: WEDNESDAY });
    const official = await joined("CANBOX", "hung-dao", "official", "Cán bộ xã");
    const head = await joined("HEADNP", "hung-dao.nam-phong-2", "hamlet_head", "Thắng");
    // The starting state, recorded by the administrator while the bot runs: 13 of 14 met.
    const csv = join(await tempDir(), "criteria.csv");
    const met = ["dien", "nha-o", "van-hoa", "thong-tin", "san-xuat", "lao-dong", "thu-nhap"]
      .concat(["ngheo-da-chieu", "giao-duc", "y-te", "moi-truong", "he-thong-chinh-tri"])
      .concat(["an-ninh-trat-tu"]);
    await writeFile(
      csv,
      [
        "unit,criterion,state,date",
        ...met.map((id) => `hung-dao.nam-phong-2,hamlet-ntm/${id},met,2025-06-30`),
      ].join("\n"),
    );
    const imported = await runCli(["criteria", "import", csv], { DATA_DIR: bench.dataDir });
    expect(imported.stdout).toContain("Đã thêm 13");

    expect(await fileReport(head, ["Giao thông"])).toContain("Đã nhận báo cáo");
    official.command("/reports");
    await official.waitForBotMessage();
    const card = await press(official, "Xóm Nam Phong 2");
    expect(card.text).toContain("• Giao thông (Bộ tiêu chí xóm nông thôn mới): chờ xác nhận");
    expect(card.text).toContain("Bộ tiêu chí xóm nông thôn mới: đạt 13/14 tiêu chí.");

    official.press(card.messageId, "✓ Đạt: Giao thông");
    const reached = await official.waitForBotMessage((m) => m.text.includes("nay đã đạt"));
    expect(reached.text).toBe(
      "Xóm Nam Phong 2 nay đã đạt đủ 14/14 tiêu chí: Đạt chuẩn nông thôn mới.",
    );
    const updated = official.chat().find((m) => m.messageId === card.messageId);
    expect(updated?.text).toContain(
      "Bộ tiêu chí xóm nông thôn mới: đạt 14/14 tiêu chí — Đạt chuẩn nông thôn mới.",
    );
    const told = await head.waitForBotMessage((m) => m.text.includes("xác nhận đạt"));
    expect(told.text).toContain("Tiêu chí Giao thông (Bộ tiêu chí xóm nông thôn mới)");
  });

  it("reopens last week for a missing hamlet after it closed; the head then files it late", async () => {
    bench = await startTelegramBench({ start: WEDNESDAY });
    const official = await joined("CANBOX", "hung-dao", "official", "Cán bộ xã");
    const head = await joined("HEADDC", "hung-dao.dong-chup", "hamlet_head", "Bình");

    // Tuesday 01/12 10:00: last week closed on Monday at noon.
    bench.clock.now = new Date("2026-12-01T03:00:00Z");
    head.command("/report");
    const closed = await head.waitForBotMessage();
    expect(closed.text).toContain("Báo cáo tuần 30/11 – 06/12/2026");

    official.command("/reports tuần trước");
    await official.waitForBotMessage();
    await press(official, "Mở lại tuần cho xóm Đồng Chúp");
    const notice = await head.waitForBotMessage((m) => m.text.includes("đã được mở lại"));
    expect(notice.text).toBe(
      "Tuần 23/11 – 29/11/2026 đã được mở lại cho xóm Đồng Chúp. Anh/chị có thể gửi báo cáo của tuần đó ngay bây giờ.",
    );

    head.command("/cancel");
    await head.waitForBotMessage();
    head.press(notice.messageId, "Báo cáo ngay");
    const which = await head.waitForBotMessage((m) => m.text.includes("tuần nào"));
    const reopened = which.buttons.flat().find((label) => label.includes("đã được mở lại"));
    expect(reopened).toBe("Tuần trước (23/11 – 29/11/2026), đã được mở lại");
    await press(head, reopened ?? "");
    await press(head, "Không có gì mới");
    await press(head, "Xem lại và gửi →");
    await press(head, "Gửi báo cáo");
    const stored = await bench.app.deps.store.reports.get("hung-dao.dong-chup", "2026-W48");
    expect(stored).toMatchObject({ late: true, review: "submitted" });
    const listing = messageWithButton(official, "Mở lại tuần cho xóm Đà Quận");
    expect(listing.text).toContain("xóm Đồng Chúp (đã mở lại)");
    expect(listing.buttons.flat()).not.toContain("Mở lại tuần cho xóm Đồng Chúp");
  });
});
