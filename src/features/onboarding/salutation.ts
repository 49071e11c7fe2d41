import { type Member, readSalutation, SALUTATIONS } from "../../domain/member.js";
import type { Translate } from "../../i18n.js";
import type { Outbound } from "../../messaging/outbound.js";
import { addressOf } from "../../render/address.js";
import { updateMember } from "../../store/member-update.js";
import type { MemberContext } from "../feature.js";

/** The choice-data prefix of an answer to "how should the assistant address you?". */
export const SALUTATION_PREFIX = "salute";

/**
 * The welcome, ending with the one short question asked at joining when nobody said how the
 * person is addressed: the six salutations after the welcome's own choices (so a number typed
 * under the welcome still means what it meant), each carrying whom it is for (a shared phone
 * has several people). Unchanged when the salutation is known, or in English, where the full
 * name is used.
 */
export function withSalutationQuestion(welcome: Outbound, member: Member, t: Translate): Outbound {
  if (member.salutation || member.locale !== "vi") return welcome;
  const choice = (value: string) => ({
    data: `${SALUTATION_PREFIX}:${member.id}:${value}`,
    label: t(`common:salutation.${value}`),
  });
  return {
    ...welcome,
    text: `${welcome.text}\n\n${t("common:salutation.ask")}`,
    choices: [
      ...(welcome.choices ?? []),
      SALUTATIONS.slice(0, 3).map(choice),
      SALUTATIONS.slice(3).map(choice),
    ],
    choiceMode: "single",
  };
}

/**
 * Keeps the salutation picked, for the person the question was for when they are on this chat
 * (else the one answering), and thanks them addressed the new way.
 */
export async function salutationChoice(ctx: MemberContext): Promise<void> {
  await ctx.reply.acknowledge();
  const [, memberId = "", value = ""] = (ctx.inbound.choice?.data ?? "").split(":");
  const salutation = readSalutation(value);
  if (!salutation) {
    await ctx.reply.send({ text: ctx.t("common:error.closed") });
    return;
  }
  const { store } = ctx.deps;
  const onChat = await store.members.membersOfChat(ctx.inbound.channel, ctx.inbound.chatId);
  const person = onChat.find((m) => m.id === memberId) ?? ctx.member;
  const updated = await updateMember(store.members, person.id, (m) => ({ ...m, salutation }));
  const member = updated && "member" in updated ? updated.member : { ...person, salutation };
  await ctx.reply.send({
    text: ctx.t("common:salutation.thanks", { who: addressOf(ctx.t, member) }),
  });
}
