import type { Member } from "../../domain/member.js";
import type { Unit } from "../../domain/unit.js";
import type { Translate } from "../../i18n.js";
import { labelOf, unitLabel } from "../../reference/labels.js";
import type { Store } from "../../store/store.js";

/** The member's roles in plain words with their place: "Trưởng xóm (Xóm Nam Phong 2, Xã Hưng Đạo)". */
export async function describeRoles(store: Store, member: Member, t: Translate): Promise<string> {
  const parts: string[] = [];
  for (const grant of member.roles) {
    const unit = await store.units.get(grant.unitId);
    const role = labelOf(t, "role", grant.role, grant.role);
    parts.push(unit ? t("common:join.roleAt", { role, unit: await place(store, unit, t) }) : role);
  }
  return [...new Set(parts)].join("; ");
}

/** A unit with its parent when it is a hamlet: "Xóm Nam Phong 2, Xã Hưng Đạo". */
export async function place(store: Store, unit: Unit, t: Translate): Promise<string> {
  if (unit.kind !== "hamlet" || !unit.parent) return unitLabel(t, unit);
  const parent = await store.units.get(unit.parent);
  return parent ? `${unitLabel(t, unit)}, ${unitLabel(t, parent)}` : unitLabel(t, unit);
}
