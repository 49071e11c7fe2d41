import { z } from "zod";
import { UNIT_KINDS } from "../domain/unit.js";

// Ids become i18n keys (`reference:unit.<id>`), so they are limited to characters that
// cannot collide with i18next's separators (":" for namespaces) or need quoting.

/** A unit id: kebab-case words, a hamlet's id prefixed by its commune's (`hung-dao.nam-phong-2`). */
export const unitIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, "expected a kebab-case id such as hung-dao.nam-phong-2");

/** A kebab-case id for organisations, criteria sets, campaigns and report groups. */
export const kebabIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "expected a kebab-case id such as hoi-nong-dan");

/** A criterion id qualified by its set: `<set>/<criterion>`. */
export const criterionIdSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/,
    "expected a criterion id qualified by its set, such as hamlet-ntm/giao-thong",
  );

/** A report field id: camelCase, as stored in reports (`roadConcretedM`). */
export const fieldIdSchema = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]*$/, "expected a camelCase id such as roadConcretedM");

const isoDate = z.iso.date("expected a date written yyyy-mm-dd");
const text = z.string().trim().min(1, "must not be empty");
/** Free notes for whoever edits the file; the loader ignores them. */
const about = z.union([z.string(), z.array(z.string())]).optional();
const statusSchema = kebabIdSchema;

/** One entry of `data/units.json`. */
export const unitEntrySchema = z.strictObject({
  id: unitIdSchema,
  kind: z.enum(UNIT_KINDS),
  name: text,
  parent: unitIdSchema.optional(),
  parents: z
    .array(
      z.strictObject({
        parent: unitIdSchema,
        from: isoDate.optional(),
        to: isoDate.optional(),
      }),
    )
    .optional(),
  names: z
    .array(z.strictObject({ from: isoDate, name: text, kind: z.enum(UNIT_KINDS) }))
    .optional(),
  reportingFrom: isoDate.optional(),
  validFrom: isoDate.optional(),
  validTo: isoDate.optional(),
  successor: unitIdSchema.optional(),
  note: z.string().optional(),
  population2019: z.number().int().nonnegative().optional(),
  households: z.number().int().positive().optional(),
  /** Informational: the link that counts is each predecessor's `successor`. */
  formedFrom: z.array(z.string()).optional(),
});

/** `data/units.json`. */
export const unitsFileSchema = z.strictObject({
  about,
  units: z.array(unitEntrySchema).min(1, "must list at least one unit"),
});

/** `data/organisations.json`. */
export const organisationsFileSchema = z.strictObject({
  about,
  organisations: z.array(
    z.strictObject({
      id: kebabIdSchema,
      name: text,
      short: text.optional(),
      massOrg: z.boolean(),
      addressesEveryone: z.boolean().optional(),
      note: z.string().optional(),
    }),
  ),
});

const criteriaSetEntrySchema = z
  .strictObject({
    id: kebabIdSchema,
    name: text,
    source: z.string().optional(),
    level: z.enum(["commune", "hamlet"]),
    status: statusSchema.optional(),
    requires: kebabIdSchema.optional(),
    criteria: z
      .array(
        z.strictObject({
          no: z.number().int().positive(),
          id: criterionIdSchema,
          name: text,
        }),
      )
      .min(1, "a criteria set needs at least one criterion"),
  })
  .superRefine((set, ctx) => {
    set.criteria.forEach((criterion, index) => {
      if (!criterion.id.startsWith(`${set.id}/`)) {
        ctx.addIssue({
          code: "custom",
          path: ["criteria", index, "id"],
          message: `expected the id to start with its set, "${set.id}/"`,
        });
      }
    });
  });

/** `data/criteria.json`. */
export const criteriaFileSchema = z.strictObject({
  about,
  sets: z.array(criteriaSetEntrySchema),
});

const year = z.number().int().min(2000).max(2100);

/** A campaign target as written in a campaign file. */
export const campaignTargetSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("unit"),
    unit: unitIdSchema,
    status: statusSchema,
    by: year,
    text,
  }),
  z.strictObject({
    kind: z.literal("share"),
    unitKind: z.literal("hamlet"),
    status: statusSchema,
    share: z.number().gt(0).max(1, "a share is a fraction: 0.5 for 50%"),
    by: year,
    text,
  }),
]);

/** One file of `data/campaigns/`. */
export const campaignFileSchema = z
  .strictObject({
    about,
    id: kebabIdSchema,
    name: text,
    scope: unitIdSchema,
    from: isoDate,
    to: isoDate,
    targets: z.array(campaignTargetSchema),
    communesInScope: z.array(unitIdSchema),
  })
  .refine((campaign) => campaign.from <= campaign.to, {
    path: ["to"],
    message: "the campaign ends before it starts",
  });

const reportFieldSchema = z
  .strictObject({
    id: fieldIdSchema,
    label: text,
    unit: text,
    min: z.number(),
    max: z.number(),
  })
  .refine((field) => field.min <= field.max, { path: ["max"], message: "max is below min" });

/** `data/report-fields.json`. */
export const reportFieldsFileSchema = z.strictObject({
  about,
  groups: z
    .array(
      z.strictObject({
        id: kebabIdSchema,
        label: text,
        fields: z.array(reportFieldSchema).min(1, "a group needs at least one field"),
      }),
    )
    .min(1, "the report needs at least one group"),
  optional: z
    .array(
      z.strictObject({
        id: fieldIdSchema,
        label: text,
        /** A description for editors of what the answer is; code does not branch on it. */
        kind: z.string().optional(),
      }),
    )
    .default([]),
});
