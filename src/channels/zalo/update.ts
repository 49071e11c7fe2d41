import { z } from "zod";

/** The events a Zalo bot receives. */
export const ZALO_EVENT_NAMES = [
  "message.text.received",
  "message.image.received",
  "message.sticker.received",
  "message.unsupported.received",
] as const;

/** One of {@link ZALO_EVENT_NAMES}. */
export type ZaloEventName = (typeof ZALO_EVENT_NAMES)[number];

/** One incoming Zalo message, validated and in our own terms; ids are always exact strings. */
export interface ZaloUpdate {
  eventName: ZaloEventName;
  messageId: string;
  /** When the message was sent, in milliseconds since the epoch. */
  date: number;
  from: { id: string; displayName: string; isBot: boolean };
  /** `chatType` as Zalo writes it: "PRIVATE" for a one-to-one chat (its id equals `from.id`). */
  chat: { id: string; chatType: string };
  /** Present (possibly empty) on `message.text.received`. */
  text?: string;
  /** The image's URL on `message.image.received`, when Zalo gives one. */
  photoUrl?: string;
  caption?: string;
}

/** Why a body was not a usable update; holds no personal data, so it may be logged as is. */
export interface ZaloUpdateError {
  error: string;
}

/**
 * An id: a string, or a number small enough to be exact. Bigger numbers must have been kept as
 * strings by `parseZaloJson`; a rounded one would point at someone else, so it is refused.
 */
const idSchema = z.union([
  z.string().min(1),
  z
    .number()
    .int()
    .refine(Number.isSafeInteger, "id rounded: parse the body with parseZaloJson")
    .transform(String),
]);

// Zalo sends milliseconds; a value in seconds would put the message in 1970, so it is scaled.
const dateSchema = z
  .union([z.number().nonnegative(), z.string().regex(/^\d+$/).transform(Number)])
  .transform((value) => (value < 1e12 ? value * 1000 : value));

const messageSchema = z.object({
  message_id: idSchema,
  date: dateSchema,
  from: z.object({
    id: idSchema,
    // Zalo documents display_name; its own samples show first_name.
    display_name: z.string().optional(),
    first_name: z.string().optional(),
    is_bot: z.boolean().optional(),
  }),
  chat: z.object({ id: idSchema, chat_type: z.string().optional() }),
  text: z.string().optional(),
  photo: z.unknown().optional(),
  photo_url: z.unknown().optional(),
  caption: z.string().optional(),
  sticker: z.unknown().optional(),
});

const updateSchema = z.object({
  event_name: z.string().optional(),
  message: messageSchema,
});

/**
 * Reads a webhook body or a getUpdates result: `{ok:true, result:{...}}` or the bare
 * `{event_name, message}`. Anything unknown or malformed comes back as an error value, so the
 * caller can log it and skip the update instead of failing.
 */
export function parseZaloUpdate(body: unknown): ZaloUpdate | ZaloUpdateError {
  const unwrapped = unwrap(body);
  if ("error" in unwrapped) return unwrapped;
  const parsed = updateSchema.safeParse(unwrapped.update);
  if (!parsed.success) {
    return { error: `malformed update: ${describeIssues(parsed.error)}` };
  }
  const { event_name: rawEventName, message } = parsed.data;
  const eventName = rawEventName ?? inferEventName(message);
  if (eventName === undefined) return { error: "update without event_name" };
  if (!isEventName(eventName)) return { error: `unknown event "${eventName.slice(0, 64)}"` };
  if (eventName === "message.text.received" && message.text === undefined) {
    return { error: "text event without text" };
  }

  const update: ZaloUpdate = {
    eventName,
    messageId: message.message_id,
    date: message.date,
    from: {
      id: message.from.id,
      displayName: message.from.display_name ?? message.from.first_name ?? "",
      isBot: message.from.is_bot ?? false,
    },
    chat: {
      id: message.chat.id,
      // Only private chats are open to bots; a missing type is inferred the way Zalo defines it.
      chatType:
        message.chat.chat_type ?? (message.chat.id === message.from.id ? "PRIVATE" : "GROUP"),
    },
  };
  if (eventName === "message.text.received") update.text = message.text;
  if (eventName === "message.image.received") {
    const photoUrl = firstString(message.photo_url, message.photo);
    if (photoUrl !== undefined) update.photoUrl = photoUrl;
  }
  if (message.caption !== undefined && eventName === "message.image.received") {
    update.caption = message.caption;
  }
  return update;
}

/** True when `result` is an error value rather than an update. */
export function isZaloUpdateError(result: ZaloUpdate | ZaloUpdateError): result is ZaloUpdateError {
  return "error" in result;
}

function unwrap(body: unknown): { update: unknown } | ZaloUpdateError {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { error: "update is not an object" };
  }
  if (!("ok" in body)) return { update: body };
  if (body.ok !== true) return { error: "update envelope is not ok" };
  if (!("result" in body)) return { error: "update envelope without result" };
  return { update: body.result };
}

/** Zalo's published samples omit event_name; the content then says what the event is. */
function inferEventName(message: z.infer<typeof messageSchema>): string | undefined {
  if (message.text !== undefined) return "message.text.received";
  if (message.photo !== undefined || message.photo_url !== undefined) {
    return "message.image.received";
  }
  if (message.sticker !== undefined) return "message.sticker.received";
  return undefined;
}

function isEventName(name: string): name is ZaloEventName {
  return (ZALO_EVENT_NAMES as readonly string[]).includes(name);
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === "string" && value !== "");
}

/** Paths and rules only: zod's messages name expected types, never the values received. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}
