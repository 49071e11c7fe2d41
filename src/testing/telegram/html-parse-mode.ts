import { badRequest } from "./api-error.js";

/** A Bot API MessageEntity (offsets and lengths in UTF-16 code units). */
export interface MessageEntity {
  /** Entity type: bold, italic, text_link, bot_command, ... */
  type: string;
  /** Start, in UTF-16 code units. */
  offset: number;
  /** Length, in UTF-16 code units. */
  length: number;
  /** For text_link. */
  url?: string;
  /** For pre. */
  language?: string;
  /** For custom_emoji. */
  custom_emoji_id?: string;
}

/** Text with its formatting, as Telegram stores a message after parsing. */
export interface FormattedText {
  /** The plain text the user reads. */
  text: string;
  /** The formatting over it. */
  entities: MessageEntity[];
}

const SIMPLE_TAGS: Record<string, string> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  code: "code",
  pre: "pre",
};

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

interface OpenTag {
  name: string;
  /** Opening order, so an outer tag's entity comes before an inner one of the same span. */
  order?: number;
  type: string | undefined;
  offset: number;
  url?: string;
  language?: string;
  customEmojiId?: string;
}

/**
 * Parses Telegram's HTML parse mode into text and entities, rejecting what Telegram rejects
 * (unsupported or unclosed tags) with its "can't parse entities" 400.
 */
export function parseHtml(input: string): FormattedText {
  let text = "";
  const entities: Array<MessageEntity & { order: number }> = [];
  const stack: OpenTag[] = [];
  let opened = 0;
  const fail = (detail: string, at: number): never => {
    const byteOffset = Buffer.byteLength(input.slice(0, at));
    throw badRequest(`can't parse entities: ${detail} at byte offset ${byteOffset}`);
  };
  let i = 0;
  while (i < input.length) {
    const char = input[i] as string;
    if (char === "&") {
      const match = /^&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/i.exec(input.slice(i, i + 12));
      const decoded = match ? decodeEntity(match[1] as string) : undefined;
      if (match && decoded !== undefined) {
        text += decoded;
        i += match[0].length;
      } else {
        text += "&";
        i += 1;
      }
      continue;
    }
    if (char !== "<") {
      text += char;
      i += 1;
      continue;
    }
    const close = input.indexOf(">", i);
    if (close < 0) fail("Unclosed start tag", i);
    const inside = input.slice(i + 1, close);
    if (inside.startsWith("/")) {
      const name = inside.slice(1).trim().toLowerCase();
      const open = stack.pop();
      if (!open) fail(`Unexpected end tag "${name}"`, i);
      else if (open.name !== name) fail(`Unmatched end tag "${name}", expected "${open.name}"`, i);
      else closeTag(open, text.length, entities);
    } else {
      const name = /^[a-zA-Z][a-zA-Z0-9-]*/.exec(inside)?.[0]?.toLowerCase();
      if (!name) fail("Expected tag name", i);
      else
        stack.push({
          ...openTag(name, parseAttributes(inside.slice(name.length)), text.length, stack, i, fail),
          order: opened++,
        });
    }
    i = close + 1;
  }
  const unclosed = stack.pop();
  if (unclosed) {
    throw badRequest(
      `can't parse entities: Can't find end tag corresponding to start tag "${unclosed.name}"`,
    );
  }
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length || a.order - b.order);
  return { text, entities: entities.map(({ order: _, ...entity }) => entity) };
}

function openTag(
  name: string,
  attributes: Record<string, string>,
  offset: number,
  stack: OpenTag[],
  at: number,
  fail: (detail: string, at: number) => never,
): OpenTag {
  if (name in SIMPLE_TAGS) {
    const parent = stack[stack.length - 1];
    const language = /^language-(.+)$/.exec(attributes.class ?? "")?.[1];
    // <pre><code class="language-x"> is one pre entity carrying the language.
    if (name === "code" && parent?.name === "pre" && language) {
      parent.language = language;
      return { name, type: undefined, offset };
    }
    return { name, type: SIMPLE_TAGS[name], offset };
  }
  switch (name) {
    case "span":
      if (attributes.class !== "tg-spoiler") fail('Tag "span" must have class "tg-spoiler"', at);
      return { name, type: "spoiler", offset };
    case "a":
      return attributes.href
        ? { name, type: "text_link", offset, url: attributes.href }
        : { name, type: undefined, offset };
    case "blockquote":
      return {
        name,
        type: "expandable" in attributes ? "expandable_blockquote" : "blockquote",
        offset,
      };
    case "tg-emoji":
      if (!attributes["emoji-id"]) fail('Tag "tg-emoji" must have attribute "emoji-id"', at);
      return { name, type: "custom_emoji", offset, customEmojiId: attributes["emoji-id"] };
    default:
      return fail(`Unsupported start tag "${name}"`, at);
  }
}

function closeTag(
  open: OpenTag,
  end: number,
  entities: Array<MessageEntity & { order: number }>,
): void {
  const length = end - open.offset;
  // Telegram drops formatting that covers no text.
  if (!open.type || length === 0) return;
  entities.push({
    order: open.order ?? 0,
    type: open.type,
    offset: open.offset,
    length,
    ...(open.url ? { url: open.url } : {}),
    ...(open.language ? { language: open.language } : {}),
    ...(open.customEmojiId ? { custom_emoji_id: open.customEmojiId } : {}),
  });
}

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  const pattern = /([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  for (const match of source.matchAll(pattern)) {
    const value = match[2] ?? match[3] ?? match[4] ?? "";
    attributes[(match[1] as string).toLowerCase()] = decodeAttribute(value);
  }
  return attributes;
}

function decodeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    return decodeEntity(body) ?? whole;
  });
}

function decodeEntity(body: string): string | undefined {
  if (body.startsWith("#x") || body.startsWith("#X")) {
    return safeCodePoint(Number.parseInt(body.slice(2), 16));
  }
  if (body.startsWith("#")) return safeCodePoint(Number.parseInt(body.slice(1), 10));
  return NAMED_ENTITIES[body.toLowerCase()];
}

function safeCodePoint(code: number): string | undefined {
  return Number.isFinite(code) && code >= 0 && code <= 0x10ffff
    ? String.fromCodePoint(code)
    : undefined;
}
