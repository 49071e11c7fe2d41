import { normaliseInviteCode } from "../../domain/invite-code.js";
import { CliError, defineCommand } from "../command.js";

/** `invite revoke <code>`: an unused code stops working at once. */
export const command = defineCommand({
  args: ["code"],
  async run({ t, store, now }, { args }) {
    const typed = args[0] ?? "";
    const code = normaliseInviteCode(typed);
    if (!code) throw new CliError(String(t("cli:invite.revoke.unknown", { code: typed })));
    const outcome = await (await store()).invites.revoke(code, now().toISOString());
    if (outcome === "unknown" || outcome === "used") {
      throw new CliError(String(t(`cli:invite.revoke.${outcome}`, { code })));
    }
    return {
      json: { code, revoked: true },
      text: String(t(`cli:invite.revoke.${outcome}`, { code })),
    };
  },
});
