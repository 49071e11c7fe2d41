import type { Translate } from "../../i18n.js";
import type { Choice } from "../../messaging/outbound.js";

/** The data of the "report this week" button: the router runs `/report` for it. */
export const REPORT_BUTTON_DATA = "menu:report";

/** The "report this week" button, for reminders, `/help` and `/myreports`. */
export function reportButton(t: Translate): Choice {
  return { data: REPORT_BUTTON_DATA, label: t("report:button") };
}
