import { LOCALES, type Locale, type Member } from "../domain/member.js";
import type { Role } from "../domain/role.js";
import type { Translate } from "../i18n.js";
import type { Feature, MemberContext } from "./feature.js";
import { JOIN_PREFIX, joinWithCode, welcome } from "./onboarding/join.js";
import { SALUTATION_PREFIX, salutationChoice } from "./onboarding/salutation.js";

/** Commands each role adds to /help, in the order shown. */
const COMMANDS_BY_ROLE: Record<Role, string[]> = {
  member: ["stories", "stop"],
  hamlet_head: ["report", "myreports"],
  broadcaster: ["broadcast", "broadcasts", "storiesPending"],
  approver: ["broadcasts"],
  official: ["status", "summary", "reports"],
  // An admin sees every area's figures; reviewing reports is an official's work.
  admin: ["status", "summary"],
};

/** Commands everyone has, whatever their roles. */
const EVERYONE_COMMANDS = ["start", "help", "lang", "cancel", "stories", "mydata"];

/** The commands a member's roles add to what everyone has, in /help's order. */
function roleCommands(member: Pick<Member, "roles">): string[] {
  const commands: string[] = [];
  for (const grant of member.roles) {
    for (const command of COMMANDS_BY_ROLE[grant.role]) {
      if (!commands.includes(command) && !EVERYONE_COMMANDS.includes(command)) {
        commands.push(command);
      }
    }
  }
  return commands;
}

/** The /help text for a member: what their roles allow, nothing more. */
export function helpText(ctx: Pick<MemberContext, "member" | "t">): string {
  const commands = ["start", "help", "lang", "cancel"];
  for (const grant of ctx.member.roles) {
    for (const command of COMMANDS_BY_ROLE[grant.role]) {
      if (!commands.includes(command)) commands.push(command);
    }
  }
  if (!commands.includes("stories")) commands.push("stories");
  commands.push("mydata");
  return [ctx.t("common:help.intro"), ...commands.map((c) => ctx.t(`common:help.${c}`))].join("\n");
}

/**
 * /help on a phone several people share: what everyone there can do, then what each person's
 * roles add, by name, so the wife sees her union's commands and the hamlet head his reports.
 */
export function sharedHelpText(t: Translate, people: readonly Member[]): string {
  const lines = [
    t("common:help.sharedIntro"),
    ...EVERYONE_COMMANDS.map((c) => t(`common:help.${c}`)),
  ];
  for (const person of people) {
    const own = roleCommands(person);
    if (own.length === 0) continue;
    lines.push("", t("common:help.forPerson", { name: person.name }));
    lines.push(...own.map((c) => t(`common:help.${c}`)));
  }
  return lines.join("\n");
}

async function start(ctx: MemberContext): Promise<void> {
  const code = ctx.inbound.text?.trim();
  if (code) {
    const result = await joinWithCode(
      ctx.deps,
      {
        channel: ctx.inbound.channel,
        chatId: ctx.inbound.chatId,
        displayName: ctx.inbound.displayName,
      },
      code,
      ctx.t,
    );
    await ctx.reply.send(result.message);
    return;
  }
  const member = ctx.member.optedOut
    ? ((await ctx.deps.store.members.setOptedOut(ctx.member.id, false)) ?? ctx.member)
    : ctx.member;
  await ctx.reply.send(await welcome(ctx.deps, member, false, ctx.t));
}

/** The answer to "add this person to the shared phone?" (see `joinWithCode`). */
async function sharedPhoneChoice(ctx: MemberContext): Promise<void> {
  await ctx.reply.acknowledge();
  const [, answer, code = ""] = (ctx.inbound.choice?.data ?? "").split(":");
  const chat = {
    channel: ctx.inbound.channel,
    chatId: ctx.inbound.chatId,
    displayName: ctx.inbound.displayName,
  };
  if (answer !== "share") {
    const invite = await ctx.deps.store.invites.get(code);
    await ctx.reply.send({
      text: ctx.t("common:join.sharedKept", { name: invite?.name ?? ctx.t("common:join.someone") }),
    });
    return;
  }
  const result = await joinWithCode(ctx.deps, chat, code, ctx.t, true);
  await ctx.reply.send(result.message);
}

async function help(ctx: MemberContext): Promise<void> {
  const { channel, chatId } = ctx.inbound;
  const onChat = (await ctx.deps.store.members.membersOfChat(channel, chatId)).filter(
    (m) => m.active,
  );
  const shared = onChat.length > 1 && onChat.some((m) => m.id === ctx.member.id);
  const isHead = (shared ? onChat : [ctx.member]).some((m) =>
    m.roles.some((g) => g.role === "hamlet_head"),
  );
  await ctx.reply.send({
    text: shared ? sharedHelpText(ctx.t, onChat) : helpText(ctx),
    choices: isHead
      ? [[{ data: "menu:report", label: ctx.t("common:help.reportButton") }]]
      : undefined,
  });
}

async function language(ctx: MemberContext): Promise<void> {
  const asked = ctx.inbound.text?.trim().toLowerCase();
  if (asked) return switchTo(ctx, asked);
  await ctx.reply.send({
    text: ctx.t("common:lang.ask"),
    choices: [LOCALES.map((lng) => ({ data: `lang:${lng}`, label: ctx.t(`common:lang.${lng}`) }))],
    choiceMode: "single",
  });
}

async function languageChoice(ctx: MemberContext): Promise<void> {
  await ctx.reply.acknowledge();
  await switchTo(ctx, ctx.inbound.choice?.data.slice("lang:".length) ?? "");
}

async function switchTo(ctx: MemberContext, asked: string): Promise<void> {
  if (!(LOCALES as readonly string[]).includes(asked)) {
    await ctx.reply.send({ text: ctx.t("common:lang.unknown", { lang: asked }) });
    return;
  }
  const locale = asked as Locale;
  await ctx.deps.store.members.setLocale(ctx.member.id, locale);
  const t = ctx.deps.i18n.getFixedT(locale);
  await ctx.reply.send({ text: t("common:lang.changed") });
}

/**
 * /start (also /join), /help and /lang for members, the answer about a shared phone, and how
 * the person likes to be addressed.
 */
export function membershipFeature(): Feature {
  return {
    name: "membership",
    commands: { start, help, lang: language, join: start },
    choices: {
      lang: languageChoice,
      [JOIN_PREFIX]: sharedPhoneChoice,
      [SALUTATION_PREFIX]: salutationChoice,
    },
  };
}
