import { isPending } from "../../domain/story.js";
import { broadcasterCovers } from "../../domain/story-area.js";
import { UnitTree } from "../../domain/unit-tree.js";
import { typedForm } from "../../messaging/typed-form.js";
import { roleInlineLabel } from "../../reference/labels.js";
import type { Feature, MemberContext } from "../feature.js";
import type { DialogEngine } from "../member-dialogs.js";
import { MORE_CHOICE, showLibrary } from "./library.js";
import { OPEN_CHOICE, PENDING_MORE_CHOICE, showPending } from "./pending.js";
import { syncPublications } from "./publication-sync.js";
import { takenKind } from "./story-edit-data.js";
import { STORY_EDIT_FLOW_ID } from "./story-edit-flow.js";
import type { StoryPublisher } from "./story-publisher.js";

/** The choice-data prefix the stories feature owns. */
export const STORY_CHOICE_PREFIX = "sty";

/** What `/stories <word>` accepts for the broadcaster's list of nominations, as typed. */
const PENDING_WORDS = new Set(["pending", "cho", "cho duyet", "de cu"]);

/**
 * The story library: `/stories` shows a member the latest published stories of their area;
 * `/stories pending` shows a broadcaster the nominations in their scope, each opening the
 * flow in which it is edited and submitted for publication. Before anything is read, stories
 * handed to a broadcast are brought in line with it (approved, published, returned).
 */
export function storiesFeature(engine: DialogEngine, publisher?: StoryPublisher): Feature {
  const sync = async (ctx: MemberContext) => {
    if (publisher) await syncPublications(ctx.deps.store, publisher, ctx.deps.now());
  };
  return {
    name: "stories",
    commands: {
      stories: async (ctx) => {
        await sync(ctx);
        if (PENDING_WORDS.has(typedForm(ctx.inbound.text ?? ""))) {
          if (await refuseUnlessBroadcaster(ctx)) return;
          await showPending(ctx);
          return;
        }
        await showLibrary(ctx);
      },
    },
    choices: {
      [STORY_CHOICE_PREFIX]: async (ctx) => {
        const data = ctx.inbound.choice?.data ?? "";
        await ctx.reply.acknowledge();
        if (data.startsWith(MORE_CHOICE)) {
          await sync(ctx);
          await showLibrary(ctx, data.slice(MORE_CHOICE.length));
          return;
        }
        if (await refuseUnlessBroadcaster(ctx)) return;
        await sync(ctx);
        if (data.startsWith(PENDING_MORE_CHOICE)) {
          await showPending(ctx, data.slice(PENDING_MORE_CHOICE.length));
        } else if (data.startsWith(OPEN_CHOICE)) {
          await openStory(ctx, engine, data.slice(OPEN_CHOICE.length));
        } else {
          await ctx.reply.send({ text: ctx.t("common:error.closed") });
        }
      },
    },
  };
}

/** Says plainly that nominations are for broadcasters, unless the member is one. */
async function refuseUnlessBroadcaster(ctx: MemberContext): Promise<boolean> {
  if (ctx.member.roles.some((grant) => grant.role === "broadcaster")) return false;
  const role = roleInlineLabel(ctx.t, ctx.locale, "broadcaster");
  await ctx.reply.send({ text: ctx.t("common:error.notAllowed", { roles: role }) });
  return true;
}

/**
 * Opens a nomination in the editing flow, checking first (a button may be old or forged)
 * that it is still waiting and within the member's scope, so that a refused press never
 * drops a draft the member has going. A draft for another story gives way to this one.
 */
async function openStory(ctx: MemberContext, engine: DialogEngine, storyId: string) {
  const { store } = ctx.deps;
  const story = await store.stories.get(storyId);
  const tree = new UnitTree(await store.units.list());
  if (!story) {
    await ctx.reply.send({ text: ctx.t("stories:refusal.gone") });
    return;
  }
  if (!broadcasterCovers(tree, ctx.member, story)) {
    await ctx.reply.send({ text: ctx.t("stories:refusal.outOfScope") });
    return;
  }
  if (!isPending(story)) {
    await ctx.reply.send({ text: ctx.t(`stories:refusal.taken.${takenKind(story)}`) });
    return;
  }
  const active = await engine.active(ctx.member.id);
  if (active?.flow === STORY_EDIT_FLOW_ID && active.context.storyId !== storyId) {
    // The engine would resume the other story's draft; the member asked for this one.
    await store.dialogs.delete(ctx.member.id);
  }
  await engine.start(ctx, STORY_EDIT_FLOW_ID, { storyId });
}
