import type { Locale } from "../../domain/member.js";
import type { Translate } from "../../i18n.js";
import { unitLabel } from "../../reference/labels.js";
import { formatDate } from "../../render/format.js";
import type { Store } from "../../store/store.js";
import { hamletStanding, placedLabel, standingLines } from "./criteria-progress.js";
import type { CriterionRecordChange } from "./criteria-records.js";

/**
 * What `criteria set` prints: each state recorded (or found already so), then the hamlet's
 * standing on every hamlet criteria set as summaries count it. JSON: the statuses with their
 * action, and the standing per set.
 */
export async function criteriaStateResult(
  t: Translate,
  locale: Locale,
  store: Pick<Store, "criteria">,
  changes: readonly CriterionRecordChange[],
  today: string,
): Promise<{ json: unknown; text: string[] }> {
  const text: string[] = [];
  const standings: Array<{
    unitId: string;
    set: string;
    met: number;
    total: number;
    meets: boolean;
  }> = [];
  for (const change of changes) {
    text.push(
      t(change.action === "unchanged" ? "review:cli.set.unchanged" : "review:cli.set.done", {
        unit: unitLabel(t, change.unit),
        criterion: placedLabel(t, change.placed),
        state: t(`review:cli.state.${change.status.state}`),
        date: formatDate(locale, change.status.since),
      }),
    );
  }
  const hamlets = [
    ...new Map(
      changes.filter((c) => c.unit.kind === "hamlet").map((c) => [c.unit.id, c.unit]),
    ).values(),
  ];
  for (const hamlet of hamlets) {
    const standing = await hamletStanding(store, hamlet.id, today);
    for (const line of standingLines(t, standing)) {
      text.push(t("review:cli.set.standing", { unit: unitLabel(t, hamlet), line }));
    }
    for (const s of standing) {
      standings.push({
        unitId: hamlet.id,
        set: s.set.id,
        met: s.met,
        total: s.total,
        meets: s.meets,
      });
    }
  }
  return {
    json: {
      statuses: changes.map((c) => ({ ...c.status, action: c.action })),
      standing: standings,
    },
    text,
  };
}
