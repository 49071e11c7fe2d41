import type { Locale } from "../domain/member.js";
import type { Translate } from "../i18n.js";
import { formatDate } from "./format.js";
import {
  type CardLink,
  escapeXml,
  type QrMatrix,
  qrMaker,
  qrPath,
  renderSvg,
  wrap,
} from "./invite-card.js";

/** One person's card on a printed sheet. */
export interface SheetCard {
  code: string;
  /** The person the invite is for, as the card greets them. */
  name: string;
  /** Their role and place, in words: "Trưởng xóm", "Xóm Nam Phong 2, xã Hưng Đạo". */
  role: string;
  place: string;
  /** The links to draw as QR codes, in order (none: the code's QR). */
  links: readonly CardLink[];
  /** The local date (yyyy-mm-dd) the code stops working. */
  expiresOn?: string;
}

/** Who hands the cards out, printed on each so a person can check the card is genuine. */
export interface SheetIssuer {
  name?: string;
  phone?: string;
}

export interface InviteSheetInput {
  cards: readonly SheetCard[];
  issuer: SheetIssuer;
  locale: Locale;
  /** Translator in `locale`, for the card's words (`cli:card.*`). */
  t: Translate;
}

/** Cards per A4 page: two columns of three, each about 10 × 10 cm, easy to cut with scissors. */
export const CARDS_PER_PAGE = 6;
const COLUMNS = 2;
const ROWS = 3;
/** The page in millimetres, and the margin most printers leave blank. */
const PAGE = { width: 210, height: 297, margin: 6 };
const CARD = {
  width: (PAGE.width - 2 * PAGE.margin) / COLUMNS,
  height: (PAGE.height - 2 * PAGE.margin) / ROWS,
};
/** Pixels across a PNG page: 200 dots per inch, fine enough for the QR codes' modules. */
const PNG_WIDTH = 1654;
const FONT = "DejaVu Sans";

/** The sheet's pages as SVG (millimetre units), QR codes drawn from `qr`; separate for tests. */
export function inviteSheetSvgs(input: InviteSheetInput, qr: (text: string) => QrMatrix): string[] {
  const pages: string[] = [];
  for (let start = 0; start < input.cards.length; start += CARDS_PER_PAGE) {
    const cards = input.cards.slice(start, start + CARDS_PER_PAGE);
    const parts = cards.map((card, index) => {
      const x = PAGE.margin + (index % COLUMNS) * CARD.width;
      const y = PAGE.margin + Math.floor(index / COLUMNS) * CARD.height;
      return `<g transform="translate(${x} ${y})">${cardSvg(input, card, qr)}</g>`;
    });
    pages.push(
      [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE.width}mm" height="${PAGE.height}mm" viewBox="0 0 ${PAGE.width} ${PAGE.height}">`,
        `<rect width="${PAGE.width}" height="${PAGE.height}" fill="#ffffff"/>`,
        cutLines(),
        ...parts,
        "</svg>",
      ].join("\n"),
    );
  }
  return pages;
}

/** The sheet as PNG pages (one buffer per A4 page). */
export async function renderInviteSheetPng(input: InviteSheetInput): Promise<Buffer[]> {
  const qr = await qrMaker();
  const pages: Buffer[] = [];
  for (const svg of inviteSheetSvgs(input, qr)) pages.push(await renderSvg(svg, PNG_WIDTH));
  return pages;
}

/** One card as the person is handed it, cut out: a PNG of the card alone, with its edge drawn. */
export async function renderSheetCardPng(
  input: Omit<InviteSheetInput, "cards">,
  card: SheetCard,
): Promise<Buffer> {
  const qr = await qrMaker();
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD.width}mm" height="${CARD.height}mm" viewBox="0 0 ${CARD.width} ${CARD.height}">`,
    `<rect width="${CARD.width}" height="${CARD.height}" fill="#ffffff" stroke="#888888" stroke-width="0.5"/>`,
    cardSvg({ ...input, cards: [card] }, card, qr),
    "</svg>",
  ].join("\n");
  return renderSvg(svg, Math.round((PNG_WIDTH * CARD.width) / PAGE.width));
}

