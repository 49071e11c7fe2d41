import { prepareInvite } from "../../features/invites.js";
import { CliError, defineCommand } from "../command.js";
import { expiryText, handedInvite, writeInviteCard } from "../invite-output.js";
import { inviteProblemText, localeFrom, orgsFrom, rolesFrom } from "../invite-request.js";
import { telegramBotUsername } from "../telegram-username.js";

/**
 * `invite create`: a one-time code with its Telegram link, for a new member (roles, unit,
 * organisations) or, with `--member`, for a known member's second chat; `--qr` also writes
 * a printable card. Zalo has no link that carries a code: the person opens the bot (by
 * `ZALO_BOT_LINK`, printed and on the card as a second QR code, when set) and types the code.
 */
export const command = defineCommand({
  options: {
    role: { type: "string", multiple: true, value: "role" },
    unit: { type: "string", value: "unit-id" },
    org: { type: "string", multiple: true, value: "org-id" },
    name: { type: "string", value: "name" },
    lang: { type: "string", value: "vi|en" },
    member: { type: "string", value: "member-id" },
    days: { type: "string", value: "days" },
    qr: { type: "string", value: "file.png" },
  },
  async run(context, { options }) {
    const { t, config } = context;
    const roles = rolesFrom(t, options.role);
    const days = options.days === undefined ? undefined : Number(options.days);
    const store = await context.store();
    const request = {
      roles,
      ...(options.unit ? { unitId: options.unit } : {}),
      orgIds: orgsFrom(options.org),
      ...(options.name ? { name: options.name.trim() } : {}),
      locale: localeFrom(t, options.lang) ?? (options.member ? undefined : config.defaultLocale),
      ...(options.member ? { memberId: options.member } : {}),
      ...(days !== undefined ? { validDays: days } : {}),
    };
    const result = await prepareInvite(store, request, context);
    if (!result.ok) throw new CliError(inviteProblemText(t, result.problem));
    const invite = handedInvite(result.invite, await telegramBotUsername(config, t, context.warn));
    // The card is drawn before the invite is saved: a card that cannot be written leaves no
    // stray code behind.
    const zaloLink = config.zalo.botLink;
    if (options.qr) await writeInviteCard(context, invite, options.qr, zaloLink);
    await store.invites.save(result.invite);
    const lines = [
      String(t("cli:invite.code", { code: invite.code })),
      invite.telegramLink
        ? String(t("cli:invite.telegramLink", { link: invite.telegramLink }))
        : String(t("cli:invite.noTelegramLink")),
      zaloLink
        ? String(t("cli:invite.zaloLink", { code: invite.code, link: zaloLink }))
        : String(t("cli:invite.zalo", { code: invite.code })),
      String(t("cli:invite.expires", { date: expiryText(context, invite) })),
      ...(options.qr ? [String(t("cli:invite.card", { file: options.qr }))] : []),
    ];
    return {
      json: { ...invite, zaloLink: zaloLink ?? null, ...(options.qr ? { card: options.qr } : {}) },
      text: lines,
    };
  },
});
