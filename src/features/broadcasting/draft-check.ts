import { z } from "zod";
import { AUDIENCE_POOLS } from "../../domain/audience.js";
import { BROADCAST_KINDS, type BroadcastDraft } from "../../domain/broadcast.js";
import { ROLES } from "../../domain/role.js";

/** The longest text a broadcast may carry from any source (long ones are split on sending). */
export const MAX_TEXT = 10_000;
/** The longest title of a model story. */
export const MAX_TITLE_LENGTH = 150;

const schedule = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("now") }),
  z.object({ kind: z.literal("at"), at: z.iso.datetime() }),
  z.object({
    kind: z.literal("weekly"),
    weekday: z.number().int().min(1).max(7),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  }),
]);

const draftSchema = z
  .object({
    kind: z.enum(BROADCAST_KINDS),
    title: z.string().trim().min(1).max(MAX_TITLE_LENGTH).optional(),
    text: z.string().trim().min(1).max(MAX_TEXT),
    photo: z.object({ file: z.string().min(1), bytes: z.number().int().nonnegative() }).optional(),
    audio: z
      .object({
        file: z.string().min(1),
        bytes: z.number().int().nonnegative(),
        media: z.literal("audio"),
        seconds: z.number().nonnegative().optional(),
      })
      .optional(),
    storyId: z.string().min(1).optional(),
    audience: z.object({
      orgIds: z.array(z.string().min(1)).min(1),
      areaIds: z.array(z.string().min(1)).min(1),
      roles: z.array(z.enum(ROLES)),
      among: z.enum(AUDIENCE_POOLS).optional(),
    }),
    schedule,
    urgent: z.boolean(),
  })
  .refine((draft) => draft.kind !== "story" || draft.title !== undefined, {
    path: ["title"],
    error: "a model story needs a title",
  });

/**
 * Checks a draft at the boundary (the composer, the story library, any script): a text that
 * is there and not too long, a story with its title, an audience naming something, a schedule
 * that can be read. The author's text is kept exactly as written.
 */
export function checkDraft(draft: BroadcastDraft): { ok: true } | { ok: false; problem: string } {
  const result = draftSchema.safeParse(draft);
  if (result.success) return { ok: true };
  const issue = result.error.issues[0];
  return { ok: false, problem: `${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}` };
}
