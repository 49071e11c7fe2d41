import { describe, expect, it } from "vitest";
import type { CriterionStatus } from "../../../src/domain/criteria.js";
import { reviewData } from "../../../src/features/review/review-choice.js";
import { HAMLET_NTM_CRITERIA } from "../../support/criteria.js";
import { StatusChat } from "../status/status-harness.js";
import {
  ChatWith,
  DA_QUAN,
  filedReport,
  headOf,
  NAM_PHONG_2,
  officialOf,
  person,
  reviewWorld,
} from "./review-harness.js";

/** The 14 criteria of the hamlet NTM set, as shipped. */
const NTM = HAMLET_NTM_CRITERIA.map((id) => `hamlet-ntm/${id}`);

async function setting() {
  const env = await reviewWorld();
  const { world, router } = env;
  const head = await person(world, "thang", [headOf(NAM_PHONG_2)], { name: "Hoàng Văn Thắng" });
  const official = await person(world, "can-bo", [officialOf("hung-dao")]);
  return {
    ...env,
    head: new ChatWith(world, router, head),
    official: new ChatWith(world, router, official),
  };
}

describe("/reports for an official", () => {
  it("is refused, politely, to someone who is not an official", async () => {
    const { head } = await setting();
    await head.command("reports");
    expect(head.lastShown()).toContain("dành cho cán bộ theo dõi");
  });

  it("lists the week's reports of the official's hamlets and those still missing", async () => {
    const { world, official } = await setting();
    await world.store.reports.save(filedReport(NAM_PHONG_2, "2026-W48", "thang"));
    await world.store.reports.save(
      filedReport(DA_QUAN, "2026-W48", "hoa", { review: "accepted", late: true }),
    );
    // Đồng Chúp reports from November (the city set the date); six hamlets have no head yet.
    const dongChup = (await world.store.units.list()).find((u) => u.id === "hung-dao.dong-chup");
    if (dongChup) await world.store.units.saveMany([{ ...dongChup, reportingFrom: "2026-11-02" }]);
    await official.command("reports");
    const listing = official.lastShown();
    expect(listing).toContain("Báo cáo tuần 23/11 – 29/11/2026 — Phường Thục Phán");
    expect(listing).toContain(
      "Đã báo cáo: 2/3 xóm có trưởng xóm dùng trợ lý; 6 xóm chưa có. Chờ duyệt: 1. Trả lại chờ sửa: 0.",
    );
    expect(listing).toContain("• Xóm Nam Phong 2: chờ duyệt");
    expect(listing).toContain("• Xóm Đà Quận: đã duyệt (gửi muộn)");
    expect(listing).toContain("Chưa báo cáo: xóm Đồng Chúp.");
    expect(listing).toContain("Chưa có trưởng xóm dùng trợ lý: xóm Hồng Quang 1, ");
    expect(official.buttons()).toEqual(["Xóm Đà Quận", "Xóm Nam Phong 2", "‹ Tuần trước"]);
  });

  it("reads the week as people name it, and refuses one not yet come", async () => {
    const { world, official } = await setting();
    await world.store.reports.save(filedReport(NAM_PHONG_2, "2026-W47", "thang"));
    await official.command("reports", "tuần trước");
    expect(official.lastShown()).toContain("Báo cáo tuần 16/11 – 22/11/2026");
    expect(official.lastShown()).toContain("• Xóm Nam Phong 2: chờ duyệt");
    await official.command("reports", "2026-W50");
    expect(official.lastShown()).toContain("Tuần đó chưa đến");
    await official.command("reports", "abc");
    expect(official.lastShown()).toContain("Tôi chưa hiểu tuần “abc”");
  });
});

