import type { Text } from "../../dialog/flow.js";
import { fieldUnitOf } from "../../domain/quantity-units.js";
import type { ReportField } from "../../domain/report-fields.js";
import type { Translate } from "../../i18n.js";
import { fieldLabel, fieldUnitLabel } from "../../reference/labels.js";

/**
 * The question for a field: its own wording when the locale has one ("Đường bê tông hóa mới
 * được bao nhiêu mét?"), else a plain one built from its label and unit, so a field added to
 * the data is asked sensibly with no code or locale change. Then an example for its unit.
 */
export function fieldQuestion(t: Translate, field: ReportField): Text[] {
  const generic = t("report:question.generic", {
    label: fieldLabel(t, field),
    unit: fieldUnitLabel(t, field),
  });
  return [
    { key: `report:question.${field.id}`, params: { defaultValue: generic } },
    { key: `report:example.${fieldUnitOf(field.unit).kind}` },
  ];
}
