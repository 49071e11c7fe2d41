import type { Answers, Text } from "../../dialog/flow.js";
import {
  type Audience,
  addressesEveryone,
  audienceFor,
  broadcasterGrants,
  grantFor,
} from "../../domain/audience.js";
import type { Criterion } from "../../domain/criteria.js";
import { localDate } from "../../domain/local-time.js";
import type { Channel } from "../../domain/member.js";
import type { Organisation } from "../../domain/organisation.js";
import {
  CONSENT_STATES,
  type ConsentState,
  editStory,
  isPending,
  type Story,
  type StoryEdits,
} from "../../domain/story.js";
import { broadcasterCovers } from "../../domain/story-area.js";
import { existsOn, type Unit, unitOn } from "../../domain/unit.js";
import type { UnitTree } from "../../domain/unit-tree.js";
import type { MemberContext } from "../feature.js";
import type { CardContext } from "./story-card.js";
import { loadCardContext } from "./story-context.js";

/** The steps of the story editing flow. */
export const STORY_STEP = {
  menu: "menu",
  title: "title",
  text: "text",
  consent: "consent",
  tags: "tags",
  org: "org",
  area: "area",
  confirm: "confirm",
  setAside: "setAside",
} as const;

/** The menu's actions that end the flow or lead to the audience. */
export const MENU_ACTION = { submit: "submit", later: "later", setAside: "setAside" } as const;

/** How many members a story would reach, in all and per channel. */
export interface Reach {
  total: number;
  byChannel: ReadonlyMap<Channel, number>;
}

/** What the story flow's steps are built from, loaded afresh for every message. */
export interface StoryEditData {
  card: CardContext;
  /** The story as stored now. */
  story?: Story;
  /** Why the story cannot be taken up by this member now (gone, decided, out of scope). */
  refusal?: Text;
  /** The story with this draft's edits applied. */
  edited?: Story;
  /** The organisations the member may publish it for (grants covering its unit). */
  orgs: Organisation[];
  /** The organisation chosen, or the only one. */
  org?: Organisation;
  /** The areas the story may be sent to for that organisation, the story's commune first. */
  areas: Unit[];
  area?: Unit;
  /** Criteria the story may be tagged with. */
  criteria: Criterion[];
  /** Who it would go to, once the audience is settled and the member is at the last step. */
  audience?: Audience;
  reach?: Reach;
}

/** The broadcaster's edits held in the draft's answers. */
export function editsOf(answers: Answers): StoryEdits {
  const edits: StoryEdits = {};
  const title = answers[STORY_STEP.title];
  if (typeof title === "string") edits.title = title;
  const text = answers[STORY_STEP.text];
  if (typeof text === "string") edits.text = text;
  const consent = answers[STORY_STEP.consent];
  if ((CONSENT_STATES as readonly unknown[]).includes(consent)) {
    edits.consent = consent as ConsentState;
  }
  const tags = answers[STORY_STEP.tags];
  if (Array.isArray(tags)) edits.criterionIds = tags.filter((v) => typeof v === "string");
  return edits;
}

/** True when the draft changes something of the story. */
export function hasEdits(answers: Answers): boolean {
  return Object.keys(editsOf(answers)).length > 0;
}

