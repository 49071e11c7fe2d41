import { describe, expect, it } from "vitest";
import { compileSummary } from "../../src/domain/summary/index.js";
import { UnitTree } from "../../src/domain/unit-tree.js";
import { createI18n, translatorFor } from "../../src/i18n.js";
import { renderStatusText, renderSummaryText } from "../../src/render/summary-text.js";
import { cityInput, units } from "../domain/summary/city.js";

const i18n = createI18n();
const vi = translatorFor(i18n, "vi");
const en = translatorFor(i18n, "en");
const week9 = { kind: "week", week: "2025-W09" } as const;

describe("the /status answer", () => {
  const summary = compileSummary(cityInput("tp", week9));

  it("opens with the area and the week, then the reporting rate and who is missing", () => {
    const lines = renderStatusText(summary, vi, "vi").split("\n");
    expect(lines[0]).toBe("Thành phố Thử — tuần 24/02 – 02/03/2025");
    expect(lines[1]).toBe(
      "Báo cáo: 6/7 xóm (86%), trong đó 1 nộp muộn, 1 chờ làm rõ. Chưa báo cáo: xóm Pác Pó.",
    );
  });

  it("marks a returned report as awaiting clarification, its figures still in the totals", () => {
    const lines = renderStatusText(summary, vi, "vi").split("\n");
    expect(lines[2]).toBe("Chờ làm rõ (số liệu vẫn được tính): xóm Đà Quận.");
    // 1,500 + 900 m reported, and Đà Quận's returned 5,000 m.
    expect(lines).toContain(
      "Đường bê tông hóa mới: 7,4 km (tuần trước 1,1 km) · Nhân dân đóng góp: 1,04 tỷ đồng (tuần trước 4 triệu đồng)",
    );
  });

  it("gives headline totals in natural units with last week's beside them", () => {
    const text = renderStatusText(summary, vi, "vi");
    expect(text).toContain("Đường bê tông hóa mới: 7,4 km (tuần trước 1,1 km)");
    expect(text).toContain("Nhân dân đóng góp: 1,04 tỷ đồng (tuần trước 4 triệu đồng)");
  });

  it("shows plan progress: hamlet shares against their targets and each unit target", () => {
    const text = renderStatusText(summary, vi, "vi");
    expect(text).toContain(
      "Xóm đạt chuẩn NTM: 3/7 = 43% (mục tiêu 100%) · Xóm NTM kiểu mẫu: 2/7 = 29% (mục tiêu 50%)",
    );
    expect(text).toContain(
      "Xã An Bình — Đạt chuẩn nông thôn mới nâng cao (năm 2024): đã đạt ngày 15/10/2024",
    );
    expect(text).toContain("chưa đạt, đã quá hạn năm 2024");
  });

  it("reads in English too", () => {
    const text = renderStatusText(summary, en, "en");
    expect(text.split("\n")[0]).toBe("Thành phố Thử — week 24 Feb – 2 Mar 2025");
    expect(text).toContain(
      "Reports: 6/7 hamlets (86%), of them 1 late, 1 awaiting clarification. Not reported: Xóm Pác Pó.",
    );
    expect(text).toContain("Awaiting clarification (figures still counted): Xóm Đà Quận.");
    expect(text).toContain("New concrete roads: 7.4 km (last week 1.1 km)");
    expect(text).toContain("Contributed by residents: 1.04 billion VND (last week 4 million VND)");
  });

  it("names a missing hamlet's heads with the phones given for the reader, in both languages", () => {
    const contacts = new Map([
      ["xh.pac-po", [{ name: "Hoàng Văn Cường", phone: "0912345678" }, { name: "Nông Thị Hoa" }]],
    ]);
    expect(renderStatusText(summary, vi, "vi", contacts)).toContain(
      "Chưa báo cáo: xóm Pác Pó (trưởng xóm Hoàng Văn Cường, 0912345678; Nông Thị Hoa).",
    );
    expect(renderStatusText(summary, en, "en", contacts)).toContain(
      "Not reported: Xóm Pác Pó (head: Hoàng Văn Cường, 0912345678; Nông Thị Hoa).",
    );
    expect(renderSummaryText(summary, vi, "vi", contacts)).toContain(
      "- Chưa báo cáo: xóm Pác Pó (trưởng xóm Hoàng Văn Cường, 0912345678; Nông Thị Hoa).",
    );
  });

  it("says the week is still under way, and when all have reported", () => {
    const now = compileSummary(cityInput("tan-lap", week9));
    expect(renderStatusText(now, vi, "vi")).toContain("Tất cả các xóm đã báo cáo.");
    const current = compileSummary(cityInput("an-binh", { kind: "week", week: "2025-W10" }));
    expect(renderStatusText(current, vi, "vi").split("\n")[0]).toMatch(/\(đang diễn ra\)$/);
  });

  it("shows no target of an ended plan on a later week, only activity", () => {
    const later = compileSummary(
      cityInput(
        "tp",
        { kind: "week", week: "2026-W10" },
        { now: new Date("2026-03-10T03:00:00Z") },
      ),
    );
    const text = renderStatusText(later, vi, "vi");
    expect(text).not.toContain("mục tiêu");
    expect(text).not.toContain("quá hạn");
    expect(text).not.toContain("Giai đoạn 2021–2025");
    expect(text).toContain("Chưa có kết quả nào được báo cáo trong kỳ này.");
  });

  it("names a few missing hamlets and counts the rest", () => {
    const extra = Array.from({ length: 10 }, (_, i) => ({
      id: `tl.thu-${i}`,
      kind: "hamlet" as const,
      name: `Xóm Thử ${String(i).padStart(2, "0")}`,
      parent: "tan-lap",
      source: "data" as const,
      active: true,
    }));
    const later = compileSummary(
      cityInput(
        "tp",
        { kind: "week", week: "2026-W10" },
        { now: new Date("2026-03-10T03:00:00Z"), tree: new UnitTree([...units, ...extra]) },
      ),
    );
    const text = renderStatusText(later, en, "en");
    expect(text).toContain(
      "Reports: 0/17 hamlets (0%). Not reported: Xóm Bản Chang, Xóm Cốc Phường, Xóm Đà Quận, Xóm Lũng Vài, Xóm Mới, Xóm Nà Khoang, Xóm Pác Pó, Xóm Thử 00, and 9 more.",
    );
  });
});

