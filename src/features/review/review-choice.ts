import { createHash } from "node:crypto";
import { isWeekKey, type WeekKey } from "../../domain/week.js";

/** The prefix of every review button's data; the router hands these presses to the review feature. */
export const REVIEW_CHOICE_PREFIX = "rv";

// Telegram's callback_data limit.
const MAX_DATA_BYTES = 64;
const HASHED = "~";

/**
 * What a review button asks for. Units travel as a reference (their id, or a short hash of it
 * when the id would not fit in 64 bytes) that is resolved against the official's own scope,
 * so a forged press can never reach a hamlet outside it. Actions on a report carry its version:
 * a press on a card the head has since replaced is refused, never applied to the new one.
 */
export type ReviewAction =
  | { kind: "list"; week: WeekKey; area?: string }
  | { kind: "open"; week: WeekKey; hamlet: string }
  | { kind: "accept"; week: WeekKey; hamlet: string; version: number }
  | { kind: "return"; week: WeekKey; hamlet: string; version: number }
  | {
      kind: "criterion";
      week: WeekKey;
      hamlet: string;
      version: number;
      index: number;
      confirm: boolean;
    }
  | { kind: "reopen"; week: WeekKey; hamlet: string };

/** A unit as a button refers to it: its id when short enough, else `~` and a hash of it. */
export function unitRef(unitId: string): string {
  return Buffer.byteLength(unitId, "utf8") <= 24 ? unitId : hashedRef(unitId);
}

/** True when a button's unit reference names this unit. */
export function refersTo(ref: string, unitId: string): boolean {
  return ref === unitId || ref === hashedRef(unitId);
}

function hashedRef(unitId: string): string {
  return HASHED + createHash("sha256").update(unitId).digest("base64url").slice(0, 10);
}

/** The button data of an action, at most 64 bytes. */
export function reviewData(action: ReviewAction): string {
  const parts: Array<string | number> = [REVIEW_CHOICE_PREFIX];
  switch (action.kind) {
    case "list":
      parts.push("l", action.week, ...(action.area ? [unitRef(action.area)] : []));
      break;
    case "open":
      parts.push("o", action.week, unitRef(action.hamlet));
      break;
    case "accept":
      parts.push("a", action.week, unitRef(action.hamlet), action.version);
      break;
    case "return":
      parts.push("x", action.week, unitRef(action.hamlet), action.version);
      break;
    case "criterion":
      parts.push(
        "c",
        action.week,
        unitRef(action.hamlet),
        action.version,
        action.index,
        action.confirm ? "y" : "n",
      );
      break;
    case "reopen":
      parts.push("r", action.week, unitRef(action.hamlet));
      break;
  }
  const data = parts.join(":");
  if (Buffer.byteLength(data, "utf8") > MAX_DATA_BYTES) {
    throw new Error(`review button data too long: ${data}`);
  }
  return data;
}

/**
 * Reads a review button's data back into an action; unit fields hold references (see
 * `refersTo`). Undefined for data that is not a well-formed review action.
 */
export function readReviewData(data: string): ReviewAction | undefined {
  const [prefix, code, week, ref, ...rest] = data.split(":");
  if (prefix !== REVIEW_CHOICE_PREFIX || !week || !isWeekKey(week)) return undefined;
  const count = (text: string | undefined) =>
    text !== undefined && /^\d{1,6}$/.test(text) ? Number(text) : undefined;
  switch (code) {
    case "l":
      return rest.length === 0 ? { kind: "list", week, ...(ref ? { area: ref } : {}) } : undefined;
    case "o":
      return ref && rest.length === 0 ? { kind: "open", week, hamlet: ref } : undefined;
    case "r":
      return ref && rest.length === 0 ? { kind: "reopen", week, hamlet: ref } : undefined;
    case "a":
    case "x": {
      const version = count(rest[0]);
      if (!ref || version === undefined || rest.length !== 1) return undefined;
      return { kind: code === "a" ? "accept" : "return", week, hamlet: ref, version };
    }
    case "c": {
      const version = count(rest[0]);
      const index = count(rest[1]);
      const decision = rest[2];
      if (!ref || version === undefined || index === undefined || rest.length !== 3)
        return undefined;
      if (decision !== "y" && decision !== "n") return undefined;
      return { kind: "criterion", week, hamlet: ref, version, index, confirm: decision === "y" };
    }
    default:
      return undefined;
  }
}
