import { localDate } from "../../domain/local-time.js";
import type { Locale } from "../../domain/member.js";
import type { Organisation } from "../../domain/organisation.js";
import type { Story } from "../../domain/story.js";
import type { UnitTree } from "../../domain/unit-tree.js";
import type { Translate } from "../../i18n.js";
import type { Logger } from "../../logger.js";
import type { Outbound, OutboundFile } from "../../messaging/outbound.js";
import { organisationLabel, unitInlineLabel, unitLabel } from "../../reference/labels.js";
import { formatDate } from "../../render/format.js";
import type { FileRepository } from "../../store/file-repository.js";
import { keptPhoto } from "../kept-photos.js";

/** What naming a story's place and organisation needs. */
export interface CardContext {
  t: Translate;
  locale: Locale;
  tree: UnitTree;
  organisations: ReadonlyMap<string, Organisation>;
  timeZone: string;
}

/**
 * Where a story happened, as readers say it inside a sentence: "xóm Nam Phong 2, phường Thục
 * Phán"; at the start of a line (`lineStart`) the first word keeps its capital.
 */
export function placeOf(ctx: CardContext, unitId: string, lineStart = false): string {
  const unit = ctx.tree.get(unitId);
  if (!unit) return unitId;
  const parent = unit.kind === "hamlet" && unit.parent ? ctx.tree.get(unit.parent) : undefined;
  const name = lineStart ? unitLabel(ctx.t, unit) : unitInlineLabel(ctx.t, ctx.locale, unit);
  return parent
    ? ctx.t("stories:place.withParent", {
        unit: name,
        parent: unitInlineLabel(ctx.t, ctx.locale, parent),
      })
    : name;
}

/** The organisation's name, or the id when the data no longer has it. */
export function orgNameOf(ctx: CardContext, orgId: string): string {
  const org = ctx.organisations.get(orgId);
  return org ? organisationLabel(ctx.t, org) : orgId;
}

/**
 * A published story as a member reads it: the title in bold, the text, then who published
 * it, where it happened and when; with its photo when it has one.
 */
export function storyCard(ctx: CardContext, story: Story, photo?: OutboundFile): Outbound {
  const date = formatDate(
    ctx.locale,
    localDate(new Date(story.publishedAt ?? story.createdAt), ctx.timeZone),
  );
  const footer = story.orgId
    ? ctx.t("stories:card.footerWithOrg", {
        org: orgNameOf(ctx, story.orgId),
        place: placeOf(ctx, story.unitId),
        date,
      })
    : ctx.t("stories:card.footer", { place: placeOf(ctx, story.unitId, true), date });
  return {
    text: [story.title, story.text, footer].join("\n\n"),
    bold: [story.title],
    ...(photo ? { file: photo } : {}),
  };
}

/**
 * The story's photo as a file to send; undefined when it has none or the file cannot be read
 * (the story is then shown without it, and the gap logged).
 */
export async function storyPhoto(
  files: FileRepository,
  story: Story,
  logger: Logger,
): Promise<OutboundFile | undefined> {
  if (!story.photo) return undefined;
  try {
    const photo = await keptPhoto(files, story.photo);
    if (!photo) logger.warn({ storyId: story.id }, "a story's photo is gone");
    return photo;
  } catch (error) {
    logger.warn({ err: error, storyId: story.id }, "a story's photo could not be read");
    return undefined;
  }
}
