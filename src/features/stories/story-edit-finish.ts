import type { FinishOutcome, Text } from "../../dialog/flow.js";
import { broadcasterGrants, withinBroadcasterScope } from "../../domain/audience.js";
import {
  editStory,
  followPublication,
  publicationRefusal,
  type Story,
  setStoryAside,
  submitStory,
} from "../../domain/story.js";
import type { FlowEnv } from "../member-dialogs.js";
import {
  editsOf,
  hasEdits,
  MENU_ACTION,
  STORY_STEP,
  type StoryEditData,
} from "./story-edit-data.js";
import type { StoryPublisher } from "./story-publisher.js";

const refused = (reason: Text, keepDraft: boolean): FinishOutcome => ({
  kind: "refused",
  reason,
  keepDraft,
});

/**
 * Ends the story flow as the broadcaster chose: keeps the edits for later, sets the
 * nomination aside, or hands it to a new "model story" broadcast, which goes through the
 * approval rule. Everything is checked again against the story as stored now: another
 * broadcaster may have taken it up while this draft waited.
 */
export function finishStoryEdit(publisher: StoryPublisher | undefined) {
  return async (env: FlowEnv<StoryEditData>): Promise<FinishOutcome> => {
    const { data, answers, ctx } = env;
    if (data.refusal || !data.story) {
      return refused(data.refusal ?? { key: "stories:refusal.gone" }, false);
    }
    const { store } = ctx.deps;
    const now = ctx.deps.now();
    const by = ctx.member.id;
    const story = data.story;
    const title = { title: data.edited?.title ?? story.title };

    switch (answers[STORY_STEP.menu]) {
      case MENU_ACTION.setAside: {
        const aside = setStoryAside(story, by, now);
        if (!aside.ok) return refused({ key: `stories:refusal.${aside.refusal}` }, false);
        await store.stories.save(aside.story);
        return done(ctx.t("stories:done.setAside", { title: story.title }));
      }
      case MENU_ACTION.submit:
        return submit(env, publisher);
      default: {
        if (!hasEdits(answers)) return done(ctx.t("stories:done.unchanged", title));
        const edited = editStory(story, editsOf(answers), by, now);
        if (!edited.ok) return refused({ key: `stories:refusal.${edited.refusal}` }, false);
        await store.stories.save(edited.story);
        return done(ctx.t("stories:done.saved", title));
      }
    }
  };
}

async function submit(
  env: FlowEnv<StoryEditData>,
  publisher: StoryPublisher | undefined,
): Promise<FinishOutcome> {
  const { data, answers, ctx } = env;
  const { store } = ctx.deps;
  const now = ctx.deps.now();
  const story = data.story as Story;
  const edited = editStory(story, editsOf(answers), ctx.member.id, now);
  if (!edited.ok) return refused({ key: `stories:refusal.${edited.refusal}` }, false);
  const refusal = publicationRefusal(edited.story);
  if (refusal) return refused({ key: `stories:refusal.${refusal}` }, true);
  if (!data.org) return refused({ key: "stories:refusal.noOrg" }, true);
  if (!data.area || !data.audience) return refused({ key: "stories:refusal.noArea" }, true);
  const grants = broadcasterGrants(ctx.member);
  if (!withinBroadcasterScope(grants, data.audience, data.card.tree)) {
    return refused({ key: "stories:refusal.outOfScope" }, true);
  }
  if (!publisher) return refused({ key: "stories:refusal.noPublisher" }, true);

  // The edits are kept even if the broadcasting side refuses, so nothing typed is lost.
  const ready: Story = { ...edited.story, orgId: data.org.id };
  await store.stories.save(ready);
  const outcome = await publisher.submit(ctx, ready, data.audience);
  if (!outcome.ok) return refused(outcome.reason, true);
  const submitted = submitStory(ready, outcome.broadcastId, ctx.member.id, now);
  if (!submitted.ok) return refused({ key: `stories:refusal.${submitted.refusal}` }, false);
  const followed = followPublication(submitted.story, outcome.broadcastId, outcome.progress, now);
  await store.stories.save(followed);
  const key =
    outcome.progress === "awaiting-approval"
      ? "stories:done.awaitingApproval"
      : outcome.progress === "sent"
        ? "stories:done.published"
        : "stories:done.approved";
  return done(ctx.t(key, { title: followed.title }));
}

function done(text: string): FinishOutcome {
  return { kind: "done", message: { text } };
}
