import type { Criterion } from "../domain/criteria.js";
import type { Organisation } from "../domain/organisation.js";
import type { ReportField, ReportFieldGroup } from "../domain/report-fields.js";
import { UNIT_KINDS, type Unit, type UnitKind } from "../domain/unit.js";
import type { Translate } from "../i18n.js";

/** The i18n namespace holding the labels of the reference data (`locales/<lang>/reference.json`). */
export const REFERENCE_NAMESPACE = "reference";

/** The kinds of label in the `reference` namespace; each is a top-level key of that file. */
export const LABEL_KINDS = [
  "unit",
  "unitKind",
  "org",
  "orgShort",
  "orgMembers",
  "criterion",
  "criteriaSet",
  "group",
  "field",
  "fieldUnit",
  "optional",
  "role",
  "campaign",
  "targetStatus",
] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

/**
 * The full i18n key of a label: `reference:<kind>.<id>`. A criterion `hamlet-ntm/giao-thong`
 * is nested by set in the locale files (`criterion.hamlet-ntm.giao-thong`) so that a set's
 * criteria stay together for translators. A hamlet id such as `hung-dao.nam-phong-2` contains
 * the key separator itself; i18next still finds it as a flat key under `unit`.
 */
export function labelKey(kind: LabelKind, id: string): string {
  const path = kind === "criterion" ? id.replace("/", ".") : id;
  return `${REFERENCE_NAMESPACE}:${kind}.${path}`;
}

/**
 * The label of a reference record in the translator's language, else in Vietnamese, else
 * `fallback` (the data's own Vietnamese name), so a data edit shipped without a locale edit
 * still shows something sensible.
 */
export function labelOf(t: Translate, kind: LabelKind, id: string, fallback: string): string {
  return String(t(labelKey(kind, id), { defaultValue: fallback }));
}

/**
 * A unit's name: "Xã Hưng Đạo" / "Hưng Đạo commune". A unit as named on a date after a
 * rename (`unitOn`, a name imported by `units import`) carries that name, which the shipped
 * locale labels cannot know: it is shown as imported.
 */
export function unitLabel(t: Translate, unit: Pick<Unit, "id" | "name" | "names">): string {
  if (unit.names?.some((span) => span.name === unit.name)) return unit.name;
  return labelOf(t, "unit", unit.id, unit.name);
}

/**
 * Words that open a Vietnamese hamlet's name besides the locale's kind label: a hamlet renamed
 * "Tổ dân phố …" (`units import`) or called "Thôn …", "Bản …" by its commune keeps kind hamlet.
 * Only matched, never shown as such.
 */
const OTHER_KIND_WORDS = ["Tổ dân phố", "Thôn", "Bản"];

/** The common noun that opens a unit's label ("Xóm", "Phường"), or undefined. */
function kindWordOf(t: Translate, label: string, kind: UnitKind | undefined): string | undefined {
  const kinds = kind ? [kind] : UNIT_KINDS;
  const words = [...kinds.map((k) => labelOf(t, "unitKind", k, k)), ...OTHER_KIND_WORDS];
  return words.find((word) => label.startsWith(`${word} `));
}

/**
 * A unit's name inside a sentence, its kind a common noun: "xã Hưng Đạo", "xóm Đà Quận". At
 * the start of a line or a heading use `unitLabel`, which keeps the capital. Without a kind,
 * the label's own first words tell it.
 */
export function unitInlineLabel(
  t: Translate,
  locale: string | undefined,
  unit: Pick<Unit, "id" | "name" | "names"> & { kind?: UnitKind },
): string {
  const label = unitLabel(t, unit);
  const word = kindWordOf(t, label, unit.kind) ?? kindWordOf(t, label, undefined);
  return word ? word.toLocaleLowerCase(locale) + label.slice(word.length) : label;
}

/**
 * Units named in a list inside a sentence, the kind said once per run of the same kind:
 * "xóm Đà Quận", "Nà Cạn", "phường Tân Giang" (joined by the caller, which may add to each).
 */
export function unitListLabels(
  t: Translate,
  locale: string | undefined,
  units: ReadonlyArray<Pick<Unit, "id" | "name" | "names"> & { kind?: UnitKind }>,
): string[] {
  let previous: string | undefined;
  return units.map((unit) => {
    const label = unitLabel(t, unit);
    const word = kindWordOf(t, label, unit.kind) ?? kindWordOf(t, label, undefined);
    const same = word !== undefined && word === previous;
    previous = word;
    if (!word) return label;
    return same
      ? label.slice(word.length + 1)
      : word.toLocaleLowerCase(locale) + label.slice(word.length);
  });
}

/** A role's name at the start of a line or in a table: "Trưởng xóm". */
export function roleLabel(t: Translate, role: string): string {
  return labelOf(t, "role", role, role);
}

/**
 * A role's name inside a sentence, a common noun: "vai trò trưởng xóm", "as hamlet head".
 * Role labels are plain words (no acronym), so only the first letter changes.
 */
export function roleInlineLabel(t: Translate, locale: string | undefined, role: string): string {
  const label = roleLabel(t, role);
  return label.charAt(0).toLocaleLowerCase(locale) + label.slice(1);
}

/** An organisation's full name. */
export function organisationLabel(t: Translate, org: Pick<Organisation, "id" | "name">): string {
  return labelOf(t, "org", org.id, org.name);
}

/**
 * What an organisation calls its members, inside a sentence ("hội viên Hội Nông dân",
 * "đoàn viên Đoàn Thanh niên"); `fallback` for a body the locales do not name yet.
 */
export function organisationMembersLabel(
  t: Translate,
  org: Pick<Organisation, "id" | "name">,
  fallback: string,
): string {
  return labelOf(t, "orgMembers", org.id, fallback);
}

/** An organisation's short name (MTTQ, HND …), or its full name when it has none. */
export function organisationShortLabel(
  t: Translate,
  org: Pick<Organisation, "id" | "name" | "short">,
): string {
  return labelOf(t, "orgShort", org.id, org.short ?? organisationLabel(t, org));
}

/** A criterion's name. */
export function criterionLabel(t: Translate, criterion: Pick<Criterion, "id" | "name">): string {
  return labelOf(t, "criterion", criterion.id, criterion.name);
}

/** A report group's label ("Đường giao thông"). */
export function groupLabel(t: Translate, group: Pick<ReportFieldGroup, "id" | "label">): string {
  return labelOf(t, "group", group.id, group.label);
}

/** A report field's label ("Đường bê tông hóa mới"). */
export function fieldLabel(t: Translate, field: Pick<ReportField, "id" | "label">): string {
  return labelOf(t, "field", field.id, field.label);
}

/** The unit a report field is typed in ("triệu đồng" / "million VND"). */
export function fieldUnitLabel(t: Translate, field: Pick<ReportField, "unit">): string {
  return labelOf(t, "fieldUnit", field.unit, field.unit);
}
