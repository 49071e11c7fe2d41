import type { Unit, UnitKind } from "../domain/unit.js";
import {
  CRITERIA_FILE,
  campaignFile,
  ORGANISATIONS_FILE,
  REPORT_FIELDS_FILE,
  UNITS_FILE,
} from "./files.js";
import type { ReferenceData } from "./reference-data.js";

// A unit's parent must sit strictly higher, which also rules out cycles in the tree.
const KIND_RANK: Record<UnitKind, number> = {
  province: 0,
  city: 1,
  commune: 2,
  ward: 2,
  hamlet: 3,
};

/**
 * Problems that no single file's schema can see: references between records (a parent, a
 * successor, a campaign's units) and ids used twice. Each line names the file and the JSON
 * path to fix, as an operator editing `data/` needs; an empty list means consistent.
 */
export function checkReferenceConsistency(reference: ReferenceData): string[] {
  return [
    ...checkUnits(reference.units),
    ...checkOrganisations(reference),
    ...checkCriteria(reference),
    ...checkCampaigns(reference),
    ...checkReportFields(reference),
  ];
}

/** Each unit with where it is written: its place in units.json, or the CLI for units added later. */
function locateUnits(
  units: readonly Unit[],
): Array<{ unit: Unit; where: (key: string) => string }> {
  let dataIndex = 0;
  return units.map((unit) => {
    if (unit.source === "cli") {
      return { unit, where: (key) => `unit "${unit.id}" (added with the CLI): ${key}` };
    }
    const index = dataIndex++;
    return { unit, where: (key) => `${UNITS_FILE}: units[${index}].${key}` };
  });
}

function checkUnits(units: readonly Unit[]): string[] {
  const problems: string[] = [];
  const located = locateUnits(units);
  const byId = new Map<string, Unit>();
  for (const { unit, where } of located) {
    if (byId.has(unit.id)) problems.push(`${where("id")}: the id "${unit.id}" is used twice`);
    else byId.set(unit.id, unit);
  }
  for (const { unit, where } of located) {
    if (unit.parent !== undefined) {
      const parent = byId.get(unit.parent);
      if (!parent) {
        problems.push(
          `${where("parent")}: unit "${unit.id}" names parent "${unit.parent}", which does not exist`,
        );
      } else if (KIND_RANK[parent.kind] >= KIND_RANK[unit.kind]) {
        problems.push(
          `${where("parent")}: a ${unit.kind} ("${unit.id}") cannot be under a ${parent.kind} ("${parent.id}")`,
        );
      }
    }
    (unit.parents ?? []).forEach((span, index) => {
      if (!byId.has(span.parent)) {
        problems.push(
          `${where("parents")}[${index}].parent: unit "${unit.id}" names parent "${span.parent}", which does not exist`,
        );
      }
    });
    if (unit.successor !== undefined) {
      if (unit.successor === unit.id) {
        problems.push(`${where("successor")}: unit "${unit.id}" cannot succeed itself`);
      } else if (!byId.has(unit.successor)) {
        problems.push(
          `${where("successor")}: unit "${unit.id}" names successor "${unit.successor}", which does not exist`,
        );
      }
    }
    if (unit.validFrom && unit.validTo && unit.validFrom > unit.validTo) {
      problems.push(`${where("validTo")}: unit "${unit.id}" ends before it begins`);
    }
  }
  return problems;
}

function checkOrganisations({ organisations }: ReferenceData): string[] {
  return duplicates(organisations.map((organisation) => organisation.id)).map(
    ({ id, index }) =>
      `${ORGANISATIONS_FILE}: organisations[${index}].id: the id "${id}" is used twice`,
  );
}

function checkCriteria({ criteriaSets }: ReferenceData): string[] {
  const problems = duplicates(criteriaSets.map((set) => set.id)).map(
    ({ id, index }) => `${CRITERIA_FILE}: sets[${index}].id: the id "${id}" is used twice`,
  );
  const setIds = new Set(criteriaSets.map((set) => set.id));
  const seen = new Set<string>();
  criteriaSets.forEach((set, setIndex) => {
    if (set.requires !== undefined && !setIds.has(set.requires)) {
      problems.push(
        `${CRITERIA_FILE}: sets[${setIndex}].requires: set "${set.id}" requires "${set.requires}", which does not exist`,
      );
    }
    set.criteria.forEach((criterion, index) => {
      const where = `${CRITERIA_FILE}: sets[${setIndex}].criteria[${index}].id`;
      if (!criterion.id.startsWith(`${set.id}/`)) {
        problems.push(`${where}: "${criterion.id}" must start with its set, "${set.id}/"`);
      }
      if (seen.has(criterion.id)) problems.push(`${where}: the id "${criterion.id}" is used twice`);
      seen.add(criterion.id);
    });
  });
  return problems;
}

function checkCampaigns({ campaigns, units }: ReferenceData): string[] {
  const unitIds = new Set(units.map((unit) => unit.id));
  const problems = duplicates(campaigns.map((campaign) => campaign.id)).map(
    ({ id }) => `${campaignFile(id)}: id: the campaign "${id}" is defined twice`,
  );
  for (const campaign of campaigns) {
    const file = campaignFile(campaign.id);
    const unknown = (path: string, unitId: string) =>
      problems.push(`${file}: ${path}: unit "${unitId}" does not exist`);
    if (!unitIds.has(campaign.scope)) unknown("scope", campaign.scope);
    campaign.communesInScope.forEach((unitId, index) => {
      if (!unitIds.has(unitId)) unknown(`communesInScope[${index}]`, unitId);
    });
    campaign.targets.forEach((target, index) => {
      if (target.kind === "unit" && !unitIds.has(target.unit)) {
        unknown(`targets[${index}].unit`, target.unit);
      }
    });
    if (campaign.from > campaign.to)
      problems.push(`${file}: to: the campaign ends before it starts`);
  }
  return problems;
}

function checkReportFields({ reportFields }: ReferenceData): string[] {
  const problems = duplicates(reportFields.groups.map((group) => group.id)).map(
    ({ id, index }) =>
      `${REPORT_FIELDS_FILE}: groups[${index}].id: the group "${id}" is used twice`,
  );
  // A report stores answers by field id alone, so a field id must be unique across groups.
  const firstSeen = new Map<string, string>();
  reportFields.groups.forEach((group, groupIndex) => {
    group.fields.forEach((field, index) => {
      const path = `groups[${groupIndex}].fields[${index}]`;
      const earlier = firstSeen.get(field.id);
      if (earlier) {
        problems.push(
          `${REPORT_FIELDS_FILE}: ${path}.id: the field "${field.id}" is already at ${earlier}; a field belongs to one group only`,
        );
      } else {
        firstSeen.set(field.id, `${path} (group "${group.id}")`);
      }
    });
  });
  reportFields.optional.forEach((item, index) => {
    const path = `optional[${index}]`;
    const earlier = firstSeen.get(item.id);
    if (earlier) {
      problems.push(
        `${REPORT_FIELDS_FILE}: ${path}.id: the id "${item.id}" is already used at ${earlier}`,
      );
    } else {
      firstSeen.set(item.id, path);
    }
  });
  return problems;
}

/** Every repeat of an id after its first use, with the repeat's index. */
function duplicates(ids: readonly string[]): Array<{ id: string; index: number }> {
  const seen = new Set<string>();
  const repeats: Array<{ id: string; index: number }> = [];
  ids.forEach((id, index) => {
    if (seen.has(id)) repeats.push({ id, index });
    seen.add(id);
  });
  return repeats;
}
