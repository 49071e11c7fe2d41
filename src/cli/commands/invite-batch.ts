import { mkdir, stat, writeFile } from "node:fs/promises";
import { dirname, extname, join } from "node:path";
import { UnitTree } from "../../domain/unit-tree.js";
import { createInviteBatch } from "../../features/admin/invite-batch.js";
import { MEMBER_COLUMNS } from "../../features/admin/member-fields.js";
import type { Translate } from "../../i18n.js";
import type { SheetCard } from "../../render/invite-sheet.js";
import { CliError, type CommandContext, defineCommand } from "../command.js";
import {
  expiryText,
  type HandedInvite,
  handedInvite,
  inviteChannels,
  linkField,
  personFileName,
  sheetCard,
  writeInviteCard,
} from "../invite-output.js";
import { importRefused, readCsvFile } from "../tables.js";

/**
 * `invite batch <csv>`: one invite per row of a members table, all or none; the results as
 * CSV (on stdout, or `--out`), with `--qr-dir` a printable card per invite named after its
 * person, and with `--sheet` A4 pages of named cards with cut lines (PDF, or PNG pages).
 * Every place a file goes is checked before any code is made, and the codes are written out
 * before the cards, so a failure never leaves codes nobody was shown.
 */
export const command = defineCommand({
  args: ["csv"],
  options: {
    out: { type: "string", value: "file.csv" },
    "qr-dir": { type: "string", value: "folder" },
    sheet: { type: "string", value: "cards.pdf" },
  },
  async run(context, { args, options }) {
    const { t, config } = context;
    const rows = await readCsvFile(t, args[0] ?? "", MEMBER_COLUMNS);
    const qrDir = options["qr-dir"];
    const sheet = options.sheet;
    if (sheet && ![".pdf", ".png"].includes(extname(sheet).toLowerCase())) {
      throw new CliError(String(t("cli:invite.sheetFormat", { file: sheet })));
    }
    for (const file of [options.out, sheet]) {
      if (file) await requireFolder(t, dirname(file));
    }
    if (qrDir) {
      await mkdir(qrDir, { recursive: true }).catch(() => {
        throw new CliError(String(t("cli:invite.noFolder", { folder: qrDir })));
      });
    }
    const store = await context.store();
    const result = await createInviteBatch(store, rows, {
      now: context.now,
      random: context.random,
      defaultLocale: config.defaultLocale,
    });
    if (!result.ok) throw importRefused(t, result.problems);
    const channels = await inviteChannels(context);
    // A link that carries no code is the same for every row: it goes on the cards, not in the table.
    const perCode = channels.filter((channel) => channel.invites.carriesCode);
    const handed = result.invites.map((batch) => handedInvite(batch.invite, perCode));
    const invites = result.invites.map((batch, index) => {
      const { code, links, expiresAt } = handed[index] as HandedInvite;
      return {
        row: batch.row,
        name: batch.name,
        unit: batch.unitId,
        member: batch.memberId ?? "",
        code,
        ...links,
        expiresAt,
      };
    });
    const linkColumns = perCode.map(linkField);
    const { stringify } = await import("csv-stringify/sync");
    const csv = stringify(
      invites.map((invite, index) => {
        const { links } = handed[index] as HandedInvite;
        return {
          ...invite,
          ...Object.fromEntries(linkColumns.map((column) => [column, links[column] ?? ""])),
          expires: expiryText(context, invite),
        };
      }),
      {
        header: true,
        columns: ["row", "name", "unit", "member", "code", ...linkColumns, "expires", "expiresAt"],
        bom: options.out !== undefined,
      },
    );
    if (options.out) await writeFile(options.out, csv);
    const made: string[] = [];
    const sheetFiles: string[] = [];
    try {
      if (qrDir) {
        for (const [index, invite] of invites.entries()) {
          const file = join(qrDir, `${personFileName(invite.name, invite.code)}.png`);
          await writeInviteCard(context, handed[index] as HandedInvite, channels, file);
          made.push(file);
        }
      }
      if (sheet) {
        const tree = new UnitTree(await store.units.list());
        const cards = result.invites.map((batch) => sheetCard(context, tree, batch, channels));
        sheetFiles.push(...(await writeSheet(context, sheet, cards)));
        made.push(...sheetFiles);
      }
    } catch (error) {
      // The codes exist now: say where they are, so none is handed out blind or made twice.
      const detail = error instanceof Error ? error.message : String(error);
      throw new CliError(
        String(t("cli:invite.cardsFailed", { detail, count: invites.length })),
        options.out ? [] : csv.trimEnd().split("\n"),
      );
    }
    const summary = [
      String(t("cli:invite.batchDone", { count: invites.length, file: options.out ?? "" })),
      ...(sheet ? [String(t("cli:invite.sheetDone", { files: sheetFiles.join(", ") }))] : []),
    ].join("\n");
    return {
      json: { invites, ...(made.length > 0 ? { files: made } : {}) },
      text: options.out ? summary : csv,
    };
  },
});

async function requireFolder(t: Translate, folder: string): Promise<void> {
  const found = await stat(folder).catch(() => undefined);
  if (!found?.isDirectory()) {
    throw new CliError(String(t("cli:invite.noFolder", { folder })));
  }
}

/** Writes the sheet as one PDF, or as PNG pages `cards-1.png`, `cards-2.png`…; returns the files. */
async function writeSheet(
  context: Pick<CommandContext, "t" | "locale" | "config">,
  file: string,
  cards: SheetCard[],
): Promise<string[]> {
  const sheet = await import("../../render/invite-sheet.js");
  const input = { cards, issuer: context.config.issuer, locale: context.locale, t: context.t };
  if (extname(file).toLowerCase() === ".pdf") {
    await writeFile(file, await sheet.renderInviteSheetPdf(input));
    return [file];
  }
  const pages = await sheet.renderInviteSheetPng(input);
  const base = file.slice(0, -extname(file).length);
  const files = pages.map((_, index) => (pages.length === 1 ? file : `${base}-${index + 1}.png`));
  for (const [index, page] of pages.entries()) await writeFile(files[index] as string, page);
  return files;
}
