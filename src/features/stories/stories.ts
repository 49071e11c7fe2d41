import type { AppDeps } from "../app-deps.js";
import type { Feature } from "../feature.js";
import type { DialogEngine, Flow } from "../member-dialogs.js";
import { followStoryBroadcast } from "./publication-sync.js";
import { storiesFeature } from "./stories-feature.js";
import { storyEditFlow } from "./story-edit-flow.js";
import type { StoryPublisher } from "./story-publisher.js";

/** The story library as the composition root wires it. */
export interface Stories {
  /** The broadcaster's story editing flow, for the dialog engine. */
  flows: Flow<unknown>[];
  /** `/stories`, `/stories pending` and their buttons. */
  feature(engine: DialogEngine): Feature;
  /**
   * Call after every stored change of a broadcast: a story it carries follows at once
   * (approved, published, returned, recalled). Never rejects; a failure is logged and made
   * good the next time the library is read (every read brings stories in line first).
   */
  follow(broadcast: { id: string; storyId?: string }): Promise<void>;
}

/**
 * Builds the library over the app's dependencies and the broadcasting side's publisher
 * (without one, nominations can be read and edited but not submitted for publication).
 */
export function createStories(deps: AppDeps, publisher?: StoryPublisher): Stories {
  return {
    flows: [storyEditFlow(publisher) as Flow<unknown>],
    feature: (engine) => storiesFeature(engine, publisher),
    follow: async (broadcast) => {
      if (!publisher || !broadcast.storyId) return;
      try {
        await followStoryBroadcast(deps.store, publisher, broadcast.id, deps.now());
      } catch (error) {
        deps.logger.error(
          { err: error, broadcastId: broadcast.id },
          "stories: a story did not follow its broadcast",
        );
      }
    },
  };
}