describe("the weekly summary", () => {
  it("lists every field with the previous week and the running total since the campaign began", () => {
    const text = renderSummaryText(compileSummary(cityInput("tp", week9)), vi, "vi");
    expect(text).toContain(
      "- Đường bê tông hóa mới: 7,4 km · tuần trước: 1,1 km · lũy kế từ 01/01/2021: 8,8 km",
    );
    expect(text).toContain(
      "- Cây xanh trồng mới: 125 cây · tuần trước: 60 cây · lũy kế từ 01/01/2021: 225 cây",
    );
  });

  it("breaks the area down, and quotes difficulties and nominated good deeds", () => {
    const text = renderSummaryText(compileSummary(cityInput("tp", week9)), vi, "vi");
    expect(text).toContain(
      "- Xã An Bình: báo cáo 3/3 (100%); xóm đạt chuẩn NTM 2/3; xóm NTM kiểu mẫu 1/3",
    );
    expect(text).toContain("- Xóm Nà Khoang (xã Xuân Hòa), 24/02 – 02/03/2025: Mưa lớn, sạt taluy");
    expect(text).toContain("Ông Nông Văn Thắng hiến 200 m² đất làm đường");
  });

  it("over a month, counts missing weeks per hamlet and ranks the emulation table", () => {
    const feb = compileSummary(cityInput("an-binh", { kind: "month", year: 2025, month: 2 }));
    const text = renderSummaryText(feb, en, "en");
    expect(text).toContain("SUMMARY, FEBRUARY 2025 — Xã An Bình");
    expect(text).toContain(
      "Not reported: Xóm Bản Chang (1 week), Xóm Cốc Phường (1 week), Xóm Đà Quận (2 weeks).",
    );
    expect(text).toContain("Awaiting clarification (figures still counted): Xóm Đà Quận (1 week).");
    expect(text).toContain(
      "1. Xóm Bản Chang: NTM criteria newly met 0 (met 3/3); model criteria newly met 2 (met 2/2); no household count to compare contributions; reported on time 3, late 0 of 4 weeks",
    );
    // No hamlet of An Bình gave workdays, ever: the line would only be zeros, so it is left out.
    expect(text).not.toContain("Workdays contributed");
    expect(text).toContain("- New concrete roads: 8.8 km · since 1 Jan 2021: 8.8 km");
  });
});