/** Loads the story flow's data for a member, the story named at the start, and the answers. */
export async function loadStoryEditData(
  ctx: MemberContext,
  context: Record<string, unknown>,
  answers: Answers,
): Promise<StoryEditData> {
  const { store } = ctx.deps;
  const card = await loadCardContext(ctx);
  const base: StoryEditData = { card, orgs: [], areas: [], criteria: [] };
  const storyId = typeof context.storyId === "string" ? context.storyId : "";
  const story = storyId ? await store.stories.get(storyId) : undefined;
  if (!story) return { ...base, refusal: { key: "stories:refusal.gone" } };
  if (!broadcasterCovers(card.tree, ctx.member, story)) {
    return { ...base, story, refusal: { key: "stories:refusal.outOfScope" } };
  }
  if (!isPending(story)) {
    return { ...base, story, refusal: { key: `stories:refusal.taken.${takenKind(story)}` } };
  }
  const edited = editStory(story, editsOf(answers), ctx.member.id, ctx.deps.now());
  const orgs = publishingOrgs(ctx, card, story);
  const chosenOrg = typeof answers[STORY_STEP.org] === "string" ? answers[STORY_STEP.org] : "";
  const org = orgs.find((o) => o.id === chosenOrg) ?? (orgs.length === 1 ? orgs[0] : undefined);
  const areas = org ? areasFor(ctx, card.tree, story, org.id) : [];
  const chosenArea = typeof answers[STORY_STEP.area] === "string" ? answers[STORY_STEP.area] : "";
  const area =
    areas.find((a) => a.id === chosenArea) ?? (areas.length === 1 ? areas[0] : undefined);
  const data: StoryEditData = {
    ...base,
    story,
    ...(edited.ok ? { edited: { ...edited.story, ...(org ? { orgId: org.id } : {}) } } : {}),
    orgs,
    ...(org ? { org } : {}),
    areas,
    ...(area ? { area } : {}),
    criteria: await criteriaFor(ctx, card.tree, story),
  };
  if (org && area && answers[STORY_STEP.menu] === MENU_ACTION.submit) {
    // As broadcasts do: the Fatherland Front speaks to everyone there, a mass organisation to its members.
    const among = addressesEveryone([org]) ? "everyone" : "org-members";
    const audience: Audience = { orgIds: [org.id], areaIds: [area.id], roles: [], among };
    const selection = audienceFor(await store.members.list(), audience, card.tree);
    data.audience = audience;
    data.reach = { total: selection.recipients.length, byChannel: selection.byChannel };
  }
  return data;
}

/** Which of "submitted", "approved", "published" or "set aside" a story no longer pending is. */
export function takenKind(story: Story): string {
  if (story.status === "nominated") return "submitted";
  return story.status === "set-aside" ? "setAside" : story.status;
}

/** The member's mass organisations whose broadcaster grants cover the story's unit. */
function publishingOrgs(ctx: MemberContext, card: CardContext, story: Story): Organisation[] {
  const grants = broadcasterGrants(ctx.member);
  const ids = new Set(
    grants
      .filter((grant) => card.tree.covers(grant.unitId, story.unitId))
      .flatMap((grant) => grant.orgIds),
  );
  return [...card.organisations.values()].filter((org) => org.active && ids.has(org.id));
}

/**
 * The areas offered for sending the story for an organisation: the commune or ward it
 * happened in, then the units of the member's grants for that organisation, as far as they
 * reach; only units in force today, under today's names (never a commune merged away).
 */
function areasFor(ctx: MemberContext, tree: UnitTree, story: Story, orgId: string): Unit[] {
  const today = localDate(ctx.deps.now(), ctx.deps.config.timeZone);
  const grants = broadcasterGrants(ctx.member);
  const hamlet = tree.get(story.unitId);
  const candidates = [
    ...(hamlet?.kind === "hamlet" && hamlet.parent ? [hamlet.parent] : [story.unitId]),
    ...grants.filter((g) => g.orgIds.includes(orgId)).map((g) => g.unitId),
  ];
  const areas: Unit[] = [];
  for (const id of new Set(candidates)) {
    const unit = tree.get(id);
    if (
      unit &&
      existsOn(unit, today) &&
      tree.covers(id, story.unitId) &&
      grantFor(grants, orgId, id, tree)
    ) {
      areas.push(unitOn(unit, today));
    }
  }
  return areas;
}

/**
 * The criteria a story may be tagged with: the first active set of its unit's level (the
 * hamlet NTM set for a hamlet's story), plus any it is already tagged with.
 */
async function criteriaFor(ctx: MemberContext, tree: UnitTree, story: Story): Promise<Criterion[]> {
  const level = tree.get(story.unitId)?.kind === "hamlet" ? "hamlet" : "commune";
  const sets = (await ctx.deps.store.criteria.listSets()).filter((set) => set.active);
  const offered = sets.find((set) => set.level === level)?.criteria ?? [];
  const all = sets.flatMap((set) => set.criteria);
  const extra = all.filter(
    (c) => story.criterionIds.includes(c.id) && !offered.some((o) => o.id === c.id),
  );
  return [...offered, ...extra];
}
