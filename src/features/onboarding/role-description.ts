import type { Member } from "../../domain/member.js";
import type { Unit } from "../../domain/unit.js";
import type { Translate } from "../../i18n.js";
import { roleInlineLabel, roleLabel, unitInlineLabel } from "../../reference/labels.js";
import type { Store } from "../../store/store.js";

/**
 * The member's roles in plain words with their place: "Trưởng xóm (xóm Nam Phong 2, phường
 * Thục Phán)" as a field's value, "trưởng xóm (…)" inside a sentence ("với vai trò …").
 */
export async function describeRoles(
  store: Store,
  member: Member,
  t: Translate,
  where: { inSentence: boolean } = { inSentence: false },
): Promise<string> {
  const parts: string[] = [];
  for (const grant of member.roles) {
    const unit = await store.units.get(grant.unitId);
    const role = where.inSentence
      ? roleInlineLabel(t, member.locale, grant.role)
      : roleLabel(t, grant.role);
    parts.push(unit ? t("common:join.roleAt", { role, unit: await place(store, unit, t) }) : role);
  }
  return [...new Set(parts)].join("; ");
}

/**
 * A unit with its parent when it is a hamlet, as said inside a sentence: "xóm Nam Phong 2,
 * phường Thục Phán".
 */
export async function place(store: Store, unit: Unit, t: Translate): Promise<string> {
  const name = unitInlineLabel(t, undefined, unit);
  if (unit.kind !== "hamlet" || !unit.parent) return name;
  const parent = await store.units.get(unit.parent);
  return parent ? `${name}, ${unitInlineLabel(t, undefined, parent)}` : name;
}
