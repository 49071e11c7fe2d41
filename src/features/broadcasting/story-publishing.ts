import type { Broadcast } from "../../domain/broadcast.js";
import type { PublicationProgress } from "../../domain/story.js";
import type { StoryPublisher } from "../stories/story-publisher.js";
import type { BroadcastEnv } from "./broadcast-env.js";
import { submitBroadcast } from "./broadcast-service.js";
import { refusalText } from "./broadcast-texts.js";

/** Where a broadcast carrying a story stands, as the library reads it. */
export function publicationProgress(broadcast: Broadcast): PublicationProgress {
  switch (broadcast.state) {
    case "pending":
      return "awaiting-approval";
    case "scheduled":
    case "sending":
      return "approved";
    case "sent":
      return "sent";
    case "recalled":
      return "recalled";
    case "rejected":
    case "cancelled":
      return "returned";
  }
}

/**
 * Publishing a library story is submitting a "model story" broadcast of its title, text and
 * photo, to go out as soon as approved: the same scope check and approval as any broadcast.
 */
export function broadcastStoryPublisher(env: BroadcastEnv): StoryPublisher {
  return {
    submit: async (ctx, story, audience) => {
      const result = await submitBroadcast(env, ctx.member, {
        kind: "story",
        title: story.title,
        text: story.text,
        ...(story.photo ? { photo: story.photo } : {}),
        storyId: story.id,
        audience,
        schedule: { kind: "now" },
        urgent: false,
      });
      if (!result.ok) return { ok: false, reason: refusalText(ctx.t, ctx.locale, result) };
      return {
        ok: true,
        broadcastId: result.broadcast.id,
        progress: publicationProgress(result.broadcast),
      };
    },
    progress: async (broadcastId) => {
      const broadcast = await env.deps.store.broadcasts.get(broadcastId);
      return broadcast ? publicationProgress(broadcast) : undefined;
    },
  };
}
