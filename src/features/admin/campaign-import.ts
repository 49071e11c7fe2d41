import type { z } from "zod";
import type { Campaign } from "../../domain/campaign.js";
import { campaignFileSchema } from "../../reference/schema.js";
import type { Store } from "../../store/store.js";

/** One thing wrong with a plan file: where (a JSON path, empty for the whole file) and what. */
export interface PlanProblem {
  path: ReadonlyArray<string | number>;
  code: string;
  params: Record<string, string | number>;
}

/** What importing a plan does: add it, replace an earlier import, or nothing. */
export type PlanAction = "add" | "update" | "unchanged";

/** A checked plan file: the campaign and what importing it does, or every problem found. */
export type PlanCheck =
  | { ok: true; campaign: Campaign; action: PlanAction }
  | { ok: false; problems: PlanProblem[] };

/**
 * Checks a plan file (the parsed JSON of a campaign, as `data/campaigns/TEMPLATE.md`
 * describes) against the schema and the store: its units exist, a share target names a
 * criteria set's status, it replaces no shipped plan and overlaps no other plan of its scope.
 * Nothing is written: the CLI saves the campaign only when the check passes.
 */
export async function checkPlanFile(store: Store, raw: unknown): Promise<PlanCheck> {
  const parsed = campaignFileSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map(problemOf) };
  const { about: _about, ...plan } = parsed.data;
  const [units, sets, campaigns] = await Promise.all([
    store.units.list(),
    store.criteria.listSets(),
    store.campaigns.list(),
  ]);
  const unitIds = new Set(units.map((unit) => unit.id));
  const statuses = new Set(sets.flatMap((set) => (set.status ? [set.status] : [])));
  const problems: PlanProblem[] = [];
  const unknownUnit = (path: Array<string | number>, value: string) => {
    if (!unitIds.has(value)) problems.push({ path, code: "unknown-unit", params: { value } });
  };
  unknownUnit(["scope"], plan.scope);
  plan.communesInScope.forEach((unitId, index) => {
    unknownUnit(["communesInScope", index], unitId);
  });
  plan.targets.forEach((target, index) => {
    if (target.kind === "unit") unknownUnit(["targets", index, "unit"], target.unit);
    else if (!statuses.has(target.status)) {
      problems.push({
        path: ["targets", index, "status"],
        code: "unknown-share-status",
        params: { value: target.status, known: [...statuses].join(", ") },
      });
    }
    if (target.by < Number(plan.from.slice(0, 4)) || target.by > Number(plan.to.slice(0, 4))) {
      problems.push({
        path: ["targets", index, "by"],
        code: "year-outside-plan",
        params: { value: target.by, from: plan.from, to: plan.to },
      });
    }
  });
  const current = campaigns.find((campaign) => campaign.id === plan.id);
  if (current && current.source !== "cli") {
    problems.push({ path: ["id"], code: "shipped-plan", params: { value: plan.id } });
  }
  // Two plans of one scope in force on the same day would make "the current plan" a guess.
  const overlapping = campaigns.find(
    (campaign) =>
      campaign.id !== plan.id &&
      campaign.active &&
      campaign.scope === plan.scope &&
      campaign.from <= plan.to &&
      plan.from <= campaign.to,
  );
  if (overlapping) {
    problems.push({
      path: ["from"],
      code: "overlaps-plan",
      params: { value: overlapping.id, from: overlapping.from, to: overlapping.to },
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  const campaign: Campaign = { ...plan, source: "cli", active: true };
  const action: PlanAction = !current
    ? "add"
    : JSON.stringify(current) === JSON.stringify(campaign)
      ? "unchanged"
      : "update";
  return { ok: true, campaign, action };
}

/**
 * A schema issue as a problem with a locale code. The schema's own English messages are for
 * developers editing `data/`; an administrator reads the code's sentence in their language.
 */
function problemOf(issue: z.core.$ZodIssue): PlanProblem {
  const path = issue.path.filter((key) => typeof key !== "symbol") as Array<string | number>;
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined
        ? { path, code: "missing", params: {} }
        : { path, code: "wrong-type", params: { expected: issue.expected } };
    case "invalid_format":
      return issue.format === "date"
        ? { path, code: "bad-date", params: { value: String(issue.input) } }
        : { path, code: "bad-id", params: { value: String(issue.input) } };
    case "unrecognized_keys":
      return { path, code: "unknown-fields", params: { keys: issue.keys.join(", ") } };
    case "invalid_union":
    case "invalid_value":
      return { path, code: "bad-choice", params: { value: String(issue.input) } };
    case "too_small":
      return { path, code: issue.origin === "string" ? "missing" : "too-small", params: {} };
    case "too_big":
      return { path, code: "too-big", params: {} };
    default:
      // The one refinement of a plan: it ends before it starts.
      return { path, code: "ends-before-start", params: {} };
  }
}
