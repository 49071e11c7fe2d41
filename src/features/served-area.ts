import { localDate } from "../domain/local-time.js";
import { topUnitsOn, unitOn } from "../domain/unit.js";
import type { Translate } from "../i18n.js";
import { unitInlineLabel } from "../reference/labels.js";
import type { AppDeps } from "./app-deps.js";

/**
 * The area the assistant serves, as named today inside a sentence ("tỉnh Cao Bằng"), taken
 * from the unit tree rather than a fixed string: the city named in 2024 ended on 1 July 2025.
 * Undefined when no unit is loaded.
 */
export async function servedAreaToday(
  deps: Pick<AppDeps, "store" | "now" | "config">,
  t: Translate,
  locale: string,
): Promise<string | undefined> {
  const today = localDate(deps.now(), deps.config.timeZone);
  const tops = topUnitsOn(await deps.store.units.list(), today);
  if (tops.length === 0) return undefined;
  const names = tops.map((unit) => unitInlineLabel(t, locale, unitOn(unit, today)));
  return new Intl.ListFormat(locale, { type: "conjunction" }).format(names);
}
