import { isPending, newestFirst, type Story } from "../../domain/story.js";
import { broadcasterCovers } from "../../domain/story-area.js";
import type { MemberContext } from "../feature.js";
import { catchUpNominations } from "./nominations.js";
import { placeOf } from "./story-card.js";
import { loadCardContext } from "./story-context.js";
import { cursorAfter, decodeCursor, encodeCursor, isAfter } from "./story-cursor.js";

/** How many nominations a page of `/stories pending` lists. */
export const PENDING_PAGE_SIZE = 8;

/** The choice data of a nomination's button: `sty:open:<story id>`. */
export const OPEN_CHOICE = "sty:open:";
/** The choice data of the pending list's "more" button: `sty:pend:<cursor>`. */
export const PENDING_MORE_CHOICE = "sty:pend:";

/** The longest a story's title is shown on a button. */
const BUTTON_TITLE_LENGTH = 40;

/**
 * Lists, for a broadcaster, the nominations in their scope waiting to be taken up (newest
 * first, a button each to open one), and those already handed to a broadcast that waits for
 * approval. Reports filed before the library knew of them are nominated first.
 */
export async function showPending(ctx: MemberContext, cursorText?: string): Promise<void> {
  const { store } = ctx.deps;
  const now = ctx.deps.now();
  await catchUpNominations(store, now);
  const card = await loadCardContext(ctx);
  const mine = (story: Story) => broadcasterCovers(card.tree, ctx.member, story);
  const nominated = (await store.stories.listByStatus("nominated")).filter(mine).sort(newestFirst);
  const pending = nominated.filter(isPending);
  const awaiting = nominated.filter((story) => story.submission);
  const cursor = cursorText === undefined ? undefined : decodeCursor(cursorText);
  const remaining = cursor ? pending.filter((story) => isAfter(story, cursor)) : pending;
  const page = remaining.slice(0, PENDING_PAGE_SIZE);

  const lines: string[] = [];
  if (!cursor) {
    lines.push(
      page.length > 0
        ? ctx.t("stories:pending.intro", { count: pending.length })
        : ctx.t("stories:pending.none"),
    );
  }
  // With buttons the list is in the text and the buttons name the titles; without (Zalo) the
  // numbered menu is the list, so each line is said once.
  const lineOf = (story: Story) =>
    ctx.t(
      story.consent === "not-agreed" ? "stories:pending.lineNoConsent" : "stories:pending.line",
      {
        title: story.title,
        place: placeOf(card, story.unitId),
      },
    );
  const buttons = ctx.reply.buttons;
  if (buttons) {
    page.forEach((story, index) => {
      lines.push(`${index + 1}. ${lineOf(story)}`);
    });
  }
  if (page.length > 0)
    lines.push(ctx.t(buttons ? "stories:pending.howTo" : "stories:pending.howToNumbered"));
  if (!cursor && awaiting.length > 0) {
    lines.push(ctx.t("stories:pending.awaiting", { count: awaiting.length }));
    for (const story of awaiting) {
      lines.push(ctx.t("stories:pending.awaitingLine", { title: story.title }));
    }
  }

  const choices = page.map((story, index) => [
    {
      data: OPEN_CHOICE + story.id,
      label: buttons ? `${index + 1}. ${shortTitle(story.title)}` : lineOf(story),
    },
  ]);
  const last = page.at(-1);
  if (last && remaining.length > page.length) {
    choices.push([
      {
        data: PENDING_MORE_CHOICE + encodeCursor(cursorAfter(last)),
        label: ctx.t("stories:pending.more", { count: remaining.length - page.length }),
      },
    ]);
  }
  await ctx.reply.send({
    text: lines.join("\n"),
    ...(choices.length > 0 ? { choices, choiceMode: "single" as const } : {}),
  });
}

function shortTitle(title: string): string {
  const chars = [...title];
  return chars.length <= BUTTON_TITLE_LENGTH
    ? title
    : `${chars
        .slice(0, BUTTON_TITLE_LENGTH - 1)
        .join("")
        .trimEnd()}…`;
}
