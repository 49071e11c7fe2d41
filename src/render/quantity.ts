import type { Locale } from "../domain/member.js";
import type { Translate } from "../i18n.js";
import { labelOf } from "../reference/labels.js";
import { formatNumber } from "./format.js";

/** A value in a unit, as it will be shown. */
export interface Quantity {
  value: number;
  unit: string;
  /** Fraction digits worth showing in this unit. */
  digits: number;
}

/**
 * Larger units a total moves into once it grows, so it reads naturally: 2.400 m is 2,4 km,
 * 1.250 triệu đồng is 1,25 tỷ đồng, 12.000 m² is 1,2 ha. The unit names are the data's ids.
 */
const SCALES: Record<string, { from: number; unit: string; factor: number; digits: number }> = {
  m: { from: 1000, unit: "km", factor: 1000, digits: 1 },
  "triệu đồng": { from: 1000, unit: "tỷ đồng", factor: 1000, digits: 2 },
  "m²": { from: 10_000, unit: "ha", factor: 10_000, digits: 2 },
};

/**
 * Smaller units a figure below one moves into: 0,2 triệu đồng is said "200 nghìn đồng", as
 * people say money, never "0,2 triệu đồng"; nothing is "0 đồng", never "0 triệu đồng".
 */
const SMALL_SCALES: Record<string, { unit: string; factor: number; zero: string }> = {
  "triệu đồng": { unit: "nghìn đồng", factor: 1000, zero: "đồng" },
};

/** The value in the unit it reads best in (metres become km, triệu đồng become tỷ đồng …). */
export function scaleQuantity(value: number, unit: string): Quantity {
  const scale = SCALES[unit];
  if (scale && Math.abs(value) >= scale.from) {
    return { value: value / scale.factor, unit: scale.unit, digits: scale.digits };
  }
  const small = SMALL_SCALES[unit];
  if (small && value === 0) return { value, unit: small.zero, digits: 0 };
  if (small && Math.abs(value) < 1) {
    return { value: value * small.factor, unit: small.unit, digits: 0 };
  }
  return { value, unit, digits: 1 };
}

/**
 * A total as a reader says it, in their locale: vi `2,4 km`, `1,04 tỷ đồng`, `3.120 ngày công`;
 * en `2.4 km`, `1.04 billion VND`. Unit names come from the `reference` namespace (the field
 * units), else from `summary:unit` (the larger units), else the data's own name; without a
 * translate function the data's (Vietnamese) unit name is used.
 */
export function formatQuantity(locale: Locale, value: number, unit: string, t?: Translate): string {
  const scaled = scaleQuantity(value, unit);
  const number = formatNumber(locale, scaled.value, scaled.digits);
  return `${number} ${t ? unitName(t, scaled.unit, scaled.value) : scaled.unit}`;
}

/** The name of a unit of measure in the reader's language, plural-aware where translated. */
export function unitName(t: Translate, unit: string, count: number): string {
  const own = String(t(`summary:unit.${unit}`, { count, defaultValue: unit }));
  return labelOf(t, "fieldUnit", unit, own);
}
