import type { HamletReport } from "../../domain/report.js";
import { isUntouched, nominationFrom, renominated, type Story } from "../../domain/story.js";
import type { Store } from "../../store/store.js";
import type { AppDeps } from "../app-deps.js";

/** The sequence story ids are drawn from. */
const STORY_SEQUENCE = "story";

/** A new story id: short, so that a button naming it fits Telegram's 64 bytes. */
export async function nextStoryId(store: Store): Promise<string> {
  return String(await store.sequences.next(STORY_SEQUENCE));
}

/**
 * Brings the library in line with a report just filed: its good deed arrives as a
 * "nominated" story. A report filed again for the same week updates its nomination while no
 * broadcaster has touched it, and withdraws it if the deed was taken out; once a broadcaster
 * has edited, submitted or decided on it, the library keeps their version.
 * Returns the nomination as it now stands, if any.
 */
export async function nominateGoodDeed(
  store: Store,
  report: HamletReport,
  now: Date,
): Promise<Story | undefined> {
  const existing = await store.stories.findByReport(report.id);
  if (!report.goodDeed) {
    if (existing && isUntouched(existing)) await store.stories.remove(existing.id);
    return existing && !isUntouched(existing) ? existing : undefined;
  }
  if (existing) {
    const fresh = nominationFrom(report, existing.id, now);
    const updated = fresh && renominated(existing, fresh);
    if (!updated) return existing;
    if (!sameDeed(existing, updated)) await store.stories.save(updated);
    return updated;
  }
  const story = nominationFrom(report, await nextStoryId(store), now);
  if (story) await store.stories.save(story);
  return story;
}

/**
 * Nominates the good deed of every counted report that has none in the library yet: catches
 * up reports filed before the library existed, or whose nomination was lost to a crash
 * between storing the report and the story. Cheap: reports are held in memory.
 */
export async function catchUpNominations(store: Store, now: Date): Promise<number> {
  let added = 0;
  for (const report of await store.reports.listAll()) {
    if (!report.goodDeed || (await store.stories.findByReport(report.id))) continue;
    if (await nominateGoodDeed(store, report, now)) added++;
  }
  return added;
}

function sameDeed(a: Story, b: Story): boolean {
  return (
    a.text === b.text &&
    a.consent === b.consent &&
    a.photo?.file === b.photo?.file &&
    a.criterionIds.join() === b.criterionIds.join()
  );
}

/**
 * The hook the weekly report calls once a report is stored: nominates its good deed, and
 * never fails the report for it (the head's receipt does not wait on the library). A
 * nomination lost here is caught up the next time a broadcaster opens `/stories pending`.
 */
export async function nominateFromReport(deps: AppDeps, report: HamletReport): Promise<void> {
  try {
    await nominateGoodDeed(deps.store, report, deps.now());
  } catch (error) {
    deps.logger.error({ err: error, reportId: report.id }, "stories: a nomination was not stored");
  }
}
