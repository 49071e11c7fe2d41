import type { Text } from "../../dialog/flow.js";
import type { Audience } from "../../domain/audience.js";
import type { PublicationProgress, Story } from "../../domain/story.js";
import type { MemberContext } from "../feature.js";

/** The outcome of handing a story to a new broadcast. */
export type PublicationOutcome =
  | { ok: true; broadcastId: string; progress: PublicationProgress }
  | { ok: false; reason: Text };

/**
 * The broadcasting side as the story library uses it: publishing a story is creating a
 * broadcast of kind "model story" from it, which follows the same approval rule as any
 * broadcast; the library then follows that broadcast to know when the story is published.
 */
export interface StoryPublisher {
  /**
   * Creates a "model story" broadcast of the story's title, text and photo for the audience,
   * by the member of `ctx`, to go out as soon as it is approved (or at once when approval is
   * off), and tells the approvers. Refuses with a reason the member is shown.
   */
  submit(ctx: MemberContext, story: Story, audience: Audience): Promise<PublicationOutcome>;
  /** Where a broadcast carrying a story stands; undefined when there is no such broadcast. */
  progress(broadcastId: string): Promise<PublicationProgress | undefined>;
}
