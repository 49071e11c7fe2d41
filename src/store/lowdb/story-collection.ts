import type { Story } from "../../domain/story.js";
import type { StoryRepository } from "../story-repository.js";
import { hashPartition } from "./collection-layout.js";
import type { CollectionOpener } from "./collection-opener.js";

/** Stories on lowdb, spread over 8 files by id, indexed by status, report and broadcast. */
export async function openStories(open: CollectionOpener): Promise<StoryRepository> {
  const stories = await open<Story>("stories", {
    id: (s) => s.id,
    partition: hashPartition(8, (s) => s.id),
    indexes: {
      status: (s) => [s.status],
      report: (s) => (s.reportId ? [s.reportId] : []),
      broadcast: (s) => [
        ...new Set([
          ...(s.submission ? [s.submission.broadcastId] : []),
          ...(s.broadcastId ? [s.broadcastId] : []),
        ]),
      ],
    },
  });
  return {
    get: async (id) => stories.get(id),
    save: (story) => stories.put(story),
    remove: (id) => stories.remove(id),
    findByReport: async (reportId) => stories.find("report", reportId)[0],
    findByBroadcast: async (broadcastId) => stories.find("broadcast", broadcastId)[0],
    listByStatus: async (status) => stories.find("status", status),
  };
}
