import { describe, expect, it } from "vitest";
import { Outbox } from "../../../src/delivery/outbox.js";
import { sendEscalations } from "../../../src/features/reminders/escalation-job.js";
import { openWorld, type World } from "../../dialog/harness.js";
import { filedReport, headOf, officialOf, person } from "../review/review-harness.js";

/** Monday 30/11/2026 09:00 in Cao Bằng: last week is 2026-W48, late reports taken until noon. */
const MONDAY_0900 = new Date("2026-11-30T02:00:00.000Z");
const HUNG_DAO_HAMLETS = [
  "hung-dao.pho-cao-binh",
  "hung-dao.da-quan",
  "hung-dao.dong-chup",
  "hung-dao.hong-quang-1",
  "hung-dao.hong-quang-2",
  "hung-dao.ngoc-quyen",
  "hung-dao.nam-phong-1",
  "hung-dao.nam-phong-2",
  "hung-dao.nam-phong-3",
];

async function escalations(world: World) {
  const items = await world.store.outbox.list("escalation:2026-W48:2026-11-30T09:00");
  return Promise.all(
    items.map(async (item) => {
      const payload = await world.store.outbox.payload(item.payloadId);
      return { ...item, text: payload?.text ?? "", choices: payload?.choices?.flat() ?? [] };
    }),
  );
}

/** Everyone in Hưng Đạo reported last week except Đồng Chúp and Đà Quận (returned). */
async function weekWithTwoMissing(world: World): Promise<void> {
  for (const hamlet of HUNG_DAO_HAMLETS) {
    if (hamlet === "hung-dao.dong-chup") continue;
    const returned = hamlet === "hung-dao.da-quan";
    await world.store.reports.save(
      filedReport(hamlet, "2026-W48", "someone", returned ? { review: "returned" } : {}),
    );
  }
}

function outboxOf(world: World) {
  return new Outbox({
    store: world.store,
    now: world.clock.now,
    quietHours: null,
    timeZone: world.deps.config.timeZone,
  });
}

describe("the Monday escalation to officials", () => {
  it("lists, by commune, the hamlets still missing last week with their heads, and those with no head apart", async () => {
    const world = await openWorld(MONDAY_0900.toISOString());
    await weekWithTwoMissing(world);
    await world.store.units.saveMany([
      {
        id: "vinh-quang.khau-dang",
        kind: "hamlet",
        name: "Xóm Khau Đắng",
        parent: "vinh-quang",
        source: "cli",
        active: true,
      },
    ]);
    await person(world, "xa", [officialOf("hung-dao")]);
    await person(world, "thanh-pho", [officialOf("cao-bang")]);
    await person(world, "vq", [officialOf("vinh-quang")], { locale: "en" });
    await person(world, "truong-xom", [headOf("hung-dao.dong-chup")], {
      name: "Nông Văn Tư",
      phone: "0912345678",
    });

    const run = await sendEscalations(world.deps, outboxOf(world), MONDAY_0900);

    // Xóm Khau Đắng has no head using the assistant: it is named, not chased, and Vĩnh Quang's
    // official, who has nothing else missing, gets no escalation.
    expect(run).toMatchObject({ week: "2026-W48", queued: 2 });
    const items = await escalations(world);
    expect(items.map((i) => i.memberId).sort()).toEqual(["thanh-pho", "xa"]);
    expect(items.find((i) => i.memberId === "xa")?.text).toBe(
      "Tuần 23/11 – 29/11/2026 còn 2 xóm chưa có báo cáo:\n" +
        "Phường Thục Phán: xóm Đà Quận (bị trả lại, chưa sửa), Đồng Chúp (trưởng xóm Nông Văn Tư, 0912345678).\n" +
        "Báo cáo muộn còn được nhận đến 12:00 ngày 30/11. Anh/chị nhắc các trưởng xóm giúp nhé.",
    );
    expect(items.find((i) => i.memberId === "xa")?.choices).toEqual([
      { data: "rv:l:2026-W48", label: "Xem báo cáo tuần đó" },
    ]);
    expect(items.find((i) => i.memberId === "thanh-pho")?.text).toContain(
      "còn 2 xóm chưa có báo cáo:\nPhường Thục Phán: xóm Đà Quận (bị trả lại, chưa sửa), Đồng Chúp (trưởng xóm Nông Văn Tư, 0912345678).\n" +
        "Chưa có trưởng xóm dùng trợ lý (không tính là chưa báo cáo): xóm Khau Đắng.\n",
    );
  });

  it("sends nothing to an official whose hamlets all reported, nor twice for one slot", async () => {
    const world = await openWorld(MONDAY_0900.toISOString());
    await weekWithTwoMissing(world);
    await person(world, "xa", [officialOf("hung-dao")]);
    await person(world, "nam-phong", [officialOf("hung-dao.nam-phong-2")]);
    const outbox = outboxOf(world);
    expect(await sendEscalations(world.deps, outbox, MONDAY_0900)).toMatchObject({ queued: 1 });
    expect(await sendEscalations(world.deps, outbox, MONDAY_0900)).toMatchObject({ queued: 0 });
    expect((await escalations(world)).map((i) => i.memberId)).toEqual(["xa"]);
  });

  it("is not sent at all once the week has closed at noon", async () => {
    const world = await openWorld("2026-11-30T05:00:00.000Z");
    await person(world, "xa", [officialOf("hung-dao")]);
    const run = await sendEscalations(world.deps, outboxOf(world), MONDAY_0900);
    expect(run.skipped).toBe("week-closed");
    expect(await escalations(world)).toHaveLength(0);
  });
});
