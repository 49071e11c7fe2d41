import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { statusChoiceData } from "../../../src/features/status/status-choices.js";
import {
  buttonsOf,
  hamletReport,
  memberWith,
  openWorld,
  StatusChat,
  seedHungDao,
  type World,
} from "./status-harness.js";

/** Wednesday 25/11/2026, 10:00 in Hanoi: week 48 (23/11 – 29/11) is under way. */
const NOW = "2026-11-25T03:00:00Z";

let world: World;
let official: StatusChat;

beforeEach(async () => {
  world = await openWorld(NOW);
  await seedHungDao(world);
  official = new StatusChat(
    world,
    memberWith("m-1", [{ role: "official", unitId: "hung-dao", orgIds: [] }]),
  );
});

describe("/status for a commune official", () => {
  it("answers with the week's text, then the chart as a photo with its buttons", async () => {
    const [text, chart, ...rest] = await official.command("status");
    expect(rest).toEqual([]);
    expect(text?.text).toContain("Xã Hưng Đạo — tuần 23/11 – 29/11/2026");
    expect(text?.text).toContain(
      "Báo cáo: 8/9 xóm (89%). Chưa báo cáo: xóm Đà Quận (trưởng xóm Người head-1).",
    );
    expect(text?.text).toContain("Đường bê tông hóa mới: 2,4 km (tuần trước 1,1 km)");
    expect(text?.text).toContain("Nhân dân đóng góp: 36 triệu đồng");
    expect(text?.text).toContain("Ngày công lao động: 3.120 ngày công");
    expect(text?.text).toContain("Cây xanh trồng mới: 450 cây");
    expect(text?.text).toContain("Xóm đạt chuẩn NTM:");
    expect(text?.bold?.[0]).toContain("Xã Hưng Đạo — tuần 23/11 – 29/11/2026");

    expect(chart?.file?.kind).toBe("photo");
    expect(chart?.file?.mimeType).toBe("image/png");
    expect(
      Buffer.from(chart?.file?.bytes ?? [])
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    expect(buttonsOf(chart)).toEqual([["Theo từng xóm"], ["◀ Tuần trước"], ["Tải bảng tính"]]);
  });

  it("counts a report filed after the last /status at the next one", async () => {
    const [before] = await official.command("status");
    expect(before?.text).toContain("Báo cáo: 8/9 xóm (89%).");
    await world.store.reports.save(
      hamletReport("hung-dao.da-quan", "2026-W48", { roadConcretedM: 600 }),
    );
    const [after] = await official.command("status");
    expect(after?.text).toContain("Báo cáo: 9/9 xóm (100%).");
    expect(after?.text).toContain("Đường bê tông hóa mới: 3 km");
  });

  it("finds the area typed without diacritics, or by its id", async () => {
    const [typed] = await official.command("status", "hung dao");
    expect(typed?.text).toContain("Xã Hưng Đạo — tuần 23/11 – 29/11/2026");
    const [byId] = await official.command("status", "hung-dao.nam-phong-2");
    expect(byId?.text).toContain("Xóm Nam Phong 2 — tuần 23/11 – 29/11/2026");
    const [hamlet] = await official.command("status", "XÓM nam phong 2");
    expect(hamlet?.text).toContain("Xóm Nam Phong 2 — tuần 23/11 – 29/11/2026");
  });

  it("refuses Vĩnh Quang, which is outside the official's area, and shows nothing of it", async () => {
    const answer = await official.command("status", "vinh quang");
    expect(answer).toHaveLength(1);
    expect(answer[0]?.text).toBe(
      "Xã Vĩnh Quang nằm ngoài địa bàn anh/chị phụ trách, nên trợ lý không hiển thị số liệu ở đó.",
    );
    expect(answer[0]?.file).toBeUndefined();
  });

  it("suggests close names for an area it does not know, only among those the official sees", async () => {
    const [answer] = await official.command("status", "nam phog 2");
    expect(answer?.text).toContain('Không tìm thấy địa bàn "nam phog 2"');
    expect(buttonsOf(answer).flat()).toContain("Xóm Nam Phong 2 (phường Thục Phán)");
    const [nothing] = await official.command("status", "zzzzzz");
    expect(nothing?.text).toContain("ví dụ: /status hung dao");
    expect(nothing?.choices).toBeUndefined();
  });

  it("refuses a hamlet head, whatever area is named", async () => {
    const head = new StatusChat(
      world,
      memberWith("m-2", [{ role: "hamlet_head", unitId: "hung-dao.nam-phong-2", orgIds: [] }]),
    );
    for (const text of ["", "nam phong 2"]) {
      const answer = await head.command("status", text);
      expect(answer.map((m) => m.text)).toEqual([
        "Lệnh này chỉ dành cho cán bộ theo dõi phong trào (cán bộ phường, xã và cán bộ tỉnh). Anh/chị gõ /help để xem các việc mình làm được.",
      ]);
    }
    const pressed = await head.pressData(statusChoiceData("show", "hung-dao", "2026-W48"));
    expect(pressed[0]?.text).toContain("chỉ dành cho cán bộ");
    expect(pressed).toHaveLength(1);
  });

  it("answers in English for an official who chose English", async () => {
    const english = new StatusChat(world, {
      ...memberWith("m-3", [{ role: "official", unitId: "hung-dao", orgIds: [] }]),
      locale: "en",
    });
    const [text, chart] = await english.command("status");
    expect(text?.text).toContain("Reports: 8/9 hamlets (89%)");
    expect(buttonsOf(chart)).toEqual([["By hamlet"], ["◀ Previous week"], ["Spreadsheet"]]);
    const outside = await english.command("status", "vinh quang");
    expect(outside[0]?.text).toContain("is outside your area");
  });
});

describe("the buttons under the /status chart", () => {
  it("drill down to the hamlets, then into one hamlet with its last reports and criteria", async () => {
    await official.command("status");
    const [list] = await official.press("Theo từng xóm");
    expect(list?.text).toBe("Chọn xóm của xã Hưng Đạo để xem (tuần 23/11 – 29/11/2026):");
    const labels = buttonsOf(list).flat();
    expect(labels).toHaveLength(9);
    expect(labels).toContain("Xóm Đà Quận · 0/1");
    expect(labels).toContain("Xóm Nam Phong 2 · 1/1");

    const [text, chart] = await official.press("Xóm Nam Phong 2 · 1/1");
    expect(text?.text).toContain("Xóm Nam Phong 2 — tuần 23/11 – 29/11/2026");
    expect(text?.text).toContain("Báo cáo gần đây:");
    expect(text?.text).toContain(
      "- 23/11 – 29/11/2026: đúng hạn; Đường bê tông hóa mới 300 m, Nhân dân đóng góp 4,5 triệu đồng, Ngày công lao động 390 ngày công",
    );
    expect(text?.text).toContain("- 16/11 – 22/11/2026: nộp muộn; Đường bê tông hóa mới 1,1 km");
    expect(text?.text).toContain("- 09/11 – 15/11/2026: chưa báo cáo");
    expect(text?.text).toContain("Tiêu chí:");
    expect(text?.text).toMatch(/- Bộ tiêu chí xóm nông thôn mới: đạt \d+\/14/);
    expect(buttonsOf(chart)).toEqual([["Xem cả xã Hưng Đạo"], ["◀ Tuần trước"], ["Tải bảng tính"]]);
  });

  it("go back a week, and forward again", async () => {
    await official.command("status");
    const [previous, chart] = await official.press("◀ Tuần trước");
    expect(previous?.text).toContain("Xã Hưng Đạo — tuần 16/11 – 22/11/2026");
    expect(previous?.text).toContain("Báo cáo: 1/9 xóm (11%)");
    expect(buttonsOf(chart)[1]).toEqual(["◀ Tuần trước", "Tuần sau ▶"]);
    const [next] = await official.press("Tuần sau ▶");
    expect(next?.text).toContain("Xã Hưng Đạo — tuần 23/11 – 29/11/2026");
  });

  it("send the week's spreadsheet as a document named after the area and week", async () => {
    await official.command("status");
    const [sheet] = await official.press("Tải bảng tính");
    expect(sheet?.file?.kind).toBe("document");
    expect(sheet?.file?.fileName).toBe("tong-hop-hung-dao-2026-W48.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(sheet?.file?.bytes ?? []) as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBe(6);
  });

  it("refuse forged data naming a unit outside the official's area, and stale or garbled data", async () => {
    const forged = await official.pressData(statusChoiceData("sheet", "vinh-quang", "2026-W48"));
    expect(forged.map((m) => m.text)).toEqual([
      "Xã Vĩnh Quang nằm ngoài địa bàn anh/chị phụ trách, nên trợ lý không hiển thị số liệu ở đó.",
    ]);
    for (const data of [
      "st:s:no-such-unit:2026-W48",
      "st:s:hung-dao:2026-W99",
      "st:q:hung-dao:2026-W48",
      "st:s",
    ]) {
      const answer = await official.pressData(data);
      expect(answer.map((m) => m.text)).toEqual([
        "Nút này không còn dùng được. Anh/chị gõ /status để xem lại.",
      ]);
    }
  });
});
