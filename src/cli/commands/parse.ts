import { readFieldAnswer } from "../../domain/number-reading.js";
import type { ReportField } from "../../domain/report-fields.js";
import { fieldUnitLabel } from "../../reference/labels.js";
import { formatNumber } from "../../render/format.js";
import { CliError, defineCommand } from "../command.js";

/**
 * `parse "<text>" --field <field-id>`: how the bot reads what a head typed for a report
 * field: the value in the field's unit, "skipped", or the reason it would ask again (exit 1).
 */
export const command = defineCommand({
  args: ["text"],
  options: { field: { type: "string", required: true, value: "field-id" } },
  async run({ t, locale, store }, { args, options }) {
    const fields: ReportField[] = (await (await store()).reportFields.get()).groups.flatMap(
      (group) => group.fields,
    );
    const field = fields.find((f) => f.id === options.field);
    if (!field) {
      throw new CliError(
        String(
          t("review:cli.parse.unknownField", {
            field: options.field,
            fields: fields.map((f) => f.id).join(", "),
          }),
        ),
      );
    }
    const text = args[0] ?? "";
    const reading = readFieldAnswer(text, field);
    const base = { field: field.id, text, unit: field.unit };
    switch (reading.kind) {
      case "value": {
        const shown = String(
          t(reading.approximate ? "review:cli.parse.approximate" : "review:cli.parse.value", {
            value: formatNumber(locale, reading.value, 4),
            unit: fieldUnitLabel(t, field),
          }),
        );
        return {
          json: { ...base, kind: "value", value: reading.value, approximate: reading.approximate },
          text: shown,
        };
      }
      case "skip":
        return { json: { ...base, kind: "skip" }, text: String(t("review:cli.parse.skip")) };
      case "refused": {
        const reason = String(t(reading.reason.key, reading.reason.params));
        return {
          json: { ...base, kind: "refused", key: reading.reason.key, reason },
          text: reason,
          exitCode: 1,
        };
      }
    }
  },
});
