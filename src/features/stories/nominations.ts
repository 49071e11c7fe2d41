import type { HamletReport } from "../../domain/report.js";
import { isUntouched, nominationFrom, renominated, type Story } from "../../domain/story.js";
import type { Store } from "../../store/store.js";

/** The sequence story ids are drawn from. */
const STORY_SEQUENCE = "story";

/** A new story id: short, so that a button naming it fits Telegram's 64 bytes. */
export async function nextStoryId(store: Store): Promise<string> {
  return String(await store.sequences.next(STORY_SEQUENCE));
}

/** The report fields a nomination is drawn from. */
export type NominatingReport = Parameters<typeof nominationFrom>[0];

/** What a report just filed changes in the library, and the nomination as it then stands. */
export interface NominationChange {
  change?: { save: Story } | { remove: string };
  story?: Story;
}

/**
 * Brings the library in line with a report: its good deed arrives as a "nominated" story. A
 * report filed again for the same week updates its nomination while no broadcaster has
 * touched it, and withdraws it if the deed was taken out; once a broadcaster has edited,
 * submitted or decided on it, the library keeps their version. Reads only; the caller
 * stores the change (with the report, when filing one).
 */
export async function nominationChange(
  store: Store,
  report: NominatingReport,
  now: Date,
): Promise<NominationChange> {
  const existing = await store.stories.findByReport(report.id);
  if (!report.goodDeed) {
    if (!existing) return {};
    return isUntouched(existing) ? { change: { remove: existing.id } } : { story: existing };
  }
  if (existing) {
    const fresh = nominationFrom(report, existing.id, now);
    const updated = fresh && renominated(existing, fresh);
    if (!updated) return { story: existing };
    return sameDeed(existing, updated)
      ? { story: updated }
      : { change: { save: updated }, story: updated };
  }
  const story = nominationFrom(report, await nextStoryId(store), now);
  return story ? { change: { save: story }, story } : {};
}

/** Nominates a stored report's good deed now; returns the nomination as it stands, if any. */
export async function nominateGoodDeed(
  store: Store,
  report: HamletReport,
  now: Date,
): Promise<Story | undefined> {
  const { change, story } = await nominationChange(store, report, now);
  if (change && "save" in change) await store.stories.save(change.save);
  if (change && "remove" in change) await store.stories.remove(change.remove);
  return story;
}

/**
 * Nominates the good deed of every counted report that has none in the library yet: catches
 * up reports filed before the library existed, or before a nomination was filed with its
 * report as one unit of work. Cheap: reports are held in memory.
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
