import type { BroadcastDraft } from "../../domain/broadcast.js";
import type { Locale } from "../../domain/member.js";
import type { Translate } from "../../i18n.js";
import type { Outbound, OutboundFile } from "../../messaging/outbound.js";
import { labelOf, organisationLabel, unitInlineLabel } from "../../reference/labels.js";
import type { Store } from "../../store/store.js";
import type { AppDeps } from "../app-deps.js";
import { keptPhoto } from "../kept-photos.js";

/** What a member-facing message is made of: the content and who speaks. */
export type MessageContent = Pick<BroadcastDraft, "kind" | "title" | "text" | "photo" | "audio"> & {
  orgIds: readonly string[];
  senderUnitId: string;
};

/** Who speaks, as the header names them: organisation names and the unit, in the reader's language. */
export interface Speaker {
  orgs: string;
  /** The unit's name as a label ("Xã Hưng Đạo") and inside a sentence ("xã Hưng Đạo"). */
  unit: { label: string; inline: string };
}

/** Looks up how the header names the sender, in one language. */
export async function speakerOf(
  store: Store,
  t: Translate,
  locale: Locale,
  orgIds: readonly string[],
  unitId: string,
): Promise<Speaker> {
  const orgs: string[] = [];
  for (const id of orgIds) {
    const org = await store.organisations.get(id);
    orgs.push(org ? organisationLabel(t, org) : id);
  }
  const unit = await store.units.get(unitId);
  const label = unit ? labelOf(t, "unit", unit.id, unit.name) : unitId;
  // Inside the header the kind is a common noun: "Hội Liên hiệp Phụ nữ xã Hưng Đạo".
  const inline = unit ? unitInlineLabel(t, locale, unit) : label;
  return { orgs: orgs.join(", "), unit: { label, inline } };
}

/**
 * The message text a member reads: a header naming the organisation and unit (a story's
 * marked "🌟 Gương điển hình"), a story's title, the author's text exactly as written, and
 * how to stop receiving them. Header and title are bold.
 */
export function memberText(
  t: Translate,
  content: Pick<MessageContent, "kind" | "title" | "text">,
  speaker: Speaker,
): { text: string; bold: string[] } {
  const params = { org: speaker.orgs, unit: speaker.unit.label, unitInline: speaker.unit.inline };
  if (content.kind !== "story") {
    const header = String(t("broadcast:message.header", params));
    return {
      text: [header, content.text, t("broadcast:message.footer")].join("\n"),
      bold: [header],
    };
  }
  // A story says so before who tells it ("🌟 Gương điển hình — Hội Liên hiệp Phụ nữ phường
  // Thục Phán"), its title on a line of its own, set apart from the text by a blank line.
  const header = String(t("broadcast:message.storyHeader", params));
  const title = content.title ? [content.title] : [];
  const lines = [header, ...title, "", content.text, t("broadcast:message.footer")];
  return {
    text: lines.join("\n"),
    bold: [header, ...title],
  };
}

/**
 * Builds the member-facing message in each language on demand, once per language, so every
 * recipient of one language shares one stored copy in the outbox.
 */
export function memberMessages(
  deps: Pick<AppDeps, "store" | "i18n" | "config">,
  content: MessageContent,
): (locale: Locale) => Promise<Outbound> {
  const built = new Map<Locale, Promise<Outbound>>();
  let file: Promise<OutboundFile | undefined> | undefined;
  return (locale) => {
    let message = built.get(locale);
    if (!message) {
      const attached = content.photo ?? content.audio;
      file ??= attached ? keptPhoto(deps.store.files, attached) : Promise.resolve(undefined);
      message = (async () => {
        const t = deps.i18n.getFixedT(locale);
        const speaker = await speakerOf(
          deps.store,
          t,
          locale,
          content.orgIds,
          content.senderUnitId,
        );
        const { text, bold } = memberText(t, content, speaker);
        const kept = await file;
        return { text, bold, ...(kept ? { file: kept } : {}) };
      })();
      built.set(locale, message);
    }
    return message;
  };
}
