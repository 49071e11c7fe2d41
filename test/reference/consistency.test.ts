import { describe, expect, it } from "vitest";
import { checkReferenceConsistency } from "../../src/reference/consistency.js";
import { loadReferenceData } from "../../src/reference/loader.js";
import type { ReferenceData } from "../../src/reference/reference-data.js";

const shipped = loadReferenceData();

/** A fresh copy of the shipped data to break in one place. */
function copy(): ReferenceData {
  return structuredClone(shipped);
}

describe("checkReferenceConsistency", () => {
  it("finds nothing wrong with the shipped data", () => {
    expect(checkReferenceConsistency(shipped)).toEqual([]);
  });

  it("reports a successor ward that does not exist", () => {
    const reference = copy();
    const hungDao = reference.units.find((unit) => unit.id === "hung-dao");
    if (hungDao) hungDao.successor = "thuc-phan-moi";
    expect(checkReferenceConsistency(reference)).toEqual([
      'units.json: units[2].successor: unit "hung-dao" names successor "thuc-phan-moi", which does not exist',
    ]);
  });

  it("reports a hamlet placed under another hamlet", () => {
    const reference = copy();
    const hamlet = reference.units.find((unit) => unit.id === "hung-dao.da-quan");
    if (hamlet) hamlet.parent = "hung-dao.pho-cao-binh";
    expect(checkReferenceConsistency(reference)).toEqual([
      'units.json: units[14].parent: a hamlet ("hung-dao.da-quan") cannot be under a hamlet ("hung-dao.pho-cao-binh")',
    ]);
  });

  it("reports a unit id used twice", () => {
    const reference = copy();
    reference.units.push({ ...(reference.units[6] as (typeof reference.units)[number]) });
    expect(checkReferenceConsistency(reference)).toEqual([
      'units.json: units[25].id: the id "song-bang" is used twice',
    ]);
  });

  it("says where a unit added with the CLI went wrong", () => {
    const reference = copy();
    reference.units.push({
      id: "vinh-quang.xom-a",
      kind: "hamlet",
      name: "Xóm A",
      parent: "vinh-quang-x",
      source: "cli",
      active: true,
    });
    expect(checkReferenceConsistency(reference)).toEqual([
      'unit "vinh-quang.xom-a" (added with the CLI): parent: unit "vinh-quang.xom-a" names parent "vinh-quang-x", which does not exist',
    ]);
  });

  it("reports duplicate organisations and criteria", () => {
    const reference = copy();
    reference.organisations.push({
      ...(reference.organisations[0] as (typeof reference.organisations)[number]),
    });
    const set = reference.criteriaSets[2];
    set?.criteria.push({ id: "hamlet-model/dien", no: 14, name: "Điện" });
    expect(checkReferenceConsistency(reference)).toEqual([
      'organisations.json: organisations[9].id: the id "mttq" is used twice',
      'criteria.json: sets[2].criteria[13].id: the id "hamlet-model/dien" is used twice',
    ]);
  });

  it("reports a criteria set that requires an unknown set", () => {
    const reference = copy();
    const model = reference.criteriaSets.find((set) => set.id === "hamlet-model");
    if (model) model.requires = "hamlet-nmt";
    expect(checkReferenceConsistency(reference)).toEqual([
      'criteria.json: sets[2].requires: set "hamlet-model" requires "hamlet-nmt", which does not exist',
    ]);
  });

  it("reports a campaign naming units that do not exist", () => {
    const reference = copy();
    const campaign = reference.campaigns[0];
    if (campaign) {
      campaign.communesInScope.push("hoang-tung");
      campaign.targets.push({
        kind: "unit",
        unit: "hoang-tung",
        status: "ntm",
        by: 2025,
        text: "x",
      });
    }
    expect(checkReferenceConsistency(reference)).toEqual([
      'campaigns/ntm-2021-2025.json: communesInScope[3]: unit "hoang-tung" does not exist',
      'campaigns/ntm-2021-2025.json: targets[6].unit: unit "hoang-tung" does not exist',
    ]);
  });

  it("reports a report field that sits in two groups", () => {
    const reference = copy();
    const roads = reference.reportFields.groups[0];
    const housing = reference.reportFields.groups[3];
    if (roads && housing)
      housing.fields.push({ ...(roads.fields[1] as (typeof roads.fields)[number]) });
    expect(checkReferenceConsistency(reference)).toEqual([
      'report-fields.json: groups[3].fields[1].id: the field "roadRepairedM" is already at groups[0].fields[1] (group "roads"); a field belongs to one group only',
    ]);
  });

  it("reports a closing-menu entry that reuses a field id", () => {
    const reference = copy();
    reference.reportFields.optional.push({ id: "canalM", label: "Kênh" });
    expect(checkReferenceConsistency(reference)).toEqual([
      'report-fields.json: optional[4].id: the id "canalM" is already used at groups[1].fields[0] (group "irrigation")',
    ]);
  });
});
