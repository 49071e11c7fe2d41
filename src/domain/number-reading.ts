import { type QuantityPart, readQuantityPhrase } from "./quantity-phrase.js";
import { countsFit, type FieldUnit, fieldUnitOf } from "./quantity-units.js";
import type { ReportField } from "./report-fields.js";

/** Why an answer was not accepted: a `parse:` locale key and the values its text needs. */
export type RefusalReason = { key: string; params: Record<string, string | number> };

/** A head's answer to one report field: a value in the field's unit, "skip", or a refusal to explain. */
export type FieldReading =
  | { kind: "value"; value: number; approximate: boolean }
  | { kind: "skip" }
  | { kind: "refused"; reason: RefusalReason };

/**
 * Every refusal key `readFieldAnswer` can return. Each comes with the params `unitName`
 * (the field's unit as shipped), `unitKey` (see `parse:unitName.*`), `example` (one of
 * `parse:example.*`), `min` and `max`; `tooLarge`, `tooSmall` and `notWhole` add `value`,
 * `wrongUnit` adds `given` (the unit as typed), `ambiguousSeparator` adds `asDecimal` and
 * `asThousands`.
 */
export const REFUSAL_KEYS = [
  "parse:refusal.unreadable",
  "parse:refusal.range",
  "parse:refusal.negative",
  "parse:refusal.ambiguousSeparator",
  "parse:refusal.wrongUnit",
  "parse:refusal.tooLarge",
  "parse:refusal.tooSmall",
  "parse:refusal.notWhole",
] as const;

/** The example sets in `parse:example.*`, one per kind of unit. */
export const EXAMPLE_KEYS = ["length", "area", "money", "count"] as const;

type RefusalName = (typeof REFUSAL_KEYS)[number] extends `parse:refusal.${infer N}` ? N : never;

// Longer than any real answer; keeps the reader's work bounded.
const MAX_ANSWER_LENGTH = 200;
// A bare number this large in a money field can only be đồng ("500000" is not 500 000 triệu).
const CLEARLY_DONG = 100_000;

function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(Number(value.toPrecision(12)) * scale) / scale;
}

/** The base-unit size of one part, or the typed unit that does not fit the field. */
function baseValueOf(part: QuantityPart, field: FieldUnit): number | { given: string } {
  const { unit } = part;
  if (unit) {
    // "350 mét đất" is how people say 350 m² of land.
    const metreForArea = field.kind === "area" && unit.kind === "length" && unit.factor === 1;
    if (unit.kind !== field.kind && !metreForArea) return { given: part.unitText ?? "" };
    if (unit.kind === "count" && !countsFit(unit, field)) return { given: part.unitText ?? "" };
    return part.value * unit.factor;
  }
  if (field.kind === "money") {
    // "500 nghìn" and "2.000.000" are amounts in đồng; a bare "2" is in the field's unit.
    const inDong = part.scaled || (part.value >= CLEARLY_DONG && field.factor > 1);
    return inDong ? part.value : part.value * field.factor;
  }
  if (part.moneyScale) return { given: part.moneyScale };
  return part.value * field.factor;
}

/**
 * Reads a number the way hamlet heads type it ("1,2 km", "2 triệu rưỡi", "khoảng 300",
 * "không", "bỏ qua") and converts it into the field's unit, refusing what it cannot read surely.
 */
export function readFieldAnswer(text: string, field: ReportField): FieldReading {
  const unit = fieldUnitOf(field.unit);
  const refuse = (
    name: RefusalName,
    extra: Record<string, string | number> = {},
  ): FieldReading => ({
    kind: "refused",
    reason: {
      key: `parse:refusal.${name}`,
      params: {
        unitName: field.unit,
        unitKey: unit.unitKey,
        example: unit.kind,
        min: field.min,
        max: field.max,
        ...extra,
      },
    },
  });
  const accept = (value: number, approximate: boolean): FieldReading => {
    if (!Number.isFinite(value)) return refuse("unreadable");
    if (value > field.max) return refuse("tooLarge", { value });
    if (value < field.min) return refuse("tooSmall", { value });
    if (unit.whole && !Number.isInteger(value)) return refuse("notWhole", { value });
    return { kind: "value", value, approximate };
  };

  if (text.length > MAX_ANSWER_LENGTH) return refuse("unreadable");
  const phrase = readQuantityPhrase(text);
  switch (phrase.kind) {
    case "skip":
      return { kind: "skip" };
    case "zero":
      return accept(0, false);
    case "unreadable":
    case "range":
    case "negative":
      return refuse(phrase.kind);
    case "ambiguousSeparator":
      return refuse("ambiguousSeparator", {
        asDecimal: phrase.asDecimal,
        asThousands: phrase.asThousands,
      });
    case "quantity": {
      let total = 0;
      for (const part of phrase.parts) {
        const base = baseValueOf(part, unit);
        if (typeof base !== "number") return refuse("wrongUnit", base);
        total += base;
      }
      return accept(roundTo(total / unit.factor, unit.decimals), phrase.approximate);
    }
  }
}
