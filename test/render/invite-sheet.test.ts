import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { createI18n, translatorFor } from "../../src/i18n.js";
import type { QrMatrix } from "../../src/render/invite-card.js";
import {
  inviteSheetSvgs,
  renderInviteSheetPdf,
  type SheetCard,
} from "../../src/render/invite-sheet.js";

const vi = translatorFor(createI18n("vi"), "vi");

const PEOPLE = [
  ["Hoàng Văn Thắng", "Trưởng xóm", "Xóm Nam Phong 2, xã Hưng Đạo"],
  ["Nông Thị Lan", "Thành viên", "Xóm Nam Phong 2, xã Hưng Đạo"],
  ["Lò Văn Tình", "Thành viên", "Xóm Đà Quận, xã Hưng Đạo"],
  ["Đàm Thị Hoa", "Trưởng xóm", "Xóm Hồng Quang 2, xã Hưng Đạo"],
  ["Bế Văn Nam", "Trưởng xóm", "Xóm Nam Phong 1, xã Hưng Đạo"],
  ["Lục Thị Mai", "Thành viên", "Xóm Đồng Chúp, xã Hưng Đạo"],
  ["Triệu Văn Sơn", "Trưởng xóm", "Xóm Ngọc Quyến, xã Hưng Đạo"],
  ["Hà Thị Thu", "Thành viên", "Xóm Nam Phong 3, xã Hưng Đạo"],
  ["Nông Văn Bình", "Cán bộ theo dõi", "Xã Hưng Đạo"],
  ["La Thị Xuân", "Trưởng xóm", "Xóm Phố Cao Bình, xã Hưng Đạo"],
] as const;

const cards: SheetCard[] = PEOPLE.map(([name, role, place], index) => ({
  code: `CODE${String(index).padStart(2, "0")}`,
  name,
  role,
  place,
  links: [
    { label: "Zalo", url: "https://zalo.me/s/1234567890/", thenType: "cli:card.zaloThenType" },
    { label: "Telegram", url: `https://t.me/chungsuc_bot?start=CODE${index}` },
  ],
  expiresOn: "2026-12-16",
}));
const input = {
  cards,
  issuer: { name: "Ủy ban MTTQ xã Hưng Đạo", phone: "0206 3852 123" },
  locale: "vi" as const,
  t: vi,
};

const flat = (): QrMatrix => ({ size: 21, dark: () => false });
/** The words of an SVG page, in drawing order. */
const texts = (svg: string) => [...svg.matchAll(/<text x="([\d.]+)"[^>]*>([^<]*)<\/text>/g)];

describe("the printed invite sheet", () => {
  it("lays 10 named cards on two A4 pages: name, role and hamlet, issuer and phone, code, Zalo first", () => {
    const pages = inviteSheetSvgs(input, flat);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('width="210mm" height="297mm"');
    const words = pages.map((page) => texts(page).map((match) => match[2]));
    for (const [index, [name, role, place]] of PEOPLE.entries()) {
      const page = words[index < 6 ? 0 : 1] ?? [];
      expect(page).toContain(name);
      expect(page).toContain(`${role} · ${place}`);
      expect(page).toContain(`CODE${String(index).padStart(2, "0")}`);
    }
    expect(words[1]?.filter((word) => word === "Thẻ do Ủy ban MTTQ xã Hưng Đạo cấp.")).toHaveLength(
      4,
    );
    expect(words[1]).toContain("Cần hỏi lại, gọi số 0206 3852 123.");
    // On each card the Zalo code stands left of Telegram's.
    const labels = texts(pages[0] ?? "").filter(
      (match) => match[2] === "Zalo" || match[2] === "Telegram",
    );
    expect(labels.slice(0, 2).map((match) => match[2])).toEqual(["Zalo", "Telegram"]);
    expect(Number(labels[0]?.[1])).toBeLessThan(Number(labels[1]?.[1]));
    // Cut lines between the cards.
    expect(pages[0]).toContain('stroke-dasharray="2 1.5"');
    // The assistant is never called a bot on paper.
    expect(words.flat().join(" ")).not.toMatch(/\bbot\b/i);
  });

  it("writes a PDF of two A4 pages, each carrying its drawn page", async () => {
    const pdf = await PDFDocument.load(await renderInviteSheetPdf(input));
    expect(pdf.getPageCount()).toBe(2);
    for (const page of pdf.getPages()) {
      expect(Math.round(page.getWidth())).toBe(595);
      expect(Math.round(page.getHeight())).toBe(842);
    }
    expect(pdf.getTitle()).toBe("Thẻ mời tham gia Chung Sức");
  }, 60_000);
});
