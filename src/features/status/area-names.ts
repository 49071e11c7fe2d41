import { stripDiacritics } from "../../domain/answer-tokens.js";
import type { Unit, UnitKind } from "../../domain/unit.js";
import type { UnitTree } from "../../domain/unit-tree.js";

/** What an area typed after `/status` turned out to be. */
export type AreaLookup =
  | { kind: "found"; unit: Unit }
  /** Several units carry that name and nothing tells them apart: the person picks. */
  | { kind: "ambiguous"; units: Unit[] }
  /** No unit carries that name; the closest names the person may see, if any. */
  | { kind: "unknown"; suggestions: Unit[] };

/** How many close names an unknown area is answered with. */
const SUGGESTIONS = 5;

/** Words naming the kind of unit, which people type or leave out ("xã Hưng Đạo", "hung dao"). */
const KIND_WORDS: ReadonlyArray<[string, UnitKind | undefined]> = [
  ["thanh pho", "city"],
  ["tp", "city"],
  ["city", "city"],
  ["thi tran", undefined],
  ["xa", "commune"],
  ["commune", "commune"],
  ["phuong", "ward"],
  ["ward", "ward"],
  ["xom", "hamlet"],
  ["thon", "hamlet"],
  ["to dan pho", "hamlet"],
  ["hamlet", "hamlet"],
];

/** A name as compared: lower case, no diacritics, no punctuation, no leading kind word. */
export function nameKey(text: string): { key: string; kind?: UnitKind } {
  let key = stripDiacritics(text.normalize("NFC").toLowerCase())
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  for (const [word, kind] of KIND_WORDS) {
    if (key.startsWith(`${word} `)) {
      key = key.slice(word.length + 1);
      return kind ? { key, kind } : { key };
    }
  }
  return { key };
}

/**
 * Finds the unit a person means: by id (`hung-dao`), or by name typed with or without
 * diacritics and with or without its kind (`hung dao`, `Xã Hưng Đạo`). When several units
 * share the name, those the person may see, those existing `today` and those of the kind typed
 * come first.
 */
export function findArea(
  text: string,
  tree: UnitTree,
  options: { today: string; visible: (unitId: string) => boolean },
): AreaLookup {
  const typed = text.trim();
  const byId = tree.get(typed) ?? tree.get(typed.toLowerCase());
  if (byId) return { kind: "found", unit: byId };
  const { key, kind } = nameKey(typed);
  if (key === "") return { kind: "unknown", suggestions: [] };
  const units = tree.all();
  const named = units.filter((unit) => nameKey(unit.name).key === key);
  if (named.length > 0) {
    const score = (unit: Unit) =>
      (options.visible(unit.id) ? 4 : 0) +
      (existsOn(unit, options.today) ? 2 : 0) +
      (kind && unit.kind === kind ? 1 : 0);
    const best = Math.max(...named.map(score));
    const top = named.filter((unit) => score(unit) === best);
    return top.length === 1 && top[0]
      ? { kind: "found", unit: top[0] }
      : { kind: "ambiguous", units: top };
  }
  // Units that exist today come first; a merged commune still counts for its own officials.
  const close = units
    .filter((unit) => options.visible(unit.id))
    .map((unit) => ({
      unit,
      distance: nameDistance(key, nameKey(unit.name).key),
      gone: existsOn(unit, options.today) ? 0 : 1,
    }))
    .filter(({ distance }) => distance <= Math.max(2, Math.floor(key.length / 3)))
    .sort(
      (a, b) =>
        a.distance - b.distance || a.gone - b.gone || a.unit.name.localeCompare(b.unit.name, "vi"),
    );
  return { kind: "unknown", suggestions: close.slice(0, SUGGESTIONS).map(({ unit }) => unit) };
}

function existsOn(unit: Unit, today: string): boolean {
  if (!unit.active) return false;
  if (unit.validFrom && unit.validFrom > today) return false;
  return !(unit.validTo && unit.validTo < today);
}

/**
 * How far a typed name is from a unit's: 0 when one contains the other as whole words (a
 * part of a name is a good guess), else the edit distance.
 */
function nameDistance(typed: string, name: string): number {
  if (` ${name} `.includes(` ${typed} `) || ` ${typed} `.includes(` ${name} `)) return 0;
  return editDistance(typed, name);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
