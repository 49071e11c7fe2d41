import type { Campaign } from "../domain/campaign.js";
import type { Locale } from "../domain/member.js";
import {
  checkPlanFile,
  type PlanCheck,
  type PlanProblem,
} from "../features/admin/campaign-import.js";
import type { Translate } from "../i18n.js";
import { jsonPath } from "../reference/files.js";
import { formatDate } from "../render/format.js";
import type { Store } from "../store/store.js";
import { CliError } from "./command.js";
import { jsonValueLines, syntaxErrorLine } from "./json-lines.js";
import { readAdminFile } from "./tables.js";

/**
 * Reads and checks a plan file for `campaigns validate|import`, or fails with every problem,
 * each naming its line and field, so the administrator fixes the file in one pass.
 */
export async function readPlanFile(
  t: Translate,
  file: string,
  store: Store,
): Promise<Extract<PlanCheck, { ok: true }>> {
  const text = await readAdminFile(t, file);
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const line = syntaxErrorLine(text, error) ?? 1;
    throw new CliError(String(t("cli:campaigns.notJson", { file, line })));
  }
  const check = await checkPlanFile(store, raw);
  if (check.ok) return check;
  const lines = jsonValueLines(text.replace(/^\uFEFF/, ""));
  const problems = check.problems.map((problem) => problemLine(t, problem, lines));
  throw new CliError(
    String(t("cli:campaigns.refused", { count: problems.length, first: problems[0] ?? "" })),
    problems.length > 1 ? problems : [],
  );
}

function problemLine(t: Translate, problem: PlanProblem, lines: Map<string, number>): string {
  const text = String(t(`cli:campaigns.problems.${problem.code}`, problem.params));
  // A missing field has no line of its own: name the object that lacks it.
  let path = [...problem.path];
  let line = lines.get(path.join("."));
  while (line === undefined && path.length > 0) {
    path = path.slice(0, -1);
    line = lines.get(path.join("."));
  }
  return String(
    t("cli:campaigns.at", {
      line: line ?? 1,
      field: problem.path.length > 0 ? jsonPath(problem.path) : t("cli:campaigns.wholeFile"),
      problem: text,
    }),
  );
}

/** How a plan is named in the CLI's sentences: its name, period and number of targets. */
export function planWords(locale: Locale, campaign: Campaign) {
  return {
    id: campaign.id,
    name: campaign.name,
    from: formatDate(locale, campaign.from),
    to: formatDate(locale, campaign.to),
    count: campaign.targets.length,
  };
}
