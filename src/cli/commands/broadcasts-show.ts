import { poolOf } from "../../domain/audience.js";
import { describeSchedule, formatInstant } from "../../features/broadcasting/broadcast-texts.js";
import { broadcastAuditDetails } from "../broadcast-audit-details.js";
import { CliError, defineCommand } from "../command.js";
import { textTable } from "../text-table.js";

/**
 * `broadcasts show <id>`: one broadcast in full (text, audience, schedule, approval, each
 * run's counts) and its audit trail: who composed, approved, rejected, edited, cancelled,
 * recalled, and what went out to how many, when.
 */
export const command = defineCommand({
  args: ["id"],
  async run({ t, store, config, locale }, { args }) {
    const id = (args[0] ?? "").trim().replace(/^#/, "");
    const opened = await store();
    const broadcast = await opened.broadcasts.get(id);
    if (!broadcast) throw new CliError(String(t("broadcast:cli.unknown", { id })));
    const audit = await opened.broadcasts.audit(id);
    const when = (iso: string) => formatInstant(locale, new Date(iso), config.timeZone);
    const nameOf = async (memberId: string | undefined) => {
      if (!memberId) return String(t("broadcast:cli.bot"));
      const member = await opened.members.get(memberId);
      return member ? `${member.name} (${memberId})` : memberId;
    };
    const lines = [
      String(
        t("broadcast:cli.header", {
          id: broadcast.id,
          kind: t(`broadcast:kind.${broadcast.kind}`),
          state: t(`broadcast:state.${broadcast.state}`),
          version: broadcast.version,
        }),
      ),
      String(
        t("broadcast:cli.author", {
          author: await nameOf(broadcast.authorId),
          at: when(broadcast.createdAt),
        }),
      ),
      String(
        t("broadcast:cli.audience", {
          orgs: broadcast.audience.orgIds.join(", "),
          areas: broadcast.audience.areaIds.join(", "),
          roles:
            broadcast.audience.roles.join(", ") ||
            t(`broadcast:cli.audienceAny.${poolOf(broadcast.audience)}`),
        }),
      ),
      String(
        t("broadcast:cli.schedule", {
          when: describeSchedule(t, locale, broadcast.schedule, config.timeZone),
          urgent: broadcast.urgent ? t("broadcast:cli.urgent") : "",
        }),
      ),
    ].map((line) => line.trimEnd());
    if (broadcast.title) lines.push(String(t("broadcast:cli.title", { title: broadcast.title })));
    lines.push("", broadcast.text, "");
    for (const run of broadcast.runs) {
      lines.push(
        String(
          t("broadcast:cli.run", {
            occurrence: when(run.occurrence),
            recipients: run.recipients,
            sent: run.counts?.sent ?? "-",
            failed: run.counts?.failed ?? "-",
            blocked: run.counts ? run.counts.blocked + run.unreachable : "-",
            optedOut: run.optedOut,
            state: t(`broadcast:cli.runState.${run.state}`),
          }),
        ),
      );
      if (run.recall) {
        lines.push(
          String(
            t("broadcast:cli.recall", {
              recalled: run.recall.recalled,
              notRecalled: run.recall.notRecalled,
              at: when(run.recall.at),
            }),
          ),
        );
      }
    }
    const rows = [];
    for (const entry of audit) {
      rows.push([
        when(entry.at),
        String(t(`broadcast:cli.actions.${entry.action}`)),
        await nameOf(entry.actorId),
        String(entry.version),
        broadcastAuditDetails(t, locale, config.timeZone, entry.details),
      ]);
    }
    const header = ["at", "action", "actor", "version", "details"].map((c) =>
      String(t(`broadcast:cli.auditColumns.${c}`)),
    );
    lines.push(String(t("broadcast:cli.auditTitle")), ...textTable(header, rows));
    return { json: { broadcast, audit }, text: lines };
  },
});
