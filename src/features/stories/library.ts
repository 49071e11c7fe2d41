import { newestFirst } from "../../domain/story.js";
import { homeArea, isInReadingArea } from "../../domain/story-area.js";
import { unitInlineLabel } from "../../reference/labels.js";
import type { MemberContext } from "../feature.js";
import { storyCard, storyPhoto } from "./story-card.js";
import { loadCardContext } from "./story-context.js";
import { cursorAfter, decodeCursor, encodeCursor, isAfter } from "./story-cursor.js";

/** How many stories a page of `/stories` shows. */
export const LIBRARY_PAGE_SIZE = 5;

/** The choice data of the library's "more" button: `sty:more:<cursor>`. */
export const MORE_CHOICE = "sty:more:";

/**
 * Shows a member the latest published stories of their area, newest first, one message
 * each (title in bold, text, photo when there is one), five at a time with a "more" button
 * that continues after the last one shown.
 */
export async function showLibrary(ctx: MemberContext, cursorText?: string): Promise<void> {
  const { store, logger } = ctx.deps;
  const card = await loadCardContext(ctx);
  const readerUnit = ctx.member.unitId;
  const inArea = (await store.stories.listByStatus("published"))
    .filter((story) => isInReadingArea(card.tree, readerUnit, story.unitId))
    .sort(newestFirst);
  const cursor = cursorText === undefined ? undefined : decodeCursor(cursorText);
  if (cursorText !== undefined && !cursor) {
    await ctx.reply.send({ text: ctx.t("stories:library.closed") });
    return;
  }
  const remaining = cursor ? inArea.filter((story) => isAfter(story, cursor)) : inArea;
  const page = remaining.slice(0, LIBRARY_PAGE_SIZE);
  const area = card.tree.get(homeArea(card.tree, readerUnit));
  const areaName = area ? unitInlineLabel(ctx.t, ctx.locale, area) : "";

  if (!cursor) {
    if (page.length === 0) {
      await ctx.reply.send({ text: ctx.t("stories:library.empty", { area: areaName }) });
      return;
    }
    await ctx.reply.send({ text: ctx.t("stories:library.intro", { area: areaName }) });
  }
  for (const story of page) {
    const photo = await storyPhoto(store.files, story, logger);
    await ctx.reply.send(storyCard(card, story, photo));
  }
  const left = remaining.length - page.length;
  const last = page.at(-1);
  if (left > 0 && last) {
    await ctx.reply.send({
      text: ctx.t("stories:library.moreLeft", { count: left }),
      choices: [
        [
          {
            data: MORE_CHOICE + encodeCursor(cursorAfter(last)),
            label: ctx.t("stories:library.more"),
          },
        ],
      ],
      choiceMode: "single",
    });
  } else if (cursor) {
    await ctx.reply.send({ text: ctx.t("stories:library.end") });
  }
}
