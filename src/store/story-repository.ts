import type { Story, StoryStatus } from "../domain/story.js";

/** The library of model stories: nominations, approved and published stories. */
export interface StoryRepository {
  get(id: string): Promise<Story | undefined>;
  /** Stores the story, replacing the one with the same id. */
  save(story: Story): Promise<void>;
  /** Forgets a story (a nomination its report withdrew before anyone touched it). */
  remove(id: string): Promise<void>;
  /** The story a weekly report nominated, if any. */
  findByReport(reportId: string): Promise<Story | undefined>;
  /** The story a broadcast carries (submitted to it, or published by it), if any. */
  findByBroadcast(broadcastId: string): Promise<Story | undefined>;
  /** Every story in a status, in no particular order. */
  listByStatus(status: StoryStatus): Promise<Story[]>;
}
