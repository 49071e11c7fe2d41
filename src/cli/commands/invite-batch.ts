import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInviteBatch } from "../../features/invite-batch.js";
import { MEMBER_COLUMNS } from "../../features/member-fields.js";
import { defineCommand } from "../command.js";
import { expiryText, handedInvite, writeInviteCard } from "../invite-output.js";
import { importRefused, readCsvFile } from "../tables.js";
import { telegramBotUsername } from "../telegram-username.js";

/**
 * `invite batch <csv>`: one invite per row of a members table, all or none; the results as
 * CSV (on stdout, or `--out`), and with `--qr-dir` a printable card per invite.
 */
export const command = defineCommand({
  args: ["csv"],
  options: {
    out: { type: "string", value: "file.csv" },
    "qr-dir": { type: "string", value: "folder" },
  },
  async run(context, { args, options }) {
    const { t, config } = context;
    const rows = await readCsvFile(t, args[0] ?? "", MEMBER_COLUMNS);
    const result = await createInviteBatch(await context.store(), rows, {
      now: context.now,
      random: context.random,
      defaultLocale: config.defaultLocale,
    });
    if (!result.ok) throw importRefused(t, result.problems);
    const username = await telegramBotUsername(config, t, context.warn);
    const invites = result.invites.map((batch) => ({
      row: batch.row,
      name: batch.name,
      unit: batch.unitId,
      member: batch.memberId ?? "",
      ...handedInvite(batch.invite, username),
    }));
    const qrDir = options["qr-dir"];
    if (qrDir) {
      for (const invite of invites)
        await writeInviteCard(
          context,
          invite,
          join(qrDir, `${invite.code}.png`),
          context.config.zalo.botLink,
        );
    }
    const { stringify } = await import("csv-stringify/sync");
    const csv = stringify(
      invites.map((invite) => ({
        ...invite,
        telegramLink: invite.telegramLink ?? "",
        expires: expiryText(context, invite),
      })),
      {
        header: true,
        columns: ["row", "name", "unit", "member", "code", "telegramLink", "expires", "expiresAt"],
        bom: options.out !== undefined,
      },
    );
    if (options.out) await writeFile(options.out, csv);
    const summary = String(
      t("cli:invite.batchDone", { count: invites.length, file: options.out ?? "" }),
    );
    return {
      json: { invites },
      text: options.out ? summary : csv,
    };
  },
});
