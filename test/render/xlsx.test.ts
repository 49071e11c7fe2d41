import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { compileSummary } from "../../src/domain/summary/index.js";
import { createI18n, translatorFor } from "../../src/i18n.js";
import { formatQuantity } from "../../src/render/quantity.js";
import { renderStatusText } from "../../src/render/summary-text.js";
import { renderSummaryXlsx } from "../../src/render/xlsx.js";
import { cityInput, demoWeek, report } from "../domain/summary/city.js";

const i18n = createI18n();
const vi = translatorFor(i18n, "vi");
const en = translatorFor(i18n, "en");
const week9 = { kind: "week", week: "2025-W09" } as const;

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs's own Buffer type predates Node's generic Buffer.
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** Every row of a sheet, title rows included. */
function allRowsOf(sheet: ExcelJS.Worksheet | undefined): unknown[][] {
  if (!sheet) throw new Error("missing sheet");
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

/** The rows under a sheet's title (its heading, when it was made, a blank line). */
function rowsOf(sheet: ExcelJS.Worksheet | undefined): unknown[][] {
  return allRowsOf(sheet).slice(3);
}

describe("the summary spreadsheet", () => {
  const summary = compileSummary(cityInput("tp", week9));

  it("has the six sheets, named in the reader's language", async () => {
    const viBook = await readBack(await renderSummaryXlsx(summary, vi, "vi"));
    expect(viBook.worksheets.map((s) => s.name)).toEqual([
      "Tổng quan",
      "Theo xóm",
      "Chưa báo cáo",
      "Khó khăn, kiến nghị",
      "Gương điển hình",
      "Thi đua",
    ]);
    const enBook = await readBack(await renderSummaryXlsx(summary, en, "en"));
    expect(enBook.worksheets.map((s) => s.name)).toEqual([
      "Overview",
      "Hamlets",
      "Missing",
      "Difficulties",
      "Stories",
      "Emulation",
    ]);
  });

  it("holds in the overview the same numbers as the summary and the /status text", async () => {
    const book = await readBack(await renderSummaryXlsx(summary, en, "en"));
    const rows = rowsOf(book.getWorksheet("Overview"));
    const rate = rows.find((r) => r[0] === "Reporting rate");
    expect(rate?.[1]).toBeCloseTo(6 / 7);
    expect(rows.find((r) => r[0] === "Awaiting clarification (figures counted)")?.[1]).toBe(1);
    const road = rows.find((r) => r[0] === "New concrete roads");
    expect(road).toEqual(["New concrete roads", "m", 7400, 1100, 8800]);
    const text = renderStatusText(summary, en, "en");
    expect(text).toContain(`New concrete roads: ${formatQuantity("en", 7400, "m", en)}`);
    const share = rows.find((r) => r[0] === "Model NTM hamlets");
    expect(share?.slice(1, 3)).toEqual([2, 7]);
    expect(rows.find((r) => r[0] === "Xã An Bình")?.[3]).toBe("met on 15 Oct 2024");
  });

  it("gives every hamlet a row with yes/no and every field as a number", async () => {
    const book = await readBack(await renderSummaryXlsx(summary, vi, "vi"));
    const [header, ...rows] = rowsOf(book.getWorksheet("Theo xóm"));
    expect(header).toEqual([
      "Xóm",
      "Xã, phường",
      "Đã báo cáo",
      "Đúng hạn",
      "Chờ làm rõ (số liệu vẫn được tính)",
      "Đường bê tông hóa mới (m)",
      "Nhân dân đóng góp (triệu đồng)",
      "Ngày công lao động (ngày công)",
      "Cây xanh trồng mới (cây)",
    ]);
    expect(rows).toHaveLength(summary.hamlets.length + 1);
    const banChang = rows.find((r) => r[0] === "Xóm Bản Chang");
    expect(banChang).toEqual([
      "Xóm Bản Chang",
      "Xã An Bình",
      "Có",
      "Có",
      "Không",
      1500,
      20.5,
      0,
      100,
    ]);
    const daQuan = rows.find((r) => r[0] === "Xóm Đà Quận");
    expect(daQuan?.slice(2, 6)).toEqual(["Có", "Có", "Có", 5000]);
    const pacPo = rows.find((r) => r[0] === "Xóm Pác Pó");
    expect(pacPo?.slice(2, 6)).toEqual(["Không", undefined, undefined, 0]);
    const hamletRows = rows.slice(0, -1);
    const sum = hamletRows.reduce((acc, r) => acc + Number(r[5]), 0);
    expect(sum).toBe(summary.fields[0]?.value);
    // The totals row: hamlets reported, on time, awaiting clarification, then each field.
    expect(rows.at(-1)).toEqual([
      "Cộng",
      undefined,
      hamletRows.filter((r) => r[2] === "Có").length,
      hamletRows.filter((r) => r[3] === "Có").length,
      hamletRows.filter((r) => r[4] === "Có").length,
      sum,
      ...[6, 7, 8].map((i) => hamletRows.reduce((acc, r) => acc + Number(r[i]), 0)),
    ]);
  });

  it("heads every sheet with its area, period and when it was made, above a frozen header", async () => {
    const book = await readBack(await renderSummaryXlsx(summary, vi, "vi"));
    for (const sheet of book.worksheets) {
      const [heading, made, blank] = allRowsOf(sheet);
      expect(heading, sheet.name).toEqual(["Thành phố Thử — tuần 24/02 – 02/03/2025"]);
      expect(made, sheet.name).toEqual(["Lập lúc: 10:00 05/03/2025"]);
      expect(blank, sheet.name).toEqual([]);
    }
    expect(book.getWorksheet("Theo xóm")?.views[0]).toMatchObject({ state: "frozen", ySplit: 4 });
  });

  it("shows whole figures without a trailing separator, fractions with two decimals", async () => {
    const book = await readBack(await renderSummaryXlsx(summary, vi, "vi"));
    const sheet = book.getWorksheet("Theo xóm");
    const formats = new Map<unknown, string>();
    sheet?.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "number") formats.set(cell.value, cell.numFmt);
      }),
    );
    expect(formats.get(1500)).toBe("#,##0");
    expect(formats.get(20.5)).toBe("#,##0.##");
  });

  it("lists a hamlet with no head using the assistant on its own sheet, not among the missing", async () => {
    const starts = new Map(
      summary.hamlets
        .filter((row) => row.hamlet.id !== "xh.pac-po")
        .map((row) => [row.hamlet.id, "2020-01-01"]),
    );
    const noHead = compileSummary(cityInput("tp", week9, { reportingStarts: starts }));
    const book = await readBack(await renderSummaryXlsx(noHead, vi, "vi"));
    expect(rowsOf(book.getWorksheet("Chưa báo cáo")).slice(1)).toEqual([]);
    expect(rowsOf(book.getWorksheet("Chưa có trưởng xóm")).slice(1)).toEqual([
      ["Xóm Pác Pó", "Xã Xuân Hòa"],
    ]);
    expect(rowsOf(book.getWorksheet("Tổng quan"))).toContainEqual([
      "Chưa có trưởng xóm dùng trợ lý",
      1,
    ]);
  });

  it("names a missing hamlet's heads, with the phone numbers made for the reader", async () => {
    const contacts = new Map([
      ["xh.pac-po", [{ name: "Hoàng Văn Cường", phone: "0912345678" }, { name: "Nông Thị Hoa" }]],
    ]);
    const book = await readBack(await renderSummaryXlsx(summary, vi, "vi", contacts));
    expect(rowsOf(book.getWorksheet("Chưa báo cáo"))).toEqual([
      ["Xóm", "Xã, phường", "Số tuần chưa báo cáo", "Trưởng xóm", "Số điện thoại"],
      ["Xóm Pác Pó", "Xã Xuân Hòa", 1, "Hoàng Văn Cường; Nông Thị Hoa", "0912345678; —"],
    ]);
    const namesOnly = new Map([["xh.pac-po", [{ name: "Hoàng Văn Cường" }]]]);
    const withoutPhones = await readBack(await renderSummaryXlsx(summary, vi, "vi", namesOnly));
    expect(rowsOf(withoutPhones.getWorksheet("Chưa báo cáo")).slice(1)).toEqual([
      ["Xóm Pác Pó", "Xã Xuân Hòa", 1, "Hoàng Văn Cường"],
    ]);
  });

  it("lists the evidence photos of each report on a sheet of their own", async () => {
    const withPhotos = report(
      "xh.pac-po",
      "2025-W09",
      { roadConcretedM: 100 },
      {
        receipt: "2025-W09-0042",
        photos: [
          { file: "reports/xh.pac-po@2025-W09/a.jpg", bytes: 10 },
          { file: "reports/xh.pac-po@2025-W09/b.jpg", bytes: 10 },
        ],
        goodDeed: {
          text: "Bà Hoa quét đường",
          consent: true,
          photo: { file: "reports/xh.pac-po@2025-W09/c.jpg", bytes: 10 },
        },
      },
    );
    const input = cityInput("tp", week9);
    const book = await readBack(
      await renderSummaryXlsx(
        compileSummary({ ...input, reports: [...input.reports, withPhotos] }),
        vi,
        "vi",
      ),
    );
    expect(rowsOf(book.getWorksheet("Ảnh minh chứng"))).toEqual([
      ["Tuần", "Xóm", "Xã, phường", "Số báo cáo", "Số ảnh", "Tệp ảnh (trong thư mục dữ liệu)"],
      [
        "24/02 – 02/03/2025",
        "Xóm Pác Pó",
        "Xã Xuân Hòa",
        "2025-W09-0042",
        3,
        "reports/xh.pac-po@2025-W09/a.jpg\nreports/xh.pac-po@2025-W09/b.jpg\nreports/xh.pac-po@2025-W09/c.jpg",
      ],
    ]);
  });

  it("lists the missing, the difficulties, the stories and the emulation ranks", async () => {
    const book = await readBack(await renderSummaryXlsx(summary, vi, "vi"));
    expect(rowsOf(book.getWorksheet("Chưa báo cáo")).slice(1)).toEqual([
      ["Xóm Pác Pó", "Xã Xuân Hòa", 1],
    ]);
    const difficulties = rowsOf(book.getWorksheet("Khó khăn, kiến nghị")).slice(1);
    expect(difficulties.map((r) => [r[1], r[3]])).toEqual([
      ["Xóm Bản Chang", "Thiếu xi măng cho đoạn đường Nà Rị"],
      ["Xóm Nà Khoang", "Mưa lớn, sạt taluy"],
    ]);
    const stories = rowsOf(book.getWorksheet("Gương điển hình")).slice(1);
    expect(stories).toEqual([
      [
        "24/02 – 02/03/2025",
        "Xóm Bản Chang",
        "Xã An Bình",
        "Ông Nông Văn Thắng hiến 200 m² đất làm đường",
        "Có",
        "Không",
      ],
    ]);
  });

  it("ranks the emulation table by results, ties as ties, and says how it is ranked", async () => {
    const week = compileSummary(demoWeek());
    const book = await readBack(await renderSummaryXlsx(week, vi, "vi"));
    const [header, ...rows] = rowsOf(book.getWorksheet("Thi đua"));
    expect(header).toEqual([
      "Hạng thi đua",
      "Xóm",
      "Xã, phường",
      "Tiêu chí NTM mới đạt trong kỳ",
      "Tiêu chí NTM đã đạt",
      "Tiêu chí kiểu mẫu mới đạt trong kỳ",
      "Tiêu chí kiểu mẫu đã đạt",
      "Số hộ",
      "Nhân dân đóng góp bình quân mỗi hộ (triệu đồng)",
      "Nhân dân đóng góp cả kỳ (triệu đồng)",
      "Ngày công lao động bình quân mỗi hộ (ngày công)",
      "Ngày công lao động cả kỳ (ngày công)",
      "Gương điển hình đã đăng",
      "Số tuần phải báo cáo",
      "Đúng hạn",
      "Muộn",
      "Điểm báo cáo đều đặn",
    ]);
    const table = rows.slice(0, 7);
    // A hamlet with results first, though late; punctual-only hamlets tie; late above none.
    expect(table.map((r) => [r[0], r[1], r[5], r[8], r[12], r[16]])).toEqual([
      [1, "Xóm Bản Chang", 2, undefined, 0, 1],
      [2, "Xóm Lũng Vài", 0, 0.5, 0, 2],
      [3, "Xóm Nà Khoang", 0, undefined, 1, 2],
      [4, "Xóm Cốc Phường", 0, undefined, 0, 2],
      [4, "Xóm Mới", 0, undefined, 0, 2],
      [6, "Xóm Đà Quận", 0, undefined, 0, 1],
      [7, "Xóm Pác Pó", 0, undefined, 0, 0],
    ]);
    const how = rows.slice(7).map((r) => String(r[0] ?? ""));
    expect(how.join("\n")).toContain("Cách xếp hạng: so kết quả");
    expect(how.join("\n")).toContain("Hai bộ tiêu chí tính riêng, không cộng gộp.");
    expect(how.join("\n")).toContain("nộp muộn 1 điểm, không báo cáo 0 điểm");
  });

  it("counts weeks per hamlet over a longer period", async () => {
    const feb = compileSummary(cityInput("an-binh", { kind: "month", year: 2025, month: 2 }));
    const book = await readBack(await renderSummaryXlsx(feb, en, "en"));
    const [header, ...rows] = rowsOf(book.getWorksheet("Hamlets"));
    expect(header?.slice(2, 7)).toEqual([
      "Weeks expected",
      "Weeks reported",
      "On time",
      "Late",
      "Weeks awaiting clarification",
    ]);
    expect(rows.find((r) => r[0] === "Xóm Cốc Phường")?.slice(2, 7)).toEqual([4, 3, 2, 1, 0]);
    expect(rows.find((r) => r[0] === "Xóm Đà Quận")?.slice(2, 7)).toEqual([4, 2, 2, 0, 1]);
  });
});
