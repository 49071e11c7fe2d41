import { afterEach, describe, expect, it } from "vitest";
import type { HamletReport } from "../../src/domain/report.js";
import { reportId } from "../../src/domain/report.js";
import type { TelegramUser } from "../../src/testing/telegram/index.js";
import { joined as joinedBy } from "./support/chat-steps.js";
import { startTelegramBench, type TelegramBench } from "./support/telegram-bench.js";

let bench: TelegramBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

function report(hamletId: string, week: string, values: Record<string, number>): HamletReport {
  return {
    id: reportId(hamletId, week),
    hamletId,
    week,
    receipt: `${week}-${hamletId}`,
    authorId: `head-${hamletId}`,
    groups: [],
    values,
    criteriaClaimed: [],
    photos: [],
    submittedAt: "2026-11-24T03:00:00.000Z",
    late: false,
    review: "submitted",
    version: 0,
  };
}

/** Hưng Đạo's week 48 with Đà Quận missing, and a Vĩnh Quang hamlet (imported by the city) that reported. */
async function seed(b: TelegramBench): Promise<void> {
  const { store } = b.app.deps;
  // Every head of Thục Phán has used the assistant since January, so a hamlet without a
  // report is missing, not "no head yet".
  await store.units.saveMany(
    (await store.units.list())
      .filter((u) => u.parent === "thuc-phan")
      .map((u) => ({ ...u, reportingFrom: "2026-01-05" })),
  );
  await store.units.saveMany([
    {
      id: "vinh-quang.na-cap",
      kind: "hamlet",
      name: "Xóm Nà Cáp",
      parent: "vinh-quang",
      source: "cli",
      active: true,
    },
  ]);
  const hamlets = (await store.units.list()).filter(
    (u) => u.parent === "thuc-phan" && u.id !== "hung-dao.da-quan",
  );
  for (const hamlet of hamlets) {
    await store.reports.save(
      report(hamlet.id, "2026-W48", { roadConcretedM: 300, treesPlanted: 50 }),
    );
  }
  await store.reports.save(report("vinh-quang.na-cap", "2026-W48", { roadConcretedM: 777 }));
}

async function join(
  b: TelegramBench,
  code: string,
  role: "official" | "hamlet_head",
  unitId: string,
  id: number,
): Promise<TelegramUser> {
  return joinedBy(
    b,
    { code, roles: [role], unitId, name: `Cán bộ ${id}` },
    { id, firstName: `U${id}` },
  );
}

