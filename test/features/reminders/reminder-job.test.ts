import { describe, expect, it } from "vitest";
import { Outbox } from "../../../src/delivery/outbox.js";
import { sendReminders } from "../../../src/features/reminders/reminder-job.js";
import { openWorld, type World } from "../../dialog/harness.js";
import { DA_QUAN, filedReport, headOf, NAM_PHONG_2, person } from "../review/review-harness.js";

/** Friday 27/11/2026 08:00 in Cao Bằng, the first default reminder slot of week 2026-W48. */
const FRIDAY_0800 = new Date("2026-11-27T01:00:00.000Z");
const DONG_CHUP = "hung-dao.dong-chup";

async function queued(world: World) {
  const items = await world.store.outbox.list("reminder:2026-W48:2026-11-27T08:00");
  return Promise.all(
    items.map(async (item) => {
      const payload = await world.store.outbox.payload(item.payloadId);
      return { ...item, text: payload?.text ?? "", choices: payload?.choices?.flat() ?? [] };
    }),
  );
}

function outboxOf(world: World, quiet: { start: number; end: number } | null = null) {
  return new Outbox({
    store: world.store,
    now: world.clock.now,
    quietHours: quiet,
    timeZone: world.deps.config.timeZone,
  });
}

describe("the Friday and Sunday reminders", () => {
  it("go only to reachable heads whose hamlet has no report that counts, opted-out heads included", async () => {
    const world = await openWorld(FRIDAY_0800.toISOString());
    await person(world, "thang", [headOf(NAM_PHONG_2)]);
    await person(world, "hoa", [headOf(DA_QUAN)]);
    await person(world, "binh", [headOf(DONG_CHUP)], { optedOut: true });
    await person(world, "paused", [headOf("hung-dao.ngoc-quyen")], { active: false });
    await person(world, "unbound", [headOf("hung-dao.nam-phong-1")], { identities: [] });
    await person(world, "lan", [headOf("hung-dao.hong-quang-1")]);
    await person(world, "blocked", [headOf("hung-dao.nam-phong-3")], {
      identities: [
        {
          channel: "telegram",
          chatId: "chat-blocked",
          boundAt: "2026-01-01T00:00:00.000Z",
          lastSeenAt: "2026-01-01T00:00:00.000Z",
          unreachable: { since: "2026-11-20T00:00:00.000Z", reason: "blocked" },
        },
      ],
    });
    await world.store.reports.save(filedReport(DA_QUAN, "2026-W48", "hoa"));
    await world.store.reports.save(
      filedReport("hung-dao.hong-quang-1", "2026-W48", "lan", {
        review: "returned",
        reviewComment: "Thiếu số liệu",
      }),
    );

    const run = await sendReminders(world.deps, outboxOf(world), FRIDAY_0800);

    expect(run).toMatchObject({ week: "2026-W48", queued: 3, due: 3 });
    const items = await queued(world);
    expect(items.map((i) => i.memberId).sort()).toEqual(["binh", "lan", "thang"]);
    const thang = items.find((i) => i.memberId === "thang");
    expect(thang?.text).toBe(
      "Xóm Nam Phong 2 chưa có báo cáo tuần này (23/11 – 29/11/2026).\n" +
        "Anh/chị dành một phút báo cáo nhé.",
    );
    expect(thang?.choices).toEqual([{ data: "menu:report", label: "Báo cáo ngay" }]);
    expect(thang?.urgent).toBe(false);
    expect(items.find((i) => i.memberId === "lan")?.text).toContain("đã được trả lại để sửa");
  });

  it("call a head by salutation and given name once known", async () => {
    const world = await openWorld(FRIDAY_0800.toISOString());
    await person(world, "thang", [headOf(NAM_PHONG_2)], {
      name: "Hoàng Văn Thắng",
      salutation: "anh",
    });
    await person(world, "tinh", [headOf(DA_QUAN)], { name: "Lương Văn Tình", salutation: "bác" });

    await sendReminders(world.deps, outboxOf(world), FRIDAY_0800);

    const items = await queued(world);
    expect(items.find((i) => i.memberId === "thang")?.text).toBe(
      "Xóm Nam Phong 2 chưa có báo cáo tuần này (23/11 – 29/11/2026).\n" +
        "Anh Thắng dành một phút báo cáo nhé.",
    );
    expect(items.find((i) => i.memberId === "tinh")?.text).toContain(
      "Bác Tình dành một phút báo cáo nhé.",
    );
  });

  it("a second run of the same slot queues nothing more", async () => {
    const world = await openWorld(FRIDAY_0800.toISOString());
    await person(world, "thang", [headOf(NAM_PHONG_2)]);
    const outbox = outboxOf(world);
    await sendReminders(world.deps, outbox, FRIDAY_0800);
    world.clock.set("2026-11-27T01:30:00.000Z");
    const again = await sendReminders(world.deps, outbox, FRIDAY_0800);
    expect(again).toMatchObject({ queued: 0, due: 1 });
    expect(await queued(world)).toHaveLength(1);
  });

  it("a head of two hamlets gets one message naming the one still missing, in their language", async () => {
    const world = await openWorld(FRIDAY_0800.toISOString());
    await person(world, "both", [headOf(NAM_PHONG_2), headOf(DA_QUAN), headOf(DONG_CHUP)], {
      locale: "en",
    });
    await world.store.reports.save(filedReport(DA_QUAN, "2026-W48", "both"));
    await sendReminders(world.deps, outboxOf(world), FRIDAY_0800);
    const [only, ...rest] = await queued(world);
    expect(rest).toHaveLength(0);
    expect(only?.text).toBe(
      "These hamlets have no report yet for this week (23 Nov – 29 Nov 2026):\n" +
        "• Đồng Chúp hamlet\n" +
        "• Nam Phong 2 hamlet\n" +
        "Please take a minute to report.",
    );
    expect(only?.choices[0]?.label).toBe("Report now");
  });

  it("inside quiet hours the reminder waits for their end instead of being dropped", async () => {
    const world = await openWorld(FRIDAY_0800.toISOString());
    await person(world, "thang", [headOf(NAM_PHONG_2)]);
    // Quiet from 07:30 to 09:00: the 08:00 reminder is held until 09:00 local (02:00 UTC).
    await sendReminders(world.deps, outboxOf(world, { start: 450, end: 540 }), FRIDAY_0800);
    const [item] = await queued(world);
    expect(item?.state).toBe("queued");
    expect(item?.notBefore).toBe("2026-11-27T02:00:00.000Z");
  });

  it("sends nothing once the week it is about is over", async () => {
    const world = await openWorld("2026-11-30T01:00:00.000Z");
    await person(world, "thang", [headOf(NAM_PHONG_2)]);
    const run = await sendReminders(world.deps, outboxOf(world), FRIDAY_0800);
    expect(run.skipped).toBe("week-over");
    expect(await queued(world)).toHaveLength(0);
  });
});
