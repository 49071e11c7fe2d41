import { approverCovers } from "../../domain/audience.js";
import type { Broadcast } from "../../domain/broadcast.js";
import type { Channel, Member } from "../../domain/member.js";
import { reachableIdentity } from "../../domain/reachability.js";
import { chatTranslator, type Translate } from "../../i18n.js";
import type { Choice, Outbound } from "../../messaging/outbound.js";
import { recipientTranslator } from "../recipient-translator.js";
import { type BroadcastEnv, selectAudience, unitTreeOf } from "./broadcast-env.js";
import { memberMessages } from "./broadcast-message.js";
import { broadcastName, describeSchedule, reachLines } from "./broadcast-texts.js";

/** Button data prefixes of an approval request: approve, approve without the urgent mark, reject. */
export const APPROVE_PREFIX = "bca";
export const APPROVE_NOT_URGENT_PREFIX = "bcn";
export const REJECT_PREFIX = "bcr";

/** The outbox purpose of every notice about a broadcast (to its author and approvers). */
export function noticePurpose(broadcastId: string): string {
  return `broadcast-notice:${broadcastId}`;
}

/** The members who may approve a broadcast: approvers covering its whole audience, not its author. */
export async function approversOf(env: BroadcastEnv, broadcast: Broadcast): Promise<Member[]> {
  const { store } = env.deps;
  const [tree, members] = await Promise.all([unitTreeOf(store), store.members.list()]);
  return members.filter(
    (m) => m.id !== broadcast.authorId && approverCovers(m, broadcast.audience, tree),
  );
}

/**
 * What an approver is shown: who asks, the message exactly as members will see it (with its
 * photo), how many it reaches, when it goes out, the urgent mark, and the decision buttons.
 * Where the approver's chat cannot show the photo (`on`, else the chat they used last), the
 * request says so and whom to ask for it, rather than let them approve what they cannot see.
 */
export async function approvalRequest(
  env: BroadcastEnv,
  broadcast: Broadcast,
  approver: Member,
  on: Channel | undefined = reachableIdentity(approver)?.channel,
): Promise<Outbound> {
  const { deps } = env;
  const locale = approver.locale;
  // Worded for the chat it reaches: numbered lines to type on a chat without buttons.
  const t =
    on === undefined
      ? deps.i18n.getFixedT(locale)
      : chatTranslator(deps.i18n, locale, deps.buttonsOn?.[on] ?? true);
  const author = await deps.store.members.get(broadcast.authorId);
  const message = await memberMessages(deps, {
    ...broadcast,
    orgIds: broadcast.audience.orgIds,
  })(locale);
  const selection = await selectAudience(deps.store, broadcast.audience);
  const photoHidden = message.file !== undefined && on !== undefined && !filesShownOn(deps, on);
  const authorName = author?.name ?? broadcast.authorId;
  const lines = [
    t("broadcast:approval.asks", {
      name: broadcastName(t, broadcast),
      author: authorName,
      version: broadcast.version,
    }),
    "",
    message.text,
    ...(photoHidden
      ? [
          t(
            `broadcast:approval.${message.file?.kind === "audio" ? "audio" : "photo"}NotShown${
              author?.phone ? "" : "NoPhone"
            }`,
            { author: authorName, phone: author?.phone },
          ),
        ]
      : []),
    "",
    ...reachLines(t, locale, deps.channels, selection),
    t("broadcast:approval.when", {
      when: describeSchedule(t, locale, broadcast.schedule, deps.config.timeZone),
    }),
    ...(broadcast.urgent ? [t("broadcast:approval.urgent")] : []),
    t("broadcast:approval.decide"),
  ];
  const data = (prefix: string) => `${prefix}:${broadcast.id}:${broadcast.version}`;
  const choices: Choice[][] = broadcast.urgent
    ? [
        [{ data: data(APPROVE_PREFIX), label: t("broadcast:approval.approveUrgent") }],
        [
          {
            data: data(APPROVE_NOT_URGENT_PREFIX),
            label: t("broadcast:approval.approveNotUrgent"),
          },
        ],
        [{ data: data(REJECT_PREFIX), label: t("broadcast:approval.reject") }],
      ]
    : [
        [
          { data: data(APPROVE_PREFIX), label: t("broadcast:approval.approve") },
          { data: data(REJECT_PREFIX), label: t("broadcast:approval.reject") },
        ],
      ];
  return {
    text: lines.join("\n"),
    bold: message.bold,
    choices,
    choiceMode: "single",
    ...(message.file && !photoHidden ? { file: message.file } : {}),
  };
}

function filesShownOn(deps: BroadcastEnv["deps"], channel: Channel): boolean {
  return deps.filesShown[channel] ?? true;
}

/** Sends the approval request of the broadcast's current version to every approver; returns how many. */
export async function requestApproval(env: BroadcastEnv, broadcast: Broadcast): Promise<number> {
  const approvers = await approversOf(env, broadcast);
  for (const approver of approvers) {
    await env.outbox.enqueue({
      key: `broadcast-approval:${broadcast.id}:v${broadcast.version}:${approver.id}`,
      purpose: noticePurpose(broadcast.id),
      memberId: approver.id,
      message: await approvalRequest(env, broadcast, approver),
    });
  }
  return approvers.length;
}

/**
 * Tells a broadcast's author something (approved, rejected, started, finished), once per
 * `event`: the outbox key makes a repeat after a restart send nothing.
 */
export async function tellAuthor(
  env: BroadcastEnv,
  broadcast: Broadcast,
  event: string,
  text: (t: Translate, author: Member) => string,
): Promise<void> {
  const author = await env.deps.store.members.get(broadcast.authorId);
  if (!author?.active) return;
  const t = recipientTranslator(env.deps, author);
  await env.outbox.enqueue({
    key: `broadcast-author:${broadcast.id}:${event}`,
    purpose: noticePurpose(broadcast.id),
    memberId: author.id,
    message: { text: text(t, author) },
  });
}
