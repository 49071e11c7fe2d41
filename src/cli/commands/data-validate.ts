import { checkStoreConsistency } from "../../features/admin/store-consistency.js";
import { checkReferenceConsistency } from "../../reference/consistency.js";
import { loadReferenceData, ReferenceDataError } from "../../reference/loader.js";
import { defineCommand } from "../command.js";

/**
 * `data validate`: the shipped reference data agrees with itself and with what the CLI added,
 * and every unit, organisation, role and member a stored record names exists. Exit 1 when
 * anything is wrong, with one line per problem.
 */
export const command = defineCommand({
  async run({ t, store }) {
    const opened = await store();
    const problems: string[] = [];
    try {
      const reference = loadReferenceData();
      const [units, orgs] = await Promise.all([opened.units.list(), opened.organisations.list()]);
      problems.push(
        ...checkReferenceConsistency({
          ...reference,
          units: [...reference.units, ...units.filter((unit) => unit.source === "cli")],
          organisations: [
            ...reference.organisations,
            ...orgs.filter((org) => org.source === "cli"),
          ],
        }),
      );
    } catch (error) {
      if (!(error instanceof ReferenceDataError)) throw error;
      problems.push(...error.problems);
    }
    for (const problem of await checkStoreConsistency(opened)) {
      problems.push(String(t(`cli:consistency.${problem.code}`, problem.params)));
    }
    const ok = problems.length === 0;
    return {
      json: { ok, problems },
      text: ok ? String(t("cli:validate.ok")) : problems,
      exitCode: ok ? 0 : 1,
      reason: String(t("cli:validate.problems", { count: problems.length })),
    };
  },
});
