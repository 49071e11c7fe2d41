import { normaliseAnswer, stripDiacritics } from "./answer-tokens.js";

/** What a number measures; a head's unit must be of the same kind as the field's. */
export type QuantityKind = "length" | "area" | "money" | "count";

/** A unit a head may type, sized in its kind's base unit: metre, square metre, đồng, one item. */
export interface QuantityUnit {
  kind: QuantityKind;
  factor: number;
  /** How a bare number after the unit reads: "1 km 2" = 1,2 km, "1 mét 75" = 1,75 m. */
  tail?: "kilometre" | "metre";
  /**
   * For a count: what is counted, as a field's `unitKey` names it ("tree", "person"…), so
   * "80 người" is not taken for 80 production models. Absent for words that count anything.
   */
  counts?: string;
}

const KILOMETRE: QuantityUnit = { kind: "length", factor: 1000, tail: "kilometre" };
const METRE: QuantityUnit = { kind: "length", factor: 1, tail: "metre" };
const SQUARE_METRE: QuantityUnit = { kind: "area", factor: 1 };
const HECTARE: QuantityUnit = { kind: "area", factor: 10_000 };
const DONG: QuantityUnit = { kind: "money", factor: 1 };
const ITEM: QuantityUnit = { kind: "count", factor: 1 };
const counting = (counts: string): QuantityUnit => ({ kind: "count", factor: 1, counts });
const TREE = counting("tree");
const PERSON = counting("person");
const ATTENDANCE = counting("attendance");
const HOUSEHOLD = counting("household");
const LABOUR_DAY = counting("labourDay");
const HOUSE = counting("house");

/** Units by unaccented spelling. Land measures are the Northern (Bắc Bộ) ones used in Cao Bằng. */
export const UNIT_WORDS: Record<string, QuantityUnit> = {
  km: KILOMETRE,
  kilomet: KILOMETRE,
  "ki lo met": KILOMETRE,
  "kilo met": KILOMETRE,
  "cay so": KILOMETRE,
  m: METRE,
  met: METRE,
  m2: SQUARE_METRE,
  "met vuong": SQUARE_METRE,
  "m vuong": SQUARE_METRE,
  km2: { kind: "area", factor: 1_000_000 },
  ha: HECTARE,
  hecta: HECTARE,
  "hec ta": HECTARE,
  hec: HECTARE,
  mau: { kind: "area", factor: 3600 },
  sao: { kind: "area", factor: 360 },
  thuoc: { kind: "area", factor: 24 },
  dong: DONG,
  d: DONG,
  vnd: DONG,
  cay: TREE,
  "cay xanh": TREE,
  nguoi: PERSON,
  "luot nguoi": ATTENDANCE,
  luot: ATTENDANCE,
  buoi: counting("session"),
  ho: HOUSEHOLD,
  "gia dinh": HOUSEHOLD,
  "ngay cong": LABOUR_DAY,
  cong: LABOUR_DAY,
  ngay: LABOUR_DAY,
  "mo hinh": counting("productionModel"),
  vu: counting("incident"),
  cai: ITEM,
  lan: ITEM,
  cuoc: ITEM,
};

/** Units recognised only with their accents, because the bare spelling is a common particle. */
export const ACCENTED_UNIT_WORDS: Record<string, QuantityUnit> = { nhà: HOUSE, căn: HOUSE };

// What a field counting one thing also accepts: attendance is counted in people too.
const ALSO_COUNTED_AS: Record<string, readonly string[]> = { attendance: ["person"] };

/**
 * True when a typed count unit may stand for the field's: the same thing counted, or a
 * word that counts anything ("cái", "lần"), or a field whose unit the reader does not know.
 */
export function countsFit(typed: QuantityUnit, field: FieldUnit): boolean {
  if (typed.counts === undefined || field.unitKey === "item") return true;
  return (
    typed.counts === field.unitKey || (ALSO_COUNTED_AS[field.unitKey] ?? []).includes(typed.counts)
  );
}

/** How a report field's own unit is read and checked. */
export interface FieldUnit {
  kind: QuantityKind;
  /** The field unit's size in base units: 1 for m, 1 000 000 for triệu đồng. */
  factor: number;
  /** Counts of things (trees, houses) must be whole; lengths, money and labour days need not. */
  whole: boolean;
  /** Decimal places kept: centimetres, square centimetres, single đồng. */
  decimals: number;
  /** Names the unit in locale files (`parse:unitName.<key>`), e.g. "metre", "tree". */
  unitKey: string;
}

const FIELD_UNITS: Record<string, Omit<FieldUnit, "decimals">> = {
  m: { kind: "length", factor: 1, whole: false, unitKey: "metre" },
  met: { kind: "length", factor: 1, whole: false, unitKey: "metre" },
  km: { kind: "length", factor: 1000, whole: false, unitKey: "kilometre" },
  m2: { kind: "area", factor: 1, whole: false, unitKey: "squareMetre" },
  "met vuong": { kind: "area", factor: 1, whole: false, unitKey: "squareMetre" },
  ha: { kind: "area", factor: 10_000, whole: false, unitKey: "hectare" },
  dong: { kind: "money", factor: 1, whole: false, unitKey: "vnd" },
  "nghin dong": { kind: "money", factor: 1e3, whole: false, unitKey: "thousandVnd" },
  "trieu dong": { kind: "money", factor: 1e6, whole: false, unitKey: "millionVnd" },
  "ty dong": { kind: "money", factor: 1e9, whole: false, unitKey: "billionVnd" },
  "ngay cong": { kind: "count", factor: 1, whole: false, unitKey: "labourDay" },
};

const COUNT_KEYS: Record<string, string> = {
  cay: "tree",
  nha: "house",
  buoi: "session",
  luot: "attendance",
  "mo hinh": "productionModel",
  ho: "household",
  vu: "incident",
};

/** Reads a field's declared unit ("m", "m²", "triệu đồng", "cây"…); anything else is a count. */
export function fieldUnitOf(unit: string): FieldUnit {
  const key = stripDiacritics(normaliseAnswer(unit)).replace(/\s+/g, " ");
  const known = FIELD_UNITS[key];
  if (known) {
    const places = Math.round(Math.log10(known.factor));
    const decimals = known.kind === "money" ? places : 2 + places;
    return { ...known, decimals };
  }
  return { kind: "count", factor: 1, whole: true, decimals: 2, unitKey: COUNT_KEYS[key] ?? "item" };
}
