import type { Member } from "../domain/member.js";
import { reachableIdentity } from "../domain/reachability.js";
import type { Role } from "../domain/role.js";
import { sharesChatWithOthers } from "../domain/shared-chat.js";
import type { Translate } from "../i18n.js";
import type { Inbound } from "../messaging/inbound.js";
import type { Outbound } from "../messaging/outbound.js";
import type { Reply } from "../messaging/reply.js";
import { addressOf } from "../render/address.js";
import type { AppDeps } from "./app-deps.js";

/**
 * Who is writing on a household's shared phone. A chat bound to several members answers for
 * one of them at a time: the one a command's role points to, the one in the middle of a
 * dialog, or the one the person names when asked "Anh/chị là ai?". Choices sent while acting
 * for someone carry their id (`as:<member>:<data>`), so the answer comes back to them.
 */

/** The choice-data prefix naming the member a choice was shown to. */
const AS_PREFIX = "as";

/** Commands that only some roles can use: on a shared phone they act for whoever holds one. */
const COMMAND_ROLES: Record<string, readonly Role[]> = {
  report: ["hamlet_head"],
  myreports: ["hamlet_head"],
  status: ["official", "admin"],
  summary: ["official", "admin"],
  reports: ["official", "admin"],
  broadcast: ["broadcaster"],
  broadcasts: ["broadcaster", "approver"],
};

/** Commands about one person's own data or settings: on a shared phone, ask whose. */
const PERSONAL_COMMANDS = new Set(["mydata", "lang", "stop", "start", "join"]);

/** The member an inbound on a shared chat is from, or `ask` when only the person can say. */
export type Speaker = { member: Member } | { ask: Member[] };

/**
 * Decides who is writing. `inDialog` are the chat's members with a dialog under way, most
 * recently active first.
 */
export function speakerOf(
  onChat: readonly Member[],
  inbound: Inbound,
  inDialog: readonly Member[],
): Speaker {
  const [first] = onChat;
  if (!first) throw new Error("speakerOf needs at least one member on the chat");
  if (onChat.length === 1) return { member: first };
  const named = taggedMember(onChat, inbound);
  if (named) return { member: named };
  const command =
    inbound.kind === "command"
      ? inbound.command
      : inbound.kind === "choice" && inbound.choice?.data.startsWith("menu:")
        ? inbound.choice.data.slice("menu:".length)
        : undefined;
  if (command === undefined) {
    // An answer (text, photo, a pressed choice): to the dialog under way, else to staff,
    // whose messages are the ones that carry choices without a name (approvals, reviews).
    return {
      member: inDialog[0] ?? onChat.find((m) => m.roles.some((g) => g.role !== "member")) ?? first,
    };
  }
  if (command === "cancel") return { member: inDialog[0] ?? first };
  const roles = COMMAND_ROLES[command];
  if (roles) {
    const holders = onChat.filter((m) => m.roles.some((g) => roles.includes(g.role)));
    if (holders.length === 1 && holders[0]) return { member: holders[0] };
    if (holders.length > 1) return { ask: holders };
    // Nobody may: the first person hears why, as on a phone of one.
    return { member: first };
  }
  const withCode = (command === "start" || command === "join") && inbound.text?.trim();
  if (PERSONAL_COMMANDS.has(command) && !withCode) {
    return { ask: [...onChat] };
  }
  return { member: first };
}

/** The member a tagged choice was shown to, if it is on this chat. */
function taggedMember(onChat: readonly Member[], inbound: Inbound): Member | undefined {
  const tagged = untag(inbound.choice?.data);
  return tagged && onChat.find((m) => m.id === tagged.memberId);
}

/** The member id and the original data of a tagged choice. */
function untag(data: string | undefined): { memberId: string; data: string } | undefined {
  if (!data?.startsWith(`${AS_PREFIX}:`)) return undefined;
  const rest = data.slice(AS_PREFIX.length + 1);
  const colon = rest.indexOf(":");
  if (colon < 0) return undefined;
  return { memberId: rest.slice(0, colon), data: rest.slice(colon + 1) };
}

/** The inbound as its feature expects it: a tagged choice with its own data again. */
export function withoutTag(inbound: Inbound): Inbound {
  const tagged = untag(inbound.choice?.data);
  if (!tagged || !inbound.choice) return inbound;
  const { selection } = inbound.choice;
  return {
    ...inbound,
    choice: {
      ...inbound.choice,
      data: tagged.data,
      ...(selection ? { selection: selection.map((d) => untag(d)?.data ?? d) } : {}),
    },
  };
}

/** A reply whose choices come back tagged with the member they were shown to. */
export function replyFor(reply: Reply, memberId: string): Reply {
  const tag = (message: Outbound): Outbound =>
    message.choices
      ? {
          ...message,
          choices: message.choices.map((row) =>
            row.map((choice) => ({ ...choice, data: `${AS_PREFIX}:${memberId}:${choice.data}` })),
          ),
        }
      : message;
  return {
    send: (message) => reply.send(tag(message)),
    edit: (messageId, message) => reply.edit(messageId, tag(message)),
    acknowledge: (notice) => reply.acknowledge(notice),
    get buttons() {
      return reply.buttons;
    },
  };
}

/**
 * A message for one person on a phone they share: it says first whom it is for
 * ("Gửi chị Mai: …"), so the others on the phone know it is not theirs.
 */
export function addressedTo(
  deps: Pick<AppDeps, "i18n">,
  member: Pick<Member, "name" | "salutation" | "locale">,
  message: Outbound,
): Outbound {
  const t = deps.i18n.getFixedT(member.locale);
  return {
    ...message,
    text: `${t("common:sharedPhone.forName", { who: addressOf(t, member) })}\n${message.text}`,
  };
}

/** The message, addressed to the member when the chat it will reach is shared (see `addressedTo`). */
export async function addressedIfShared(
  deps: Pick<AppDeps, "i18n" | "store">,
  member: Member,
  message: Outbound,
): Promise<Outbound> {
  const identity = reachableIdentity(member);
  if (!identity) return message;
  const onChat = await deps.store.members.membersOfChat(identity.channel, identity.chatId);
  return sharesChatWithOthers(member, onChat) ? addressedTo(deps, member, message) : message;
}

/**
 * "Anh/chị là ai?" with the names as choices; each choice runs the command again for the
 * person picked (as a menu choice, so a command's words after it are not kept).
 */
export function askWho(people: readonly Member[], command: string, t: Translate): Outbound {
  return {
    text: t("common:sharedPhone.who"),
    choices: people.map((m) => [{ data: `${AS_PREFIX}:${m.id}:menu:${command}`, label: m.name }]),
    choiceMode: "single",
  };
}
