import type { Story } from "../../domain/story.js";

/**
 * Where a page of stories ended: the last story shown, by the instant it is ordered by and
 * its id. Carried by the "more" button, so the next page starts right after it even if newer
 * stories were published in between.
 */
export interface StoryCursor {
  at: string;
  id: string;
}

/** The instant a story is ordered by in the library: when it was published, else created. */
function orderedAt(story: Story): string {
  return story.publishedAt ?? story.createdAt;
}

/** The cursor after a story. */
export function cursorAfter(story: Story): StoryCursor {
  return { at: orderedAt(story), id: story.id };
}

/** A cursor as button data: the instant in base 36 milliseconds, a dot, the id (short enough for 64 bytes). */
export function encodeCursor(cursor: StoryCursor): string {
  return `${Date.parse(cursor.at).toString(36)}.${cursor.id}`;
}

/** A cursor read back from button data, or undefined when the data is not one. */
export function decodeCursor(text: string): StoryCursor | undefined {
  const match = /^([0-9a-z]{1,12})\.([0-9A-Za-z_-]{1,32})$/.exec(text);
  if (!match?.[1] || !match[2]) return undefined;
  const ms = Number.parseInt(match[1], 36);
  if (!Number.isFinite(ms) || ms > 8.64e15) return undefined;
  return { at: new Date(ms).toISOString(), id: match[2] };
}

/** True when the story comes after the cursor, newest first (by instant, then by id). */
export function isAfter(story: Story, cursor: StoryCursor): boolean {
  const at = orderedAt(story);
  return at < cursor.at || (at === cursor.at && story.id < cursor.id);
}
