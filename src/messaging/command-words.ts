/**
 * Zalo has no command menu, many people type Vietnamese without diacritics, and people who use
 * both platforms type on Telegram as they do on Zalo: so a few plain words (and the short forms
 * people write, "bc"), typed as the whole message, stand for the slash commands on both. A letter may be typed with
 * its proper diacritics or bare, so "báo cáo", "bao cao" and "bao cáo" all match; but a letter
 * with OTHER marks does not, so "đúng" (right) never reads as "dừng" (stop).
 */

/** Each command's words, as written properly in Vietnamese (both tone placements where usual). */
const WORDS: Record<string, readonly string[]> = {
  report: ["báo cáo", "bc", "báo cáo tuần", "bc tuần", "báo cáo tuần này"],
  status: ["tình hình", "xem tình hình"],
  stop: ["dừng", "dừng nhận tin", "ngừng nhận tin", "không nhận tin nữa"],
  help: ["trợ giúp", "hướng dẫn"],
  cancel: ["hủy", "huỷ", "hủy bỏ", "huỷ bỏ"],
  start: ["bắt đầu"],
  lang: ["ngôn ngữ", "đổi ngôn ngữ"],
  join: ["tham gia"],
  myreports: ["báo cáo của tôi", "báo cáo đã gửi"],
  reports: ["xem báo cáo", "duyệt báo cáo"],
  summary: ["tổng hợp", "bản tổng hợp"],
  stories: ["gương điển hình", "điển hình", "gương người tốt"],
  broadcast: ["soạn tin", "gửi tin"],
  broadcasts: ["tin đã soạn", "danh sách tin"],
};

/** The command words a code may follow ("tham gia K7PM3Q"). */
const TAKES_ARGUMENT = new Set(["join"]);

/** A command read from a typed message: its name (no slash, lower case) and its arguments. */
export interface TypedCommand {
  name: string;
  args: string;
}

const ENTRIES: readonly { command: string; letters: Letter[] }[] = Object.entries(WORDS).flatMap(
  ([command, words]) => words.map((word) => ({ command, letters: lettersOf(spoken(word)) })),
);

/**
 * The command a typed text stands for: `/name args` (the name lower-cased), or one of the
 * Vietnamese command words as the whole message; undefined for any other text.
 */
export function commandOf(text: string): TypedCommand | undefined {
  const trimmed = text.trim();
  const slash = /^\/([\p{L}\p{N}_]+)(?:@\S*)?(?:\s+([\s\S]*))?$/u.exec(trimmed);
  if (slash?.[1]) return { name: slash[1].toLowerCase(), args: (slash[2] ?? "").trim() };
  const whole = wordCommand(spoken(trimmed));
  if (whole) return { name: whole, args: "" };
  // "tham gia K7PM3Q": a command word, then what it takes.
  const words = spoken(trimmed).split(" ");
  for (let length = Math.min(3, words.length - 1); length >= 1; length--) {
    const name = wordCommand(words.slice(0, length).join(" "));
    if (name && TAKES_ARGUMENT.has(name)) {
      const args = trimmed
        .replace(/[.!?…,;:]+$/u, "")
        .split(/\s+/)
        .slice(length)
        .join(" ");
      return { name, args };
    }
  }
  return undefined;
}

/** The command whose word this is, letter by letter: each typed letter bare or with the same marks. */
function wordCommand(typed: string): string | undefined {
  const letters = lettersOf(typed);
  const entry = ENTRIES.find(
    (candidate) =>
      candidate.letters.length === letters.length &&
      candidate.letters.every((letter, i) => {
        const given = letters[i];
        return given?.base === letter.base && (given.marks === "" || given.marks === letter.marks);
      }),
  );
  return entry?.command;
}

/** Lower case, composed (NFC), single spaces, without the punctuation people add at the end. */
function spoken(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[.!?…,;:]+$/u, "")
    .replace(/\s+/gu, " ")
    .trim();
}

/** A letter without its diacritics, and the diacritics (đ's stroke counts as one). */
interface Letter {
  base: string;
  marks: string;
}

/** The letters of a text: "dừng" → d, u (with horn and grave), n, g. */
function lettersOf(text: string): Letter[] {
  const letters: Letter[] = [];
  for (const char of text.normalize("NFD")) {
    const last = letters.at(-1);
    if (/\p{M}/u.test(char) && last) last.marks += char;
    else if (char === "đ") letters.push({ base: "d", marks: "đ" });
    else letters.push({ base: char, marks: "" });
  }
  return letters;
}
