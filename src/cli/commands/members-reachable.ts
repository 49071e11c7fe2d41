import { CHANNEL_ADAPTERS } from "../../channels/registry.js";
import { localDate } from "../../domain/local-time.js";
import { clearUnreachable } from "../../features/member-reachability.js";
import { formatDate } from "../../render/format.js";
import { defineCommand, UsageError } from "../command.js";
import { memberChangeResult } from "../member-change.js";

/**
 * `members reachable <id> --channel telegram|zalo`: lifts the "unreachable" mark (and the
 * failure days counted toward it) from the member's chats on that platform.
 */
export const command = defineCommand({
  args: ["member-id"],
  options: { channel: { type: "string", required: true, value: "telegram|zalo" } },
  async run({ t, store, config, locale }, { args, options }) {
    const channel = (options.channel ?? "").toLowerCase();
    if (!CHANNEL_ADAPTERS.some((adapter) => adapter.id === channel)) {
      throw new UsageError(String(t("cli:errors.badChannel", { value: options.channel })));
    }
    const id = args[0] ?? "";
    const result = await clearUnreachable(await store(), id, channel);
    const output = memberChangeResult(t, id, result, "cli:members.reachable.done", { channel });
    if (!result.ok) return output;
    const reasons = result.cleared.map((mark) =>
      String(
        t("cli:members.reachable.cleared", {
          since: formatDate(locale, localDate(new Date(mark.since), config.timeZone)),
          reason: mark.reason,
        }),
      ),
    );
    return {
      json: { ...(output.json as object), cleared: result.cleared },
      text: [String(output.text), ...reasons],
    };
  },
});
