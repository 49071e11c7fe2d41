import type { Flow } from "../member-dialogs.js";
import { loadStoryEditData, STORY_STEP, type StoryEditData } from "./story-edit-data.js";
import { finishStoryEdit } from "./story-edit-finish.js";
import { storyEditSteps } from "./story-edit-steps.js";
import type { StoryPublisher } from "./story-publisher.js";

/** The id of the flow in which a broadcaster takes up a nominated story. */
export const STORY_EDIT_FLOW_ID = "story-edit";

/**
 * A broadcaster takes up a nominated story: sees it as it stands, changes its title, text,
 * tags or the recorded consent, then submits it for publication (a "model story" broadcast
 * under the approval rule), keeps it for later, or sets it aside. Started with
 * `{ storyId }` as context.
 */
export function storyEditFlow(publisher?: StoryPublisher): Flow<StoryEditData> {
  return {
    id: STORY_EDIT_FLOW_ID,
    restart: { key: "stories:restart" },
    load: loadStoryEditData,
    steps: storyEditSteps,
    route: (env) => (env.data.refusal ? { end: "finish" } : STORY_STEP.menu),
    finish: finishStoryEdit(publisher),
  };
}