describe("reviewing one report", () => {
  it("shows every value with its unit and accepts it in place", async () => {
    const { world, official } = await setting();
    await world.store.reports.save(
      filedReport(NAM_PHONG_2, "2026-W48", "thang", {
        groups: ["roads", "contributions"],
        values: { roadConcretedM: 1200, roadRepairedM: 0, fundsPeopleMillionVnd: 2 },
        difficulties: "Thiếu xi măng",
      }),
    );
    await official.command("reports");
    await official.press("Xóm Nam Phong 2");
    const card = official.lastShown();
    expect(card).toContain("Báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2");
    expect(card).toContain("người gửi: Hoàng Văn Thắng");
    expect(card).toContain("• Đường bê tông hóa mới: 1.200 m");
    expect(card).toContain("• Nhân dân đóng góp: 2 triệu đồng");
    expect(card).toContain("Khó khăn, kiến nghị: Thiếu xi măng");
    expect(card).toContain("Tình trạng: chờ duyệt.");
    expect(official.buttons()).toEqual(["Duyệt báo cáo", "Trả lại để sửa", "‹ Danh sách tuần"]);

    await official.press("Duyệt báo cáo");
    expect(official.notices()).toContain("Đã duyệt báo cáo.");
    const edited = official.reply.seen.at(-1);
    expect(edited?.kind).toBe("edit");
    expect(official.lastShown()).toContain("Tình trạng: đã duyệt.");
    expect(official.buttons()).toEqual(["Trả lại để sửa", "‹ Danh sách tuần"]);
    const stored = await world.store.reports.get(NAM_PHONG_2, "2026-W48");
    expect(stored).toMatchObject({ review: "accepted", reviewedBy: "can-bo" });
  });

  it("returns it with a comment: still counted, marked; the head is told and corrects it", async () => {
    const { world, official, head, notices } = await setting();
    await world.store.reports.save(filedReport(NAM_PHONG_2, "2026-W48", "thang"));
    await official.command("reports");
    await official.press("Xóm Nam Phong 2");
    await official.press("Trả lại để sửa");
    expect(official.lastShown()).toContain(
      "Anh/chị ghi ý kiến để trưởng xóm sửa báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2.",
    );
    await official.say("Số mét đường chưa đúng, anh kiểm tra lại");
    expect(official.lastShown()).toBe(
      "Đã trả lại báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2. Số liệu vẫn được tính trong tổng hợp, ghi là chờ làm rõ, cho đến khi trưởng xóm sửa.\n" +
        "Trưởng xóm sẽ nhận được ý kiến của anh/chị.",
    );
    const returned = await world.store.reports.get(NAM_PHONG_2, "2026-W48");
    expect(returned).toMatchObject({
      review: "returned",
      reviewComment: "Số mét đường chưa đúng, anh kiểm tra lại",
    });
    const [notice] = await notices();
    expect(notice?.memberId).toBe("thang");
    expect(notice?.text).toBe(
      "Báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2 (số 2026-48-0001) được trả lại để sửa.\n" +
        "Ý kiến của cán bộ: “Số mét đường chưa đúng, anh kiểm tra lại”\n" +
        "Anh/chị bấm Sửa báo cáo để gửi lại. Trong lúc chờ sửa, số liệu vẫn được tính, ghi là chờ làm rõ.",
    );
    expect(notice?.buttons).toEqual(["menu:report"]);

    // Until corrected, the week's totals keep its 1,200 m, marked; it is not "not reported".
    const [status] = await new StatusChat(world, official.member).command("status");
    expect(status?.text).toContain("Báo cáo: 1/1 xóm (100%), trong đó 1 chờ làm rõ.");
    expect(status?.text).toContain("Chờ làm rõ (số liệu vẫn được tính): xóm Nam Phong 2.");
    expect(status?.text).not.toMatch(/Chưa báo cáo:[^\n]*Nam Phong 2/);
    expect(status?.text).toContain("Đường bê tông hóa mới: 1,2 km");

    // The head presses "Sửa báo cáo" and files the week again.
    await head.pressData("menu:report");
    await head.press("Không có gì mới");
    await head.press("Xem lại và gửi");
    await head.press("Gửi báo cáo");
    expect(head.lastShown()).toContain("Đã nhận báo cáo tuần 23/11 – 29/11/2026");
    const corrected = await world.store.reports.get(NAM_PHONG_2, "2026-W48");
    expect(corrected).toMatchObject({ review: "submitted", version: 1 });
    expect(corrected?.reviewComment).toBeUndefined();
  });

  it("refuses a press on a card the head has since replaced, and shows the new one", async () => {
    const { world, official } = await setting();
    await world.store.reports.save(filedReport(NAM_PHONG_2, "2026-W48", "thang"));
    await official.command("reports");
    await official.press("Xóm Nam Phong 2");
    await world.store.reports.save(
      filedReport(NAM_PHONG_2, "2026-W48", "thang", {
        version: 1,
        values: { roadConcretedM: 900 },
      }),
    );
    await official.press("Duyệt báo cáo");
    expect(official.notices()).toContain("Báo cáo này vừa được gửi lại.");
    expect(official.lastShown()).toContain("• Đường bê tông hóa mới: 900 m");
    expect((await world.store.reports.get(NAM_PHONG_2, "2026-W48"))?.review).toBe("submitted");
  });

  it("refuses a forged press for a hamlet outside the official's area", async () => {
    const { world, router } = await setting();
    await world.store.reports.save(filedReport(NAM_PHONG_2, "2026-W48", "thang"));
    const other = new ChatWith(
      world,
      router,
      await person(world, "vq", [officialOf("vinh-quang")]),
    );
    await other.pressData(
      reviewData({ kind: "accept", week: "2026-W48", hamlet: NAM_PHONG_2, version: 0 }),
    );
    expect(other.notices()).toEqual(["Xóm này không thuộc địa bàn anh/chị theo dõi."]);
    expect((await world.store.reports.get(NAM_PHONG_2, "2026-W48"))?.review).toBe("submitted");
  });
});

