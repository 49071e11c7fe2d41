import type { Translate } from "../i18n.js";
import { UsageError } from "./command.js";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date given on the command line, `yyyy-mm-dd` and real (no 30 February), or a usage error. */
export function isoDateArgument(t: Translate, date: string): string {
  if (
    !ISO_DATE.test(date) ||
    Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
    new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
  ) {
    throw new UsageError(String(t("status:cli.badDate", { date })));
  }
  return date;
}
