import { CHANNEL_ADAPTERS } from "../../channels/registry.js";
import { unbindMember } from "../../features/admin/member-admin.js";
import { defineCommand, UsageError } from "../command.js";
import { memberChangeResult } from "../member-change.js";

/** `members unbind <id> --channel telegram|zalo`: forgets a lost phone's chat. */
export const command = defineCommand({
  args: ["member-id"],
  options: { channel: { type: "string", required: true, value: "telegram|zalo" } },
  async run({ t, store }, { args, options }) {
    const channel = (options.channel ?? "").toLowerCase();
    if (!CHANNEL_ADAPTERS.some((adapter) => adapter.id === channel)) {
      throw new UsageError(String(t("cli:errors.badChannel", { value: options.channel })));
    }
    const id = args[0] ?? "";
    const result = await unbindMember(await store(), id, channel);
    return memberChangeResult(t, id, result, "cli:members.unbound", { channel });
  },
});
