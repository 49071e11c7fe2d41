import type { Answers } from "../../dialog/flow.js";
import { photosOf } from "../../dialog/photo-answers.js";
import {
  type AudiencePool,
  type AudienceSelection,
  addressesEveryone,
  areasWithinScope,
  broadcasterGrants,
  grantedOrgIds,
  grantFor,
  poolOf,
} from "../../domain/audience.js";
import type { Broadcast, BroadcastKind } from "../../domain/broadcast.js";
import { isChangeable } from "../../domain/broadcast-lifecycle.js";
import { localDate } from "../../domain/local-time.js";
import type { Organisation } from "../../domain/organisation.js";
import { isStoredAudio, type StoredAudio, type StoredPhoto } from "../../domain/report.js";
import type { Role, RoleGrant } from "../../domain/role.js";
import type { Unit } from "../../domain/unit.js";
import type { MemberContext } from "../feature.js";
import { type BroadcastEnv, selectAudience, unitTreeOf } from "./broadcast-env.js";
import { memberText, speakerOf } from "./broadcast-message.js";

/** The composer's answers, by step id. */
export const STEP = {
  kind: "kind",
  title: "title",
  text: "text",
  consent: "consent",
  photo: "photo",
  orgs: "orgs",
  area: "area",
  hamlets: "hamlets",
  who: "who",
  preview: "preview",
  urgent: "urgent",
  when: "when",
  weekday: "weekday",
  time: "time",
  change: "change",
} as const;

/**
 * The consent answers of a story the broadcaster writes: how the named person agreed, that it
 * names nobody, or that nobody has asked them yet (which keeps it from going out).
 */
export const CONSENT_ANSWERS = [
  "in-person",
  "phone",
  "in-writing",
  "nobody-named",
  "not-asked",
] as const;

/**
 * True when the draft is a model story written here rather than taken from the library or
 * from a broadcast that already carries one: its consent is asked and it joins the library.
 */
export function isWrittenStory(data: Pick<ComposerData, "draft" | "original">): boolean {
  return data.draft.kind === "story" && !data.draft.storyId && !data.original;
}

/**
 * The answers of the "who" step, as people think of an audience: everyone in the area, the
 * members of the organisations speaking, or everyone holding a role there.
 */
export const WHO = ["everyone", "members", "hamlet_head", "official"] as const;
export type Who = (typeof WHO)[number];

/**
 * What a "who" answer means. Roles are sought among everyone when the organisations speaking
 * may address everyone (the Fatherland Front), else among their own members.
 */
export function audienceOfWho(
  who: Who,
  mayAddressEveryone: boolean,
): { among: AudiencePool; roles: Role[] } {
  const among = mayAddressEveryone && who !== "members" ? "everyone" : "org-members";
  return { among, roles: who === "hamlet_head" || who === "official" ? [who] : [] };
}

/** The area answer that leads to picking hamlets one by one. */
export const PICK_HAMLETS = "hamlets";

/** What a draft starts from: the broadcast being edited, or a library story. */
export type BaseContent = Pick<Broadcast, "kind" | "text"> &
  Partial<Pick<Broadcast, "title" | "photo" | "audio" | "urgent" | "audience" | "storyId">>;

/** The message and audience as composed so far (an edit starts from the broadcast it edits). */
export interface ComposedDraft {
  kind?: BroadcastKind;
  title?: string;
  text?: string;
  photo?: StoredPhoto;
  /** A recording sent with the text instead of a photo. */
  audio?: StoredAudio;
  storyId?: string;
  orgIds: string[];
  areaIds: string[];
  roles: Role[];
  among: AudiencePool;
  urgent: boolean;
}

/** What the composer's steps are built from, loaded afresh for every message. */
export interface ComposerData {
  /** The author's broadcaster grants (from the store, never from a message). */
  grants: RoleGrant[];
  /** The organisations the author may speak for. */
  orgs: Organisation[];
  /** The areas every chosen organisation may be addressed in. */
  areas: Unit[];
  /** The broadcast being edited, when the composer edits one the author may still change. */
  original?: Broadcast;
  /** The library story being broadcast, when started from one. */
  story?: StoryForBroadcast;
  draft: ComposedDraft;
  /** Who the draft reaches, once its audience is complete. */
  selection?: AudienceSelection;
  /** The message as members will read it, in the author's language, once it has a text. */
  previewText?: string;
  /** Whether the author's channel hands recordings to the bot, so one may go with the text. */
  takesAudio: boolean;
}

/** A library story to broadcast: the composer starts with its content and asks for the audience. */
export interface StoryForBroadcast {
  id: string;
  title: string;
  text: string;
  photo?: StoredPhoto;
}

/** The story a composer was started with (`{ story }` in its context), if any. */
export function storyOf(context: Record<string, unknown>): StoryForBroadcast | undefined {
  const story = context.story as Partial<StoryForBroadcast> | undefined;
  if (!story || typeof story.id !== "string" || typeof story.text !== "string") return undefined;
  return {
    id: story.id,
    title: typeof story.title === "string" ? story.title : "",
    text: story.text,
    ...(story.photo ? { photo: story.photo } : {}),
  };
}

