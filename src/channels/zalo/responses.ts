import { z } from "zod";

/**
 * Shapes of Zalo's answers, validated at the boundary. Results are read leniently (extra
 * fields ignored, undocumented ones optional) because the platform says paths may change.
 */

const idSchema = z.union([
  z.string().min(1),
  z.number().int().refine(Number.isSafeInteger, "id rounded").transform(String),
]);

/** The envelope of every answer. */
export const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown().optional() }),
  z.object({
    ok: z.literal(false),
    error_code: z.coerce.number().int().optional(),
    description: z.string().optional(),
  }),
]);

/** The bot's own account, as getMe reports it. */
export interface ZaloBotInfo {
  id: string;
  accountName: string;
  accountType?: string;
  canJoinGroups: boolean;
}

/** getMe's result. */
export const botInfoSchema = z
  .object({
    id: idSchema,
    account_name: z.string(),
    account_type: z.string().optional(),
    can_join_groups: z.boolean().optional(),
  })
  .transform(
    (raw): ZaloBotInfo => ({
      id: raw.id,
      accountName: raw.account_name,
      ...(raw.account_type === undefined ? {} : { accountType: raw.account_type }),
      canJoinGroups: raw.can_join_groups ?? false,
    }),
  );

/** The webhook set on Zalo: `url` is "" when there is none. */
export interface ZaloWebhookInfo {
  url: string;
  /** When it was last changed, in milliseconds since the epoch, if Zalo says. */
  updatedAt?: number;
}

/** The result of setWebhook, deleteWebhook and getWebhookInfo. */
export const webhookInfoSchema = z
  .object({ url: z.string().optional(), updated_at: z.number().optional() })
  .transform(
    (raw): ZaloWebhookInfo => ({
      url: raw.url ?? "",
      ...(raw.updated_at === undefined ? {} : { updatedAt: raw.updated_at }),
    }),
  );

/** A message the bot sent. */
export interface ZaloSentMessage {
  messageId: string;
  /** When Zalo accepted it, in milliseconds since the epoch, if Zalo says. */
  date?: number;
}

/** The result of sendMessage, sendPhoto and sendSticker. */
export const sentMessageSchema = z
  .object({ message_id: idSchema, date: z.number().optional() })
  .transform(
    (raw): ZaloSentMessage => ({
      messageId: raw.message_id,
      ...(raw.date === undefined ? {} : { date: raw.date }),
    }),
  );
