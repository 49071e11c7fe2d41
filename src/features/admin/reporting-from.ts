import { existsOn, type Unit } from "../../domain/unit.js";
import { successorOf } from "../../domain/unit-successor.js";
import { UnitTree } from "../../domain/unit-tree.js";
import { isoWeekOfDate, type WeekKey, weekDates } from "../../domain/week.js";
import type { Store } from "../../store/store.js";

/** What `units reporting-from` did, or why it did nothing. */
export type ReportingFromResult =
  | { ok: true; week: WeekKey | undefined; hamlets: Unit[] }
  | { ok: false; code: "unknown-unit"; unitId: string }
  | { ok: false; code: "ended-unit"; unit: Unit; successor: Unit | undefined }
  | { ok: false; code: "no-hamlets"; unit: Unit };

/**
 * Sets (or, with no date, clears) the week from which hamlets are expected to report: the
 * hamlet itself, or every hamlet under a ward or commune today. The Monday of the date's
 * week is kept, since reports are counted by week. Only the date changes: the record is
 * otherwise the stored one, and the reference sync keeps it on each start.
 */
export async function setReportingFrom(
  store: Store,
  unitId: string,
  date: string | undefined,
  today: string,
): Promise<ReportingFromResult> {
  const units = await store.units.list();
  const tree = new UnitTree(units);
  const unit = tree.get(unitId);
  if (!unit) return { ok: false, code: "unknown-unit", unitId };
  if (!existsOn(unit, today)) {
    return {
      ok: false,
      code: "ended-unit",
      unit,
      successor: successorOf(unit, today, (id) => tree.get(id)),
    };
  }
  const hamlets =
    unit.kind === "hamlet"
      ? [unit]
      : tree.hamletsUnder(unit.id).filter((hamlet) => existsOn(hamlet, today));
  if (hamlets.length === 0) return { ok: false, code: "no-hamlets", unit };
  const week = date ? weekOfIsoDate(date) : undefined;
  const monday = week ? weekDates(week).monday : undefined;
  const changed = hamlets.map((hamlet) => {
    const { reportingFrom: _previous, ...rest } = hamlet;
    return monday ? { ...rest, reportingFrom: monday } : rest;
  });
  await store.units.saveMany(changed);
  return { ok: true, week, hamlets: changed };
}

function weekOfIsoDate(date: string): WeekKey {
  const [year, month, day] = date.split("-").map(Number);
  return isoWeekOfDate(year ?? 0, month ?? 1, day ?? 1);
}
