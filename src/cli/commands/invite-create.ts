import { prepareInvite } from "../../features/admin/invites.js";
import { CliError, defineCommand } from "../command.js";
import {
  expiryText,
  handedInvite,
  inviteChannels,
  linkField,
  writeInviteCard,
} from "../invite-output.js";
import {
  inviteProblemText,
  localeFrom,
  orgsFrom,
  rolesFrom,
  salutationFrom,
} from "../invite-request.js";

/**
 * `invite create`: a one-time code with each platform's link, for a new member (roles, unit,
 * organisations) or, with `--member`, for a known member's second chat; `--qr` also writes
 * a printable card with a QR code per link. A platform whose link carries no code only opens
 * the bot there, and the person types the code.
 */
export const command = defineCommand({
  options: {
    role: { type: "string", multiple: true, value: "role" },
    unit: { type: "string", value: "unit-id" },
    org: { type: "string", multiple: true, value: "org-id" },
    name: { type: "string", value: "name" },
    salutation: { type: "string", value: "anh|chị|ông|bà|bác|em" },
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
      ...(options.salutation ? { salutation: salutationFrom(t, options.salutation) } : {}),
      locale: localeFrom(t, options.lang) ?? (options.member ? undefined : config.defaultLocale),
      ...(options.member ? { memberId: options.member } : {}),
      ...(days !== undefined ? { validDays: days } : {}),
    };
    const result = await prepareInvite(store, request, context);
    if (!result.ok) throw new CliError(inviteProblemText(t, result.problem));
    const channels = await inviteChannels(context);
    const invite = handedInvite(result.invite, channels);
    // The card is drawn before the invite is saved: a card that cannot be written leaves no
    // stray code behind.
    if (options.qr) await writeInviteCard(context, invite, channels, options.qr);
    await store.invites.save(result.invite);
    const lines = [
      String(t("cli:invite.code", { code: invite.code })),
      ...channels.map((channel) => {
        const link = invite.links[linkField(channel)];
        const { lines } = channel.invites;
        return String(t(link ? lines.link : lines.noLink, { code: invite.code, link }));
      }),
      String(t("cli:invite.expires", { date: expiryText(context, invite) })),
      ...(options.qr ? [String(t("cli:invite.card", { file: options.qr }))] : []),
    ];
    return {
      json: {
        code: invite.code,
        ...invite.links,
        expiresAt: invite.expiresAt,
        ...(options.qr ? { card: options.qr } : {}),
      },
      text: lines,
    };
  },
});
