import { z } from "zod";
import { badRequest } from "../api-error.js";
import { messageObject } from "../api-objects.js";
import type { MessageDraft } from "../chat-store.js";
import type { EmulatorState } from "../emulator-state.js";
import type { FileKind, StoredFile } from "../file-store.js";
import { type InputFileRef, MethodParams } from "../params.js";
import { fetchLoopback, isLoopbackUrl } from "../remote-file.js";
import { readReplyMarkup } from "../reply-markup.js";
import { looksLikeImage } from "../sample-image.js";
import type { MethodHandler } from "./method-context.js";
import { admitSend, botSender, readCaption, readReplyTo, sendableChat } from "./sending.js";

const KIND_NAMES: Record<FileKind, string> = {
  photo: "Photo",
  document: "Document",
  video: "Video",
  audio: "Audio",
  animation: "Animation",
  voice: "Voice",
};

/**
 * Turns a file parameter into a stored file: uploads are stored, file_ids looked up (and must
 * be of the right kind), loopback URLs fetched, other URLs replaced by a generated picture
 * since the emulator never leaves the machine.
 */
export async function resolveInputFile(
  state: EmulatorState,
  ref: InputFileRef,
  kind: FileKind,
): Promise<StoredFile> {
  if (ref.kind === "file_id") {
    const file = state.files.require(ref.fileId);
    const compatible = file.kind === kind || (kind === "document" && file.kind !== "photo");
    if (!compatible) {
      throw badRequest(`can't use file of type ${KIND_NAMES[file.kind]} as ${KIND_NAMES[kind]}`);
    }
    return file;
  }
  if (ref.kind === "url") {
    if (!isLoopbackUrl(ref.url)) {
      return kind === "photo"
        ? state.files.addGeneratedPhoto(ref.url)
        : state.files.add(kind, new TextEncoder().encode(`content of ${ref.url}`), {
            fileName: ref.url.split("/").pop() || undefined,
            sourceUrl: ref.url,
          });
    }
    const fetched = await fetchLoopback(ref.url);
    if (kind === "photo" && !looksLikeImage(fetched.bytes))
      throw badRequest("IMAGE_PROCESS_FAILED");
    return state.files.add(kind, fetched.bytes, {
      fileName: new URL(ref.url).pathname.split("/").pop() || undefined,
      mimeType: fetched.contentType,
      sourceUrl: ref.url,
    });
  }
  if (ref.file.bytes.length === 0) throw badRequest("file must be non-empty");
  if (kind === "photo" && !looksLikeImage(ref.file.bytes)) throw badRequest("IMAGE_PROCESS_FAILED");
  return state.files.add(kind, ref.file.bytes, {
    fileName: ref.file.fileName,
    mimeType: ref.file.contentType,
  });
}

function requiredFile(params: MethodParams, name: string): InputFileRef {
  const ref = params.inputFile(name);
  if (!ref) throw badRequest(`there is no ${name} in the request`);
  return ref;
}

async function sendSingleMedia(
  params: MethodParams,
  state: EmulatorState,
  kind: "photo" | "document" | "voice" | "audio",
): Promise<unknown> {
  const caption = readCaption(params);
  const markup = readReplyMarkup(params);
  const ref = requiredFile(params, kind);
  const chat = sendableChat(state, params.chatId());
  const replyToMessageId = readReplyTo(state, params, chat);
  admitSend(state, chat);
  const file = await resolveInputFile(state, ref, kind);
  const duration = kind === "voice" || kind === "audio" ? params.integer("duration") : undefined;
  const message = state.chats.addMessage(chat, botSender(state), {
    [kind]: file,
    ...(duration === undefined ? {} : { duration }),
    caption: caption?.text,
    captionEntities: caption?.entities,
    inlineKeyboard: markup?.kind === "inline" ? markup.inlineKeyboard : undefined,
    replyKeyboard: markup?.kind === "keyboard" ? markup.keyboard : undefined,
    replyToMessageId,
  });
  return messageObject(state.chats, message);
}

/** sendPhoto: upload, file_id or URL; caption ≤ 1024. */
const sendPhoto: MethodHandler = ({ params, state }) => sendSingleMedia(params, state, "photo");

/** sendDocument: upload, file_id or URL; caption ≤ 1024. */
const sendDocument: MethodHandler = ({ params, state }) =>
  sendSingleMedia(params, state, "document");

/**
 * sendVoice: a voice note (OGG/Opus, MP3 or M4A) by upload, file_id or URL; optional
 * `duration` in seconds; caption ≤ 1024.
 */
const sendVoice: MethodHandler = ({ params, state }) => sendSingleMedia(params, state, "voice");

/** sendAudio: an audio file (shown with the music player); optional `duration`; caption ≤ 1024. */
const sendAudio: MethodHandler = ({ params, state }) => sendSingleMedia(params, state, "audio");

const inputMediaSchema = z.array(
  z
    .object({
      type: z.enum(["photo", "video", "document", "audio"]),
      media: z.string(),
      caption: z.string().optional(),
      parse_mode: z.string().optional(),
      caption_entities: z.array(z.object({}).loose()).optional(),
    })
    .loose(),
);

/** sendMediaGroup: 2–10 photos/documents, by attach:// uploads, file_ids or URLs; one album. */
const sendMediaGroup: MethodHandler = async ({ params, state }) => {
  const media = params.json("media", inputMediaSchema, "can't parse media JSON object");
  if (!media) throw badRequest('parameter "media" is required');
  if (media.length < 2 || media.length > 10) {
    throw badRequest("media group must include 2-10 items");
  }
  const kinds = new Set(media.map((item) => item.type));
  if (kinds.has("document") && kinds.size > 1) {
    throw badRequest("document can't be mixed with other media types");
  }
  const items = media.map((item) => {
    // Each InputMedia carries its own caption, parse_mode and caption_entities.
    const caption = readCaption(new MethodParams({ fields: item, files: new Map() }));
    if (item.type !== "photo" && item.type !== "document") {
      throw badRequest(`the emulator does not support ${item.type} in albums`);
    }
    return { kind: item.type, ref: params.resolveFileReference(item.media), caption };
  });
  const chat = sendableChat(state, params.chatId());
  const replyToMessageId = readReplyTo(state, params, chat);
  admitSend(state, chat, items.length);
  const files: StoredFile[] = [];
  for (const item of items) files.push(await resolveInputFile(state, item.ref, item.kind));
  const mediaGroupId = String(13_000_000_000_000 + state.chats.latestSeq);
  const messages = items.map((item, index) => {
    const draft: MessageDraft = {
      [item.kind]: files[index],
      caption: item.caption?.text,
      captionEntities: item.caption?.entities,
      mediaGroupId,
      replyToMessageId,
    };
    return messageObject(state.chats, state.chats.addMessage(chat, botSender(state), draft));
  });
  return messages;
};

/** getFile: where to download a file from (`file_path`). */
const getFile: MethodHandler = ({ params, state }) => {
  const fileId = params.string("file_id");
  const file = fileId ? state.files.get(fileId) : undefined;
  if (!file) throw badRequest("invalid file_id");
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_size: file.bytes.length,
    file_path: file.filePath,
  };
};

/** The media methods by name. */
export const mediaMethods: Record<string, MethodHandler> = {
  sendPhoto,
  sendDocument,
  sendVoice,
  sendAudio,
  sendMediaGroup,
  getFile,
};
