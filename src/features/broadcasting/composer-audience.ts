import type { Option, Text } from "../../dialog/flow.js";
import { addressesEveryone } from "../../domain/audience.js";
import type { Unit } from "../../domain/unit.js";
import type { Translate } from "../../i18n.js";
import {
  organisationLabel,
  organisationMembersLabel,
  unitInlineLabel,
  unitLabel,
} from "../../reference/labels.js";
import type { FlowEnv } from "../member-dialogs.js";
import { type ComposedDraft, type ComposerData, PICK_HAMLETS, type Who } from "./composer-data.js";

/**
 * The composer's words for whom a broadcast goes to: the areas to pick, the "who" choices as
 * each organisation names its people, and why a draft would reach nobody.
 */

const label = (key: string, params?: Record<string, unknown>): Text =>
  params ? { key: `broadcast:${key}`, params } : { key: `broadcast:${key}` };

export function areaOptions(data: ComposerData, t: Translate, locale: string): Option[] {
  const allowed = new Set(data.areas.map((unit) => unit.id));
  const roots = data.areas.filter((unit) => !unit.parent || !allowed.has(unit.parent));
  const options: Option[] = roots.map((unit) => ({
    value: unit.id,
    label: label("area.whole", { unit: unitInlineLabel(t, locale, unit) }),
  }));
  for (const unit of data.areas) {
    if (roots.includes(unit) || unit.kind === "hamlet") continue;
    options.push(areaOption(t, unit));
  }
  if (data.areas.some((unit) => unit.kind === "hamlet")) {
    options.push({ value: PICK_HAMLETS, label: label("area.hamlets") });
  }
  return options;
}

/** An area as an option, under the name it carries today (a renamed hamlet's new name). */
export function areaOption(t: Translate, unit: Unit): Option {
  return { value: unit.id, label: label("area.one", { unit: unitLabel(t, unit) }) };
}

/** The organisations chosen so far, as the author's grants allow them. */
function chosenOrgs(data: ComposerData) {
  return data.orgs.filter((org) => data.draft.orgIds.includes(org.id));
}

/**
 * Whom the author may address: the Fatherland Front everyone in the area, or everyone holding
 * a role there; a mass organisation its members, or those of them holding a role.
 */
export function whoChoices(data: ComposerData): Who[] {
  return addressesEveryone(chosenOrgs(data))
    ? ["everyone", "hamlet_head", "official"]
    : ["members", "hamlet_head", "official"];
}

/** The "who" answer a draft's audience stands for (an edited broadcast has no answer yet). */
export function whoOf(draft: ComposedDraft): Who | undefined {
  if (draft.roles.length === 0) return draft.among === "everyone" ? "everyone" : "members";
  const [role] = draft.roles;
  return draft.roles.length === 1 && (role === "hamlet_head" || role === "official")
    ? role
    : undefined;
}

/** A "who" choice in plain words, naming members as their organisation calls them. */
export function whoLabel(env: FlowEnv<ComposerData>, who: Who): Text {
  const { data, ctx } = env;
  const everyone = addressesEveryone(chosenOrgs(data));
  if (who === "everyone") return label("who.everyone", { area: areaText(env) });
  const members = chosenOrgs(data)
    .map((org) =>
      organisationMembersLabel(
        ctx.t,
        org,
        ctx.t("broadcast:who.membersOf", { org: organisationLabel(ctx.t, org) }),
      ),
    )
    .join(", ");
  if (who === "members") return label("who.members", { members });
  return everyone ? label(`who.all.${who}`) : label(`who.membersWho.${who}`, { members });
}

/** The area chosen, inside a sentence: "phường Thục Phán", or "các xóm đã chọn". */
export function areaText(env: FlowEnv<ComposerData>): string {
  const { data, ctx } = env;
  const [only, ...more] = data.draft.areaIds;
  const unit = data.areas.find((area) => area.id === only);
  if (!unit || more.length > 0) return ctx.t("broadcast:who.pickedHamlets");
  return unitInlineLabel(ctx.t, ctx.locale, unit);
}

/**
 * Why nobody would receive the draft and what to change: nobody of that kind has joined in
 * that area yet, or every one of them said /stop or cannot be reached.
 */
export function nobodyReason(
  env: FlowEnv<ComposerData>,
  selection: NonNullable<ComposerData["selection"]>,
): Text {
  const { t } = env.ctx;
  const skipped = selection.optedOut.length + selection.unreachable.length;
  if (skipped > 0) {
    return label("preview.nobody.skipped", {
      optedOut: selection.optedOut.length,
      unreachable: selection.unreachable.length,
    });
  }
  const who = whoOf(env.data.draft);
  const chosen = who ? whoLabel(env, who) : label("who.chosen");
  const whom = String(t(chosen.key, chosen.params));
  return label("preview.nobody.notJoined", { who: whom, area: areaText(env) });
}
