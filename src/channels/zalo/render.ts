import { splitText } from "../../delivery/split-text.js";
import type { Translate } from "../../i18n.js";
import { textWithNumberedChoices } from "../../messaging/numbered-choices.js";
import type { Outbound } from "../../messaging/outbound.js";
import type { ServedFiles } from "../served-files.js";
import { ZALO_MAX_TEXT_LENGTH } from "./limits.js";

/** One message as Zalo can carry it: a text, or a photo fetched by Zalo from a URL. */
export type ZaloMessage =
  | { kind: "text"; text: string }
  | { kind: "photo"; url: string; caption?: string };

/** What rendering needs: the chat's language, and served files when `PUBLIC_URL` is set. */
export interface ZaloRenderEnv {
  t: Translate;
  files?: ServedFiles;
}

/**
 * The Zalo messages an Outbound becomes, in order. Texts over 2000 characters are split at
 * paragraph or sentence boundaries. Zalo has no file upload: a photo is published under
 * `PUBLIC_URL` and sent by link (with the text as caption when it fits); a document (a
 * spreadsheet) becomes a download link in the text, a recording a link to play it; without `PUBLIC_URL` the text says how
 * to get the file instead.
 */
export async function renderForZalo(message: Outbound, env: ZaloRenderEnv): Promise<ZaloMessage[]> {
  const { t, files } = env;
  // Zalo has no buttons: choices are numbered lines, the same for dialogs and plain messages.
  const body = textWithNumberedChoices(message, t);
  const file = message.file;
  const texts = (text: string): ZaloMessage[] =>
    text.trim() === ""
      ? []
      : splitText(text, ZALO_MAX_TEXT_LENGTH).map((part) => ({ kind: "text", text: part }));
  const withNote = (note: string) => (body.trim() === "" ? note : `${body}\n\n${note}`);

  if (!file) return texts(body);
  if (!files) {
    const key = {
      photo: "zalo:file.photoUnavailable",
      document: "zalo:file.documentUnavailable",
      audio: "zalo:file.audioUnavailable",
    }[file.kind];
    return texts(withNote(t(key, { fileName: file.fileName })));
  }
  const served = await files.publish(file);
  const days = Math.max(1, Math.round(files.lifetimeMs / 86_400_000));
  if (file.kind === "document") {
    return texts(
      withNote(t("zalo:file.download", { fileName: file.fileName, url: served.url, days })),
    );
  }
  // Zalo's bots cannot send audio: a recording is a link people open and play in the browser.
  if (file.kind === "audio")
    return texts(withNote(t("zalo:file.listen", { url: served.url, days })));
  if (body.length <= ZALO_MAX_TEXT_LENGTH) {
    return [{ kind: "photo", url: served.url, ...(body.trim() === "" ? {} : { caption: body }) }];
  }
  return [{ kind: "photo", url: served.url }, ...texts(body)];
}
