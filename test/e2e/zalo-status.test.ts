import { afterEach, describe, expect, it } from "vitest";
import { type HamletReport, reportId } from "../../src/domain/report.js";
import { freePort } from "../../src/testing/free-port.js";
import { generatePng } from "../../src/testing/telegram/sample-image.js";
import type { ZaloChatMessage, ZaloEmulatorUser } from "../../src/testing/zalo/index.js";
import { numberOf } from "./support/report-script.js";
import { startZaloBench, type ZaloBench } from "./support/zalo-bench.js";

const SECRET = "zalo-webhook-secret-0123456789";
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let bench: ZaloBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

function report(hamletId: string, values: Record<string, number>): HamletReport {
  return {
    id: reportId(hamletId, "2026-W48"),
    hamletId,
    week: "2026-W48",
    receipt: `2026-48-${hamletId}`,
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

/** Week 48 of Hưng Đạo: every hamlet but Đà Quận reported 300 m of new road. */
async function seed(b: ZaloBench): Promise<void> {
  const { store } = b.app.deps;
  // Every head of Thục Phán has used the assistant since January, so a hamlet without a
  // report is missing, not "no head yet".
  await store.units.saveMany(
    (await store.units.list())
      .filter((u) => u.parent === "thuc-phan")
      .map((u) => ({ ...u, reportingFrom: "2026-01-05" })),
  );
  const hamlets = (await store.units.list()).filter(
    (u) => u.parent === "thuc-phan" && u.id !== "hung-dao.da-quan",
  );
  for (const hamlet of hamlets) {
    await store.reports.save(report(hamlet.id, { roadConcretedM: 300 }));
  }
}

/** Starts the bot on Zalo (in webhook mode when `publicUrl`), seeded, with one joined person. */
async function start(
  role: "official" | "hamlet_head",
  unitId: string,
  publicUrl: boolean,
): Promise<{ b: ZaloBench; user: ZaloEmulatorUser; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const b = await startZaloBench({
    emulator: { verifyPhotos: true },
    env: publicUrl ? { PUBLIC_URL: base, WEBHOOK_SECRET: SECRET, PORT: String(port) } : {},
  });
  bench = b;
  await seed(b);
  await b.invite({ code: "K7PM3Q", roles: [role], unitId, name: "Lục Văn Minh" });
  const user = b.emulator.user({ displayName: "Minh" });
  await user.send("K7PM3Q");
  await user.waitForBotMessage();
  return { b, user, base };
}

/** Sends a text and resolves with the bot's next `count` messages. */
async function ask(user: ZaloEmulatorUser, text: string, count: number) {
  await user.send(text);
  const replies: ZaloChatMessage[] = [];
  for (let i = 0; i < count; i++) replies.push(await user.waitForBotMessage());
  return replies;
}

describe("/status on Zalo", () => {
  it("'tình hình' gives an official the text, then the chart as a link that serves the PNG", async () => {
    const { b, user, base } = await start("official", "thuc-phan", true);
    const [text, chart] = await ask(user, "tình hình", 2);
    expect(text?.kind).toBe("text");
    expect(text?.text).toContain("Phường Thục Phán — tuần 23/11 – 29/11/2026");
    expect(text?.text).toContain("Báo cáo: 8/9 xóm (89%). Chưa báo cáo: xóm Đà Quận.");
    expect(text?.text).toContain("Đường bê tông hóa mới: 2,4 km");

    expect(chart?.kind).toBe("photo");
    expect(chart?.photoUrl).toMatch(new RegExp(`^${base}/files/[0-9a-f]{64}\\.png$`));
    // The chart's buttons are numbered lines under it.
    expect(chart?.caption).toContain("1. Theo từng xóm");
    const served = await fetch(chart?.photoUrl ?? "");
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    const bytes = Buffer.from(await served.arrayBuffer());
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(bytes.length).toBeGreaterThan(1000);
    expect(b.emulator.calls({ method: "sendPhoto", outcome: "ok" })).toHaveLength(1);

    // A number under the chart drills down: the hamlets, then one hamlet's week.
    const [hamlets] = await ask(user, String(numberOf(user, "Theo từng xóm")), 1);
    expect(hamlets?.text).toContain("Xóm Nam Phong 2 · 1/1");
    const line = /(\d+)\. Xóm Nam Phong 2 ·/.exec(hamlets?.text ?? "")?.[1] ?? "";
    const [hamletText, hamletChart] = await ask(user, line, 2);
    expect(hamletText?.text).toContain("Xóm Nam Phong 2 — tuần 23/11 – 29/11/2026");
    expect(hamletChart?.kind).toBe("photo");
    expect((await fetch(hamletChart?.photoUrl ?? "")).status).toBe(200);
  });

  it("'/status' answers the same, and the spreadsheet comes as a download link", async () => {
    const { user, base } = await start("official", "thuc-phan", true);
    const [text, chart] = await ask(user, "/status", 2);
    expect(text?.text).toContain("Báo cáo: 8/9 xóm (89%)");
    expect(chart?.kind).toBe("photo");
    const [sheet] = await ask(user, String(numberOf(user, "Tải bảng tính")), 1);
    const url = new RegExp(`${base}/files/[0-9a-f]{64}\\.xlsx`).exec(sheet?.text ?? "")?.[0];
    expect(url, sheet?.text).toBeDefined();
    const served = await fetch(url ?? "");
    expect(served.status).toBe(200);
    // An XLSX file is a ZIP archive.
    expect(
      Buffer.from(await served.arrayBuffer())
        .subarray(0, 2)
        .toString("latin1"),
    ).toBe("PK");
  });

  it("without PUBLIC_URL the chart's place says how to see it instead; no photo is sent", async () => {
    const { b, user } = await start("official", "thuc-phan", false);
    const [text, note] = await ask(user, "tình hình", 2);
    expect(text?.text).toContain("Báo cáo: 8/9 xóm (89%)");
    expect(note?.kind).toBe("text");
    expect(note?.text).toContain("Ảnh kèm theo chưa gửi được qua Zalo");
    expect(note?.text).toContain("nhờ cán bộ quản trị gửi giúp");
    expect(note?.text).not.toContain("Telegram");
    expect(b.emulator.calls({ method: "sendPhoto" })).toHaveLength(0);
  });

  it("sends an official the photos of a report they open, by served link, before its card", async () => {
    const { b, user, base } = await start("official", "thuc-phan", true);
    const { store } = b.app.deps;
    const photo = generatePng(7);
    await store.files.put("reports/hung-dao.nam-phong-2@2026-W48/a.png", {
      bytes: photo,
      mimeType: "image/png",
    });
    const filed = await store.reports.get("hung-dao.nam-phong-2", "2026-W48");
    await store.reports.save({
      ...(filed ?? report("hung-dao.nam-phong-2", {})),
      photos: [{ file: "reports/hung-dao.nam-phong-2@2026-W48/a.png", bytes: photo.length }],
      version: (filed?.version ?? 0) + 1,
    });
    await ask(user, "xem báo cáo", 1);
    const [sent, card] = await ask(user, String(numberOf(user, "Xóm Nam Phong 2")), 2);
    expect(sent?.kind).toBe("photo");
    expect(sent?.caption).toBe(
      "Ảnh 1/1 gửi kèm báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2",
    );
    expect(sent?.photoUrl).toMatch(new RegExp(`^${base}/files/[0-9a-f]{64}\\.png$`));
    const served = await fetch(sent?.photoUrl ?? "");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(Buffer.from(photo));
    expect(card?.text).toContain("Ảnh gửi kèm: 1.");
  });

  it("refuses a hamlet head", async () => {
    const { user } = await start("hamlet_head", "hung-dao.nam-phong-2", false);
    const [answer] = await ask(user, "tinh hinh", 1);
    expect(answer?.text).toContain("chỉ dành cho cán bộ theo dõi phong trào");
  });
});