describe("criteria a report claims", () => {
  async function claimingLastCriterion() {
    const env = await setting();
    const { world } = env;
    const met: CriterionStatus[] = NTM.slice(1).map((criterionId) => ({
      unitId: NAM_PHONG_2,
      criterionId,
      state: "met",
      since: "2026-01-01",
    }));
    await world.store.criteria.setStatuses([
      ...met,
      {
        unitId: NAM_PHONG_2,
        criterionId: "hamlet-ntm/giao-thong",
        state: "claimed",
        since: "2026-11-25",
        reportId: `${NAM_PHONG_2}@2026-W48`,
      },
    ]);
    await world.store.reports.save(
      filedReport(NAM_PHONG_2, "2026-W48", "thang", { criteriaClaimed: ["hamlet-ntm/giao-thong"] }),
    );
    await env.official.command("reports");
    await env.official.press("Xóm Nam Phong 2");
    return env;
  }

  it("stay claimed, not counted, until an official confirms them", async () => {
    const { official } = await claimingLastCriterion();
    const card = official.lastShown();
    expect(card).toContain("• Giao thông (Bộ tiêu chí xóm nông thôn mới): chờ xác nhận");
    expect(card).toContain("Bộ tiêu chí xóm nông thôn mới: đạt 13/14 tiêu chí.");
    expect(official.buttons()).toContain("✓ Đạt: Giao thông");
    expect(official.buttons()).toContain("✗ Chưa đạt: Giao thông");
  });

  it("a confirmed criterion completes the set: the hamlet now meets the NTM standard", async () => {
    const { world, official, notices } = await claimingLastCriterion();
    await official.press("✓ Đạt: Giao thông");
    const status = (await world.store.criteria.statuses(NAM_PHONG_2)).find(
      (s) => s.criterionId === "hamlet-ntm/giao-thong",
    );
    expect(status).toMatchObject({ state: "met", confirmedBy: "can-bo", since: "2026-11-25" });
    expect(official.notices()).toContain(
      "Đã xác nhận đạt: Giao thông (Bộ tiêu chí xóm nông thôn mới).",
    );
    expect(official.lastShown()).toBe(
      "Xóm Nam Phong 2 nay đã đạt đủ 14/14 tiêu chí: Đạt chuẩn nông thôn mới.",
    );
    const card = official.reply.seen.filter((s) => s.kind === "edit").at(-1);
    expect(card?.kind === "edit" && card.message.text).toContain(
      "Bộ tiêu chí xóm nông thôn mới: đạt 14/14 tiêu chí — Đạt chuẩn nông thôn mới.",
    );
    const [notice] = await notices();
    expect(notice?.text).toBe(
      "Tiêu chí Giao thông (Bộ tiêu chí xóm nông thôn mới) của xóm Nam Phong 2 đã được xác nhận đạt. Cảm ơn anh/chị!",
    );
  });

  it("a rejected claim goes back to unmet, and cannot be decided twice", async () => {
    const { world, official } = await claimingLastCriterion();
    const keyboard = official.reply.currentKeyboard();
    await official.press("✗ Chưa đạt: Giao thông");
    const status = (await world.store.criteria.statuses(NAM_PHONG_2)).find(
      (s) => s.criterionId === "hamlet-ntm/giao-thong",
    );
    expect(status?.state).toBe("unmet");
    const confirm = keyboard?.message.choices?.flat().find((c) => c.label === "✓ Đạt: Giao thông");
    await official.pressData(confirm?.data ?? "", keyboard?.messageId);
    expect(official.notices().at(-1)).toBe("Tiêu chí này đã được xử lý rồi.");
    const again = (await world.store.criteria.statuses(NAM_PHONG_2)).find(
      (s) => s.criterionId === "hamlet-ntm/giao-thong",
    );
    expect(again?.state).toBe("unmet");
  });
});