/** The id of the broadcast an edit is for, from the dialog's context. */
export function editedId(context: Record<string, unknown>): string | undefined {
  return typeof context.editOf === "string" ? context.editOf : undefined;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The draft as the answers (over the edited broadcast, if any) make it. */
export function composedDraft(
  answers: Answers,
  base: BaseContent | undefined,
  orgs: Organisation[],
): ComposedDraft {
  const original = base;
  const kind = (answers[STEP.kind] as BroadcastKind | undefined) ?? original?.kind;
  const text =
    typeof answers[STEP.text] === "string" ? (answers[STEP.text] as string) : original?.text;
  const title =
    typeof answers[STEP.title] === "string" ? (answers[STEP.title] as string) : original?.title;
  // One file goes with the text: the photo, or a recording (a reading in Tày or Nùng).
  const attached = photosOf(answers[STEP.photo])[0];
  const answered = answers[STEP.photo] !== undefined;
  const photo = answered
    ? attached && !isStoredAudio(attached)
      ? attached
      : undefined
    : original?.photo;
  const audio = answered
    ? attached && isStoredAudio(attached)
      ? attached
      : undefined
    : original?.audio;
  const onlyOrg = orgs.length === 1 ? [orgs[0]?.id as string] : undefined;
  const orgIds =
    answers[STEP.orgs] !== undefined
      ? stringsOf(answers[STEP.orgs])
      : (onlyOrg ?? original?.audience?.orgIds ?? []);
  const area = answers[STEP.area];
  const areaIds =
    typeof area === "string"
      ? area === PICK_HAMLETS
        ? stringsOf(answers[STEP.hamlets])
        : [area]
      : (original?.audience?.areaIds ?? []);
  const who = WHO.find((value) => value === answers[STEP.who]);
  const chosen = orgs.filter((org) => orgIds.includes(org.id));
  const people = who
    ? audienceOfWho(who, addressesEveryone(chosen))
    : {
        among: original?.audience ? poolOf(original.audience) : "org-members",
        roles: original?.audience?.roles ?? [],
      };
  const urgent =
    typeof answers[STEP.urgent] === "boolean"
      ? (answers[STEP.urgent] as boolean)
      : (original?.urgent ?? false);
  return {
    ...(kind ? { kind } : {}),
    ...(kind === "story" && title ? { title } : {}),
    ...(text ? { text } : {}),
    ...(photo ? { photo } : {}),
    ...(audio ? { audio } : {}),
    ...(original?.storyId ? { storyId: original.storyId } : {}),
    orgIds,
    areaIds,
    roles: people.roles,
    among: people.among,
    urgent,
  };
}

/** Whether the audience has been chosen (organisations, area, and the "who" step answered). */
export function audienceChosen(answers: Answers, draft: ComposedDraft, editing: boolean): boolean {
  const whoAnswered = answers[STEP.who] !== undefined || editing;
  return draft.orgIds.length > 0 && draft.areaIds.length > 0 && whoAnswered;
}

/** Loads the composer's data for the author and the answers so far. */
export async function loadComposerData(
  env: BroadcastEnv,
  ctx: MemberContext,
  context: Record<string, unknown>,
  answers: Answers,
): Promise<ComposerData> {
  const { store } = env.deps;
  const grants = broadcasterGrants(ctx.member);
  const tree = await unitTreeOf(store);
  const orgs: Organisation[] = [];
  for (const id of grantedOrgIds(grants)) {
    const org = await store.organisations.get(id);
    if (org?.active) orgs.push(org);
  }
  const editing = editedId(context);
  const stored = editing ? await store.broadcasts.get(editing) : undefined;
  const original =
    stored && stored.authorId === ctx.member.id && isChangeable(stored) ? stored : undefined;
  const story = storyOf(context);
  const base: BaseContent | undefined =
    original ??
    (story
      ? {
          kind: "story",
          title: story.title,
          text: story.text,
          photo: story.photo,
          storyId: story.id,
        }
      : undefined);
  const draft = composedDraft(answers, base, orgs);
  const today = localDate(env.deps.now(), env.deps.config.timeZone);
  const areas = areasWithinScope(grants, draft.orgIds, tree, today);
  const data: ComposerData = {
    grants,
    orgs,
    areas,
    draft,
    takesAudio: env.deps.audioReceived?.[ctx.inbound.channel] === true,
    ...(original ? { original } : {}),
    ...(story ? { story } : {}),
  };
  if (draft.text && draft.kind && draft.orgIds.length > 0) {
    const org = draft.orgIds[0] as string;
    const area = draft.areaIds[0];
    // As the broadcast will: from the narrowest grant covering the area chosen, if any yet.
    const speakerUnit =
      (area ? grantFor(grants, org, area, tree)?.unitId : undefined) ??
      grants.find((grant) => grant.orgIds.includes(org))?.unitId ??
      "";
    const speaker = await speakerOf(store, ctx.t, ctx.locale, draft.orgIds, speakerUnit);
    data.previewText = memberText(
      ctx.t,
      { kind: draft.kind, title: draft.title, text: draft.text },
      speaker,
    ).text;
  }
  if (audienceChosen(answers, draft, original !== undefined)) {
    data.selection = await selectAudience(store, {
      orgIds: draft.orgIds,
      areaIds: draft.areaIds,
      roles: draft.roles,
      among: draft.among,
    });
  }
  return data;
}
