import type { FlowEnv } from "../../dialog/flow.js";
import type { Broadcast } from "../../domain/broadcast.js";
import {
  CONSENT_METHODS,
  type ConsentMethod,
  followPublication,
  submitStory,
  writtenStory,
} from "../../domain/story.js";
import type { Store } from "../../store/store.js";
import { nextStoryId } from "../stories/nominations.js";
import { type BroadcastEnv, unitTreeOf } from "./broadcast-env.js";
import { type ComposerData, STEP } from "./composer-data.js";
import { publicationProgress } from "./story-publishing.js";

/** The library id a story written in the composer will have, so its broadcast can carry it. */
export function reserveStoryId(store: Store): Promise<string> {
  return nextStoryId(store);
}

/**
 * Puts a model story written in the composer into the library, handed to the broadcast that
 * carries it, with the consent the author recorded: once the broadcast goes out it is a
 * published story every reader of its area finds in `/stories`.
 */
export async function keepWrittenStory(
  env: BroadcastEnv,
  flowEnv: FlowEnv<ComposerData>,
  storyId: string,
  broadcast: Broadcast,
): Promise<void> {
  const { store } = env.deps;
  const { draft } = flowEnv.data;
  const now = env.deps.now();
  const answer = flowEnv.answers[STEP.consent];
  const how = CONSENT_METHODS.find((method): method is ConsentMethod => method === answer);
  const story = writtenStory(
    {
      title: draft.title ?? "",
      text: draft.text ?? "",
      ...(draft.photo ? { photo: draft.photo } : {}),
      unitId: await storyArea(store, broadcast.audience.areaIds),
      orgId: broadcast.audience.orgIds[0] ?? "",
      authorId: flowEnv.ctx.member.id,
      consent: how ? { how } : "nobody-named",
    },
    storyId,
    now,
  );
  const submitted = submitStory(story, broadcast.id, flowEnv.ctx.member.id, now);
  if (!submitted.ok) return;
  // The broadcast may already be on its way (approval off, "send now"): follow it as it is now.
  const current = (await store.broadcasts.get(broadcast.id)) ?? broadcast;
  await store.stories.save(
    followPublication(submitted.story, broadcast.id, publicationProgress(current), now),
  );
}

/** The unit a story belongs to: the one area chosen, or the commune of the hamlets picked. */
async function storyArea(store: Store, areaIds: readonly string[]): Promise<string> {
  const [first] = areaIds;
  if (!first) return "";
  if (areaIds.length === 1) return first;
  return (await unitTreeOf(store)).get(first)?.parent ?? first;
}
