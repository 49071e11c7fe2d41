import { followedBroadcast, followPublication, type Story } from "../../domain/story.js";
import type { Store } from "../../store/store.js";
import type { StoryPublisher } from "./story-publisher.js";

/** The statuses in which a story still follows its broadcast. */
const FOLLOWING = ["nominated", "approved", "published"] as const;

/**
 * Brings one story in line with its broadcast (approved, published, returned or recalled)
 * and stores the change; returns the story as it now stands.
 */
export async function syncStory(
  store: Store,
  publisher: StoryPublisher,
  story: Story,
  now: Date,
): Promise<Story> {
  const broadcastId = followedBroadcast(story);
  if (!broadcastId) return story;
  const progress = await publisher.progress(broadcastId);
  if (!progress) return story;
  const followed = followPublication(story, broadcastId, progress, now);
  if (followed !== story) await store.stories.save(followed);
  return followed;
}

/**
 * Brings every story handed to a broadcast in line with it. Run before the library is read,
 * so a reader never waits on the broadcasting side to have told the library.
 */
export async function syncPublications(
  store: Store,
  publisher: StoryPublisher,
  now: Date,
): Promise<void> {
  for (const status of FOLLOWING) {
    for (const story of await store.stories.listByStatus(status)) {
      if (followedBroadcast(story)) await syncStory(store, publisher, story, now);
    }
  }
}

/**
 * The hook for the broadcasting side: after a broadcast carrying a story changed (approved,
 * rejected, sent, cancelled, recalled), the story follows at once. Nothing when no story is
 * on that broadcast.
 */
export async function followStoryBroadcast(
  store: Store,
  publisher: StoryPublisher,
  broadcastId: string,
  now: Date,
): Promise<Story | undefined> {
  const story = await store.stories.findByBroadcast(broadcastId);
  return story ? syncStory(store, publisher, story, now) : undefined;
}
