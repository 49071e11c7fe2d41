import { BROADCAST_STATES, type BroadcastState } from "../../domain/broadcast.js";
import { formatInstant } from "../../features/broadcasting/broadcast-texts.js";
import { CliError, defineCommand } from "../command.js";
import { textTable } from "../text-table.js";

/** `broadcasts list [--state <state>] [--author <member-id>]`: broadcasts, newest first, with their counts. */
export const command = defineCommand({
  options: {
    state: { type: "string", value: "state" },
    author: { type: "string", value: "member-id" },
  },
  async run({ t, store, config, locale }, { options }) {
    const state = options.state?.trim().toLowerCase();
    if (state && !(BROADCAST_STATES as readonly string[]).includes(state)) {
      throw new CliError(
        String(
          t("broadcast:cli.unknownState", { value: state, states: BROADCAST_STATES.join(", ") }),
        ),
      );
    }
    const opened = await store();
    let broadcasts = options.author
      ? await opened.broadcasts.listByAuthor(options.author)
      : await opened.broadcasts.list();
    if (state) broadcasts = broadcasts.filter((b) => b.state === (state as BroadcastState));
    const rows = broadcasts.map((b) => {
      const run = b.runs.at(-1);
      const counts = run?.counts;
      return [
        b.id,
        String(t(`broadcast:kind.${b.kind}`)),
        String(t(`broadcast:state.${b.state}`)),
        b.authorId,
        formatInstant(locale, new Date(b.createdAt), config.timeZone),
        run ? String(run.recipients) : "",
        counts ? String(counts.sent) : "",
        counts ? String(counts.failed) : "",
        counts ? String(counts.blocked + (run?.unreachable ?? 0)) : "",
        run ? String(run.optedOut) : "",
        [...(b.title ?? b.text).replace(/\s+/g, " ")].slice(0, 40).join(""),
      ];
    });
    const header = [
      "id",
      "kind",
      "state",
      "author",
      "created",
      "recipients",
      "sent",
      "failed",
      "blocked",
      "optedOut",
      "text",
    ].map((column) => String(t(`broadcast:cli.columns.${column}`)));
    return {
      json: { broadcasts },
      text: [
        ...textTable(header, rows),
        String(t("broadcast:cli.count", { count: broadcasts.length })),
      ],
    };
  },
});
