import type { UnitTree } from "../../domain/unit-tree.js";
import { isWeekKey, type WeekKey } from "../../domain/week.js";

/** The choice-data prefix of the /status buttons. */
export const STATUS_PREFIX = "st";

/** What a /status button asks for: a unit's status, the list of its parts, or its spreadsheet. */
export type StatusAction = "show" | "parts" | "sheet";

/** A /status button's request, read back from its data. */
export interface StatusChoice {
  action: StatusAction;
  unitId: string;
  week: WeekKey;
}

const CODES: Record<StatusAction, string> = { show: "s", parts: "p", sheet: "x" };
const ACTIONS = new Map(
  Object.entries(CODES).map(([action, code]) => [code, action as StatusAction]),
);
/** Telegram carries at most 64 bytes of callback data. */
const MAX_BYTES = 64;

/**
 * The data of a /status button: `st:<action>:<unit>:<week>`. A unit id too long to fit is
 * carried as `#` and a hash of it, looked up again in the unit tree on the press.
 */
export function statusChoiceData(action: StatusAction, unitId: string, week: WeekKey): string {
  const data = `${STATUS_PREFIX}:${CODES[action]}:${unitId}:${week}`;
  if (Buffer.byteLength(data) <= MAX_BYTES) return data;
  return `${STATUS_PREFIX}:${CODES[action]}:#${unitHash(unitId)}:${week}`;
}

/**
 * Reads a /status button's data; undefined when it is not well formed or names no unit of the
 * tree. Whether the person may see that unit is the caller's to check again.
 */
export function readStatusChoice(data: string, tree: UnitTree): StatusChoice | undefined {
  const [prefix, code, unit, week, ...rest] = data.split(":");
  if (prefix !== STATUS_PREFIX || rest.length > 0 || !code || !unit || !week) return undefined;
  const action = ACTIONS.get(code);
  if (!action || !isWeekKey(week)) return undefined;
  const unitId = unit.startsWith("#") ? unitByHash(tree, unit.slice(1)) : unit;
  if (!unitId || !tree.get(unitId)) return undefined;
  return { action, unitId, week };
}

const hashIndexes = new WeakMap<UnitTree, Map<string, string>>();

function unitByHash(tree: UnitTree, hash: string): string | undefined {
  let index = hashIndexes.get(tree);
  if (!index) {
    index = new Map(tree.all().map((unit) => [unitHash(unit.id), unit.id]));
    hashIndexes.set(tree, index);
  }
  return index.get(hash);
}

/** FNV-1a in base 36: short, stable, and collisions among a province's units are negligible. */
function unitHash(unitId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < unitId.length; i++) {
    hash ^= unitId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