/** Đà Quận's head, put in by the city with her phone number; she has not reported this week. */
async function seedDaQuanHead(b: TelegramBench): Promise<void> {
  await b.app.deps.store.members.save({
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
}

describe("/status on Telegram", () => {
  it("names the missing hamlet's head with her phone for the ward's official, without it for an organisation's", async () => {
    bench = await startTelegramBench();
    await seed(bench);
    await seedDaQuanHead(bench);
    const official = await join(bench, "ACDEFG", "official", "thuc-phan", 3001);
    official.command("/status");
    const [text] = await official.waitForReplies(2);
    expect(text?.text).toContain(
      "Chưa báo cáo: xóm Đà Quận (trưởng xóm Hoàng Thị Cúc, 0912345678).",
    );

    const women = await joinedBy(
      bench,
      { code: "WMNPQR", roles: ["official"], unitId: "thuc-phan", orgIds: ["hoi-phu-nu"] },
      { id: 3005, firstName: "U3005" },
    );
    women.command("/status");
    const [seen] = await women.waitForReplies(2);
    expect(seen?.text).toContain("Chưa báo cáo: xóm Đà Quận (trưởng xóm Hoàng Thị Cúc).");
    expect(seen?.text).not.toContain("0912345678");
  });

  it("gives a Hưng Đạo official the text, a PNG chart and buttons, and drills down to a hamlet", async () => {
    bench = await startTelegramBench();
    await seed(bench);
    const official = await join(bench, "ACDEFG", "official", "thuc-phan", 3001);

    official.command("/status");
    const [text, chart] = await official.waitForReplies(2);
    expect(text?.text).toContain("Phường Thục Phán — tuần 23/11 – 29/11/2026");
    expect(text?.text).toContain("Báo cáo: 8/9 xóm (89%). Chưa báo cáo: xóm Đà Quận.");
    expect(text?.text).toContain("Đường bê tông hóa mới: 2,4 km");
    expect(text?.text).not.toContain("777");
    expect(chart?.photo?.bytes.subarray(1, 4)).toEqual(new Uint8Array(Buffer.from("PNG")));
    expect(chart?.buttons).toEqual([["Theo từng xóm"], ["◀ Tuần trước"], ["Tải bảng tính"]]);

    official.press(chart?.messageId ?? 0, "Theo từng xóm");
    const list = await official.waitForBotMessage();
    expect(list.buttons.flat()).toHaveLength(9);
    official.press(list.messageId, "Xóm Nam Phong 2 · 1/1");
    const [hamletText, hamletChart] = await official.waitForReplies(2);
    expect(hamletText?.text).toContain("Xóm Nam Phong 2 — tuần 23/11 – 29/11/2026");
    expect(hamletText?.text).toContain("Báo cáo gần đây:");
    expect(hamletText?.text).toContain("Tiêu chí:");
    expect(hamletChart?.photo).toBeDefined();
    expect(hamletChart?.buttons[0]).toEqual(["Xem cả phường Thục Phán"]);

    official.press(hamletChart?.messageId ?? 0, "Tải bảng tính");
    const sheet = await official.waitForBotMessage();
    expect(sheet.document?.fileName).toBe("tong-hop-hung-dao-nam-phong-2-2026-W48.xlsx");
  });

  it("on Monday morning, while late reports still come in, answers about last week", async () => {
    bench = await startTelegramBench({ start: new Date("2026-11-30T02:00:00Z") }); // Mon 09:00
    await seed(bench);
    const official = await join(bench, "ACDEFH", "official", "thuc-phan", 3002);
    official.command("/status");
    const [text] = await official.waitForReplies(2);
    expect(text?.text).toContain("Phường Thục Phán — tuần 23/11 – 29/11/2026");
    expect(text?.text).toContain("Báo cáo: 8/9 xóm (89%)");

    bench.clock.now = new Date("2026-11-30T06:00:00Z"); // Monday 13:00: last week is closed
    official.command("/status");
    const [after] = await official.waitForReplies(2);
    expect(after?.text).toContain("tuần 30/11 – 06/12/2026");
  });

  it("refuses Vĩnh Quang to a Hưng Đạo official, by name or by forged button data", async () => {
    bench = await startTelegramBench();
    await seed(bench);
    const official = await join(bench, "ACDEFG", "official", "thuc-phan", 3001);
    for (const typed of ["/status vinh quang", "/status Xóm Nà Cáp"]) {
      official.command(typed);
      const refused = await official.waitForBotMessage();
      expect(refused.text).toContain("nằm ngoài địa bàn anh/chị phụ trách");
      expect(refused.photo).toBeUndefined();
    }
    official.command("/status");
    const [, chart] = await official.waitForReplies(2);
    official.pressRaw(chart?.messageId ?? 0, "st:s:vinh-quang.na-cap:2026-W48");
    const forged = await official.waitForBotMessage();
    expect(forged.text).toBe(
      "Xóm Nà Cáp nằm ngoài địa bàn anh/chị phụ trách, nên trợ lý không hiển thị số liệu ở đó.",
    );
  });

  it("refuses a hamlet head", async () => {
    bench = await startTelegramBench();
    await seed(bench);
    const head = await join(bench, "HKMNPQ", "hamlet_head", "hung-dao.nam-phong-2", 3002);
    head.command("/status");
    const refused = await head.waitForBotMessage();
    expect(refused.text).toContain("chỉ dành cho cán bộ theo dõi phong trào");
    head.command("/summary");
    expect((await head.waitForBotMessage()).text).toContain(
      "chỉ dành cho cán bộ theo dõi phong trào",
    );
  });
});