/**
 * The sheet as one PDF of A4 pages, each the PNG page placed full size: what prints is
 * exactly what was drawn, with the same bundled fonts, on any printer driver.
 */
export async function renderInviteSheetPdf(input: InviteSheetInput): Promise<Uint8Array> {
  const { PDFDocument } = await import("pdf-lib");
  const pdf = await PDFDocument.create();
  pdf.setTitle(String(input.t("cli:card.title")));
  pdf.setCreator("Chung Sức");
  const points = (mm: number) => (mm / 25.4) * 72;
  for (const png of await renderInviteSheetPng(input)) {
    const image = await pdf.embedPng(png);
    const page = pdf.addPage([points(PAGE.width), points(PAGE.height)]);
    page.drawImage(image, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
  }
  return pdf.save();
}

/** Dashed lines between the cards, across the whole page, to cut along. */
function cutLines(): string {
  const lines: string[] = [];
  for (let column = 0; column <= COLUMNS; column++) {
    const x = PAGE.margin + column * CARD.width;
    lines.push(`<line x1="${x}" y1="0" x2="${x}" y2="${PAGE.height}"/>`);
  }
  for (let row = 0; row <= ROWS; row++) {
    const y = PAGE.margin + row * CARD.height;
    lines.push(`<line x1="0" y1="${y}" x2="${PAGE.width}" y2="${y}"/>`);
  }
  return `<g stroke="#888888" stroke-width="0.25" stroke-dasharray="2 1.5">${lines.join("")}</g>`;
}

function cardSvg(input: InviteSheetInput, card: SheetCard, qr: (text: string) => QrMatrix): string {
  const { t, issuer } = input;
  const middle = CARD.width / 2;
  const links = card.links;
  const targets = links.length > 0 ? links : [{ label: "", url: card.code }];
  const parts: string[] = [
    text(middle, 9, String(t("cli:card.title")), 3.2, "bold", "#1f6f43"),
    text(middle, 16, card.name, 5.2, "bold"),
  ];
  const about = wrap(`${card.role} · ${card.place}`, 50).slice(0, 2);
  about.forEach((line, index) => {
    parts.push(text(middle, 21.5 + index * 4, line, 3.1));
  });

  const top = 28;
  const gap = 6;
  const side = 31;
  const across = targets.length * side + (targets.length - 1) * gap;
  targets.forEach((target, index) => {
    const x = middle - across / 2 + index * (side + gap);
    parts.push(qrPath(qr(target.url), x, top, side));
    if (target.label) parts.push(text(x + side / 2, top + side + 3.5, target.label, 3.2, "bold"));
  });

  parts.push(text(middle, 74, card.code, 9, "bold", "#111111", 1.2));
  // A small card has room for one line: a link that only opens the bot says what to type after.
  const thenType = links.find((link) => link.thenType)?.thenType;
  const instruction = String(
    t(thenType ?? (links.length > 0 ? "cli:card.scanOrType" : "cli:card.typeCode")),
  );
  wrap(instruction, 60)
    .slice(0, 2)
    .forEach((line, index) => {
      parts.push(text(middle, 79.5 + index * 3.6, line, 2.7));
    });
  const footer = [
    ...(issuer.name ? [String(t("cli:card.issuer", { issuer: issuer.name }))] : []),
    ...(issuer.phone ? [String(t("cli:card.checkPhone", { phone: issuer.phone }))] : []),
    ...(card.expiresOn
      ? [String(t("cli:card.validUntil", { date: formatDate(input.locale, card.expiresOn) }))]
      : []),
  ];
  footer
    .flatMap((line) => wrap(line, 66))
    .slice(0, 3)
    .forEach((line, index) => {
      parts.push(text(middle, 86.5 + index * 3.1, line, 2.5, "normal", "#444444"));
    });
  return parts.join("\n");
}

function text(
  x: number,
  y: number,
  content: string,
  size: number,
  weight: "normal" | "bold" = "normal",
  fill = "#111111",
  letterSpacing = 0,
): string {
  const spacing = letterSpacing ? ` letter-spacing="${letterSpacing}"` : "";
  return `<text x="${x}" y="${y}" font-family="${FONT}" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="middle"${spacing}>${escapeXml(content)}</text>`;
}
