import { instantAt } from "../../domain/local-time.js";
import { formatInstant } from "../../features/broadcasting/broadcast-texts.js";
import { broadcastAuditDetails } from "../broadcast-audit-details.js";
import { defineCommand } from "../command.js";
import { isoDateArgument } from "../iso-date.js";
import { textTable } from "../text-table.js";

/** One line of the combined trail, before it is put in words. */
interface TrailLine {
  at: string;
  /** Who acted: a member id, the CLI's account, or nobody (the assistant itself). */
  actor?: string;
  action: string;
  subject: string;
  details: string;
  /** The members the line is about or who acted, for `--member`. */
  memberIds: string[];
}

/**
 * `audit list [--since <date>] [--member <id>]`: one trail, oldest first, of what
 * administrators did to people's data (`members export`, `members forget`) and of every
 * broadcast's life (composed, approved, sent…). People are named by member id only.
 */
export const command = defineCommand({
  options: {
    since: { type: "string", value: "yyyy-mm-dd" },
    member: { type: "string", value: "member-id" },
  },
  async run({ t, store, config, locale }, { options }) {
    const since = options.since
      ? (() => {
          const [year, month, day] = isoDateArgument(t, options.since).split("-").map(Number);
          return instantAt(config.timeZone, year ?? 0, month ?? 1, day ?? 1).toISOString();
        })()
      : undefined;
    const opened = await store();
    const admin = await opened.audit.list(since);
    const broadcasts = (await opened.broadcasts.audit()).filter(
      (entry) => since === undefined || entry.at >= since,
    );
    const lines: TrailLine[] = [
      ...admin.map((entry) => ({
        at: entry.at,
        actor: entry.actor,
        action: String(t(`cli:audit.actions.${entry.action}`)),
        subject: String(t("cli:audit.subject.member", { id: entry.memberId })),
        details: "",
        memberIds: [entry.memberId],
      })),
      ...broadcasts.map((entry) => ({
        at: entry.at,
        actor: entry.actorId,
        action: String(t(`broadcast:cli.actions.${entry.action}`)),
        subject: String(t("cli:audit.subject.broadcast", { id: entry.broadcastId })),
        details: broadcastAuditDetails(t, locale, config.timeZone, entry.details),
        memberIds: entry.actorId ? [entry.actorId] : [],
      })),
    ]
      .filter((line) => !options.member || line.memberIds.includes(options.member))
      .sort((a, b) => a.at.localeCompare(b.at));
    const header = ["at", "actor", "action", "subject", "details"].map((column) =>
      String(t(`cli:audit.columns.${column}`)),
    );
    const rows = lines.map((line) => [
      formatInstant(locale, new Date(line.at), config.timeZone),
      line.actor ?? String(t("broadcast:cli.bot")),
      line.action,
      line.subject,
      line.details,
    ]);
    return {
      json: { admin, broadcasts },
      text: [...textTable(header, rows), String(t("cli:audit.count", { count: lines.length }))],
    };
  },
});
