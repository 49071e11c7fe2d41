import { describe, expect, it } from "vitest";
import {
  ChatWith,
  filedReport,
  headOf,
  NAM_PHONG_2,
  officialOf,
  person,
  reviewWorld,
} from "./review-harness.js";

/** Tuesday 01/12/2026 10:00 in Cao Bằng: week 2026-W48 closed on Monday at noon. */
const TUESDAY = "2026-12-01T03:00:00.000Z";
const DONG_CHUP = "hung-dao.dong-chup";

async function afterTheWeekClosed() {
  const env = await reviewWorld(TUESDAY);
  const { world, router } = env;
  const head = await person(world, "binh", [headOf(DONG_CHUP)], { name: "Nông Văn Bình" });
  const official = await person(world, "can-bo", [officialOf("hung-dao")]);
  return {
    ...env,
    head: new ChatWith(world, router, head),
    official: new ChatWith(world, router, official),
  };
}

/** The head files a "nothing new" report for the week the flow offers under `weekLabel`. */
async function fileNothingNew(head: ChatWith, weekLabel: string): Promise<void> {
  await head.command("report");
  await head.press(weekLabel);
  await head.press("Không có gì mới");
  await head.press("Xem lại và gửi");
  await head.press("Gửi báo cáo");
}

describe("reopening a closed week for a hamlet", () => {
  it("an official reopens last week for a missing hamlet; its head is told and files it late", async () => {
    const { world, official, head, notices } = await afterTheWeekClosed();
    await official.command("reports", "tuần trước");
    expect(official.buttons()).toContain("Mở lại tuần cho xóm Đồng Chúp");

    await official.press("Mở lại tuần cho xóm Đồng Chúp");
    expect(await world.store.reports.isReopened(DONG_CHUP, "2026-W48")).toBe(true);
    expect(official.reply.sent().at(-1)?.message.text).toBe(
      "Đã mở lại tuần 23/11 – 29/11/2026 cho xóm Đồng Chúp và báo cho trưởng xóm: Nông Văn Bình.",
    );
    expect(official.lastShown()).toContain("xóm Đồng Chúp (đã mở lại)");
    expect(official.buttons()).not.toContain("Mở lại tuần cho xóm Đồng Chúp");
    const [notice] = await notices();
    expect(notice).toMatchObject({ memberId: "binh", buttons: ["menu:report"] });
    expect(notice?.text).toBe(
      "Tuần 23/11 – 29/11/2026 đã được mở lại cho xóm Đồng Chúp. Anh/chị có thể gửi báo cáo của tuần đó ngay bây giờ.",
    );

    await fileNothingNew(head, "Tuần trước");
    const filed = await world.store.reports.get(DONG_CHUP, "2026-W48");
    expect(filed).toMatchObject({ late: true, review: "submitted" });
  });

  it("is not offered for this week, nor for a hamlet whose report counts", async () => {
    const { world, official } = await afterTheWeekClosed();
    await world.store.reports.save(filedReport(NAM_PHONG_2, "2026-W48", "thang"));
    await official.command("reports");
    expect(official.lastShown()).toContain("Báo cáo tuần 30/11 – 06/12/2026");
    expect(official.buttons().some((label) => label.startsWith("Mở lại"))).toBe(false);
    await official.press("‹ Tuần trước");
    expect(official.buttons()).not.toContain("Mở lại tuần cho xóm Nam Phong 2");
    expect(official.buttons()).toContain("Mở lại tuần cho xóm Đồng Chúp");
  });

  it("returning last week's report after it closed reopens the week, so the head can correct it", async () => {
    const { world, official, head } = await afterTheWeekClosed();
    await world.store.reports.save(filedReport(DONG_CHUP, "2026-W48", "binh"));
    await official.command("reports", "tuần trước");
    await official.press("Xóm Đồng Chúp");
    await official.press("Trả lại để sửa");
    await official.say("Thiếu số ngày công");
    expect(await world.store.reports.isReopened(DONG_CHUP, "2026-W48")).toBe(true);

    await fileNothingNew(head, "Tuần trước");
    expect(await world.store.reports.get(DONG_CHUP, "2026-W48")).toMatchObject({
      review: "submitted",
      version: 1,
    });
  });
});
