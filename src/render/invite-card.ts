import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Locale } from "../domain/member.js";
import type { Translate } from "../i18n.js";
import { formatDate } from "./format.js";

/** A link drawn as a QR code on a card, under the name of its platform. */
export interface CardLink {
  /** The platform's name, printed under the code: "Zalo". */
  label: string;
  url: string;
  /** Locale key of the line for a link that only opens the bot: open it, then type the code. */
  thenType?: string;
}

/** What a printed invite card shows: the links in the order drawn (none: the code's QR). */
export interface InviteCardInput {
  code: string;
  links: readonly CardLink[];
  /** The local date (yyyy-mm-dd) the code stops working, shown under the instructions. */
  expiresOn?: string;
  locale: Locale;
  /** Translator in `locale`, for the card's words (`cli:card.*`). */
  t: Translate;
}

/** The dark modules of a QR code, row by row: `size × size`, 1 = dark. */
export interface QrMatrix {
  size: number;
  dark(row: number, col: number): boolean;
}

const WIDTH = 900;
const MARGIN = 60;
const FONT = "DejaVu Sans";

/**
 * An invite card as a PNG, ready to print: the QR code of each link (the code itself when there
 * is no link), the code in large type, and one line telling the person what to do. Rendered with the bundled DejaVu Sans, so Vietnamese
 * diacritics print the same on every machine.
 */
export async function renderInviteCard(input: InviteCardInput): Promise<Buffer> {
  const qr = await qrMaker();
  return renderSvg(inviteCardSvg(input, qr));
}

/** Makes QR matrices; the module loads only when a card is drawn, so the CLI starts fast. */
export async function qrMaker(): Promise<(text: string) => QrMatrix> {
  const { default: QRCode } = await import("qrcode");
  return (text) => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
    return { size: modules.size, dark: (row, col) => modules.get(row, col) === 1 };
  };
}

/** An SVG drawn as PNG with the bundled fonts only, optionally scaled to a width in pixels. */
export async function renderSvg(svg: string, width?: number): Promise<Buffer> {
  const { Resvg } = await import("@resvg/resvg-js");
  const resvg = new Resvg(svg, {
    font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: FONT },
    background: "#ffffff",
    ...(width ? { fitTo: { mode: "width" as const, value: width } } : {}),
  });
  return resvg.render().asPng();
}

/** The card as SVG, with QR codes drawn from `qr`; separate from rendering for tests. */
export function inviteCardSvg(input: InviteCardInput, qr: (text: string) => QrMatrix): string {
  const { t, code, links } = input;
  const targets = links.length > 0 ? links : [{ label: "", url: code }];
  const parts: string[] = [];
  let y = MARGIN;

  y += 44;
  parts.push(text(WIDTH / 2, y, String(t("cli:card.title")), 40, "bold"));
  y += 36;

  const gap = 40;
  const side = targets.length === 1 ? 560 : (WIDTH - 2 * MARGIN - gap) / 2;
  targets.forEach((target, index) => {
    const x = targets.length === 1 ? (WIDTH - side) / 2 : MARGIN + index * (side + gap);
    parts.push(qrPath(qr(target.url), x, y, side));
    if (target.label) parts.push(text(x + side / 2, y + side + 40, target.label, 30, "bold"));
  });
  y += side + (targets.some((target) => target.label) ? 60 : 10);

  y += 130;
  parts.push(text(WIDTH / 2, y, code, 128, "bold", 14));
  y += 30;

  const instruction = String(
    t(links.length > 0 ? "cli:card.scanOrType" : "cli:card.typeCode", { code }),
  );
  const thenType = links.flatMap((link) => (link.thenType ? [String(t(link.thenType))] : []));
  for (const line of [instruction, ...thenType].flatMap((paragraph) => wrap(paragraph, 46))) {
    y += 44;
    parts.push(text(WIDTH / 2, y, line, 30));
  }
  if (input.expiresOn) {
    y += 52;
    const date = formatDate(input.locale, input.expiresOn);
    parts.push(
      text(WIDTH / 2, y, String(t("cli:card.validUntil", { date })), 26, "normal", 0, "#555555"),
    );
  }
  const height = Math.ceil(y + MARGIN);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<rect x="12" y="12" width="${WIDTH - 24}" height="${height - 24}" rx="24" fill="none" stroke="#1f6f43" stroke-width="6"/>`,
    ...parts,
    "</svg>",
  ].join("\n");
}

/** A QR code as one path, scaled into a `side`-pixel square (quiet zone included). */
export function qrPath(matrix: QrMatrix, x: number, y: number, side: number): string {
  const quiet = 2;
  const scale = side / (matrix.size + 2 * quiet);
  let d = "";
  for (let row = 0; row < matrix.size; row++) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.dark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.dark(row, col)) col++;
      d += `M${start + quiet} ${row + quiet}h${col - start}v1h${start - col}z`;
    }
  }
  return `<path transform="translate(${x} ${y}) scale(${scale})" fill="#000000" shape-rendering="crispEdges" d="${d}"/>`;
}

function text(
  x: number,
  y: number,
  content: string,
  size: number,
  weight: "normal" | "bold" = "normal",
  letterSpacing = 0,
  fill = "#111111",
): string {
  const spacing = letterSpacing ? ` letter-spacing="${letterSpacing}"` : "";
  return `<text x="${x}" y="${y}" font-family="${FONT}" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="middle"${spacing}>${escapeXml(content)}</text>`;
}

/** Breaks text into lines of at most `width` characters, at spaces. */
export function wrap(content: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of content.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export function escapeXml(content: string): string {
  return content.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The bundled DejaVu Sans files (regular and bold), found through the package. */
export function fontFiles(): string[] {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
  return [join(dir, "DejaVuSans.ttf"), join(dir, "DejaVuSans-Bold.ttf")];
}
