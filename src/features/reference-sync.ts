import type { Campaign } from "../domain/campaign.js";
import type { CriteriaSet } from "../domain/criteria.js";
import type { Organisation } from "../domain/organisation.js";
import type { Unit } from "../domain/unit.js";
import type { ReferenceData } from "../reference/reference-data.js";
import type { Store } from "../store/store.js";

/** What a sync changed, for the start-up log. */
export interface SyncReport {
  added: number;
  updated: number;
  deactivated: number;
}

/**
 * Brings the store in line with the shipped reference data, by id. Records that history may
 * refer to are never deleted: one the data no longer lists is marked inactive. Only records
 * that came from `data/` are managed: what the CLI added is left alone.
 */
export async function syncReferenceData(
  store: Store,
  reference: ReferenceData,
): Promise<SyncReport> {
  const report: SyncReport = { added: 0, updated: 0, deactivated: 0 };
  const fromData = (record: { source: string }) => record.source === "data";
  const always = () => true;
  const units = reconcile<Unit>(
    await store.units.list(),
    reference.units,
    fromData,
    report,
    keepAdminSettings,
  );
  const orgs = reconcile<Organisation>(
    await store.organisations.list(),
    reference.organisations,
    fromData,
    report,
  );
  // Criteria sets only ever come from data/ (their `source` is a legal text).
  const sets = reconcile<CriteriaSet>(
    await store.criteria.listSets(),
    reference.criteriaSets,
    always,
    report,
  );
  const campaigns = reconcile<Campaign>(
    await store.campaigns.list(),
    reference.campaigns,
    // A plan loaded with `campaigns import` is the city's own: a start never retires it.
    (campaign) => campaign.source !== "cli",
    report,
  );

  const writes: Promise<void>[] = [];
  if (units.length > 0) writes.push(store.units.saveMany(units));
  if (orgs.length > 0) writes.push(store.organisations.saveMany(orgs));
  if (sets.length > 0) writes.push(store.criteria.saveSets(sets));
  if (campaigns.length > 0) writes.push(store.campaigns.saveMany(campaigns));
  const fields = { groups: reference.reportFields.groups };
  if (JSON.stringify(await store.reportFields.get()) !== JSON.stringify(fields)) {
    writes.push(store.reportFields.save(fields));
  }
  await Promise.all(writes);
  return report;
}

// A hamlet's household count and its dated renames (`units import`) and the date it reports
// from (`units reporting-from`) are the city's own figures: the shipped data does not overwrite them
// unless it ships its own.
function keepAdminSettings(current: Unit, next: Unit): Unit {
  return {
    ...next,
    ...(current.households !== undefined && next.households === undefined
      ? { households: current.households }
      : {}),
    ...(current.reportingFrom !== undefined && next.reportingFrom === undefined
      ? { reportingFrom: current.reportingFrom }
      : {}),
    ...(current.names !== undefined && next.names === undefined ? { names: current.names } : {}),
  };
}

/**
 * The records to write so the stored ones match the shipped ones. A stored record that
 * `managed` rejects (added by the CLI) is left alone, even under a shipped id.
 */
function reconcile<T extends { id: string; active: boolean }>(
  stored: readonly T[],
  shipped: readonly T[],
  managed: (record: T) => boolean,
  report: SyncReport,
  carry: (current: T, next: T) => T = (_current, next) => next,
): T[] {
  const storedById = new Map(stored.map((record) => [record.id, record]));
  const shippedIds = new Set(shipped.map((record) => record.id));
  const changes: T[] = [];
  for (const record of shipped) {
    const current = storedById.get(record.id);
    if (current && !managed(current)) continue;
    const shippedNext = { ...record, active: true };
    const next = current ? carry(current, shippedNext) : shippedNext;
    if (!current) report.added++;
    else if (JSON.stringify(current) === JSON.stringify(next)) continue;
    else report.updated++;
    changes.push(next);
  }
  for (const record of stored) {
    if (managed(record) && record.active && !shippedIds.has(record.id)) {
      report.deactivated++;
      changes.push({ ...record, active: false });
    }
  }
  return changes;
}
