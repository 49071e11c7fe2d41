import type { HamletReport, StoredPhoto } from "./report.js";

/**
 * Where a story stands: nominated (from a weekly report, waiting for a broadcaster), approved
 * (its broadcast was approved, or needed no approval), published (its broadcast went out), or
 * set aside by a broadcaster as not to be published.
 */
export const STORY_STATUSES = ["nominated", "approved", "published", "set-aside"] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

/**
 * Whether the person a story names agreed to be named publicly: a story that names nobody
 * (a hamlet's effort, a group) needs no agreement.
 */
export const CONSENT_STATES = ["agreed", "not-agreed", "nobody-named"] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

/** How the person a story names told their agreement to the one who recorded it. */
export const CONSENT_METHODS = ["in-person", "phone", "in-writing"] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** Who confirmed that the named person agreed, how, and when they recorded it. */
export interface ConsentRecord {
  by: string;
  how: ConsentMethod;
  at: string;
}

/** The most characters of a story's title. */
export const MAX_STORY_TITLE = 120;
/** The most characters of a story's text (a weekly report's good deed is at most 1000). */
export const MAX_STORY_TEXT = 2000;

/** The broadcast a story was handed to for publication, and who handed it over. */
export interface StorySubmission {
  broadcastId: string;
  by: string;
  at: string;
}

/** A model story (gương người tốt việc tốt, điển hình tiên tiến) in the library. */
export interface Story {
  id: string;
  title: string;
  text: string;
  photo?: StoredPhoto;
  /** The unit the story happened in (the hamlet of the report that nominated it). */
  unitId: string;
  /** The organisation that publishes it: set by the broadcaster who submits it. */
  orgId?: string;
  /** Criterion ids the story illustrates, e.g. `hamlet-ntm/giao-thong`. */
  criterionIds: string[];
  /** The member who nominated or wrote it (for a nomination, the hamlet head). */
  authorId: string;
  /** The weekly report that nominated it, if any: one story per report. */
  reportId?: string;
  status: StoryStatus;
  consent: ConsentState;
  /** Who last recorded the consent, when a broadcaster changed it (the head's answer otherwise). */
  consentRecordedBy?: string;
  /** For a story a broadcaster wrote: who confirmed the named person's agreement, how, when. */
  consentRecord?: ConsentRecord;
  /** The broadcast carrying the story: pending approval while still "nominated". */
  submission?: StorySubmission;
  /** The broadcast that published it. */
  broadcastId?: string;
  createdAt: string;
  updatedAt: string;
  /** The broadcaster who last edited the title, text, tags or consent. */
  editedBy?: string;
  approvedAt?: string;
  publishedAt?: string;
}

/** Why a story cannot take a step: a value with a locale key, shown to the broadcaster. */
export type StoryRefusal =
  | "no-consent"
  | "not-nominated"
  | "already-submitted"
  | "not-submitted"
  | "other-broadcast"
  | "empty-title"
  | "empty-text";

/** A step's result: the story as it becomes, or why not. */
export type StoryResult = { ok: true; story: Story } | { ok: false; refusal: StoryRefusal };

/** The changes a broadcaster makes before submitting. */
export interface StoryEdits {
  title?: string;
  text?: string;
  consent?: ConsentState;
  criterionIds?: string[];
  orgId?: string;
}

const ok = (story: Story): StoryResult => ({ ok: true, story });
const refuse = (refusal: StoryRefusal): StoryResult => ({ ok: false, refusal });

/** Title words kept when a title is drafted from a story's text. */
const DRAFT_TITLE_LENGTH = 60;

/**
 * A first title for a nominated deed: its first sentence, cut at a word before 60 characters,
 * so the broadcaster has something to start from rather than a blank.
 */
export function draftTitle(text: string): string {
  const clean = text.replace(/\s+/g, " ").trim();
  const sentence = /^(.+?[.!?…])(\s|$)/u.exec(clean)?.[1] ?? clean;
  const chars = [...sentence];
  if (chars.length <= DRAFT_TITLE_LENGTH) return sentence.replace(/[.!]$/u, "");
  const cut = chars.slice(0, DRAFT_TITLE_LENGTH).join("");
  const atWord = cut.replace(/\s+\S*$/u, "");
  return `${(atWord.length > 0 ? atWord : cut).replace(/[,;:.\s]+$/u, "")}…`;
}

/**
 * The story a weekly report's good deed nominates, or undefined when it has none. The head's
 * consent answer becomes "agreed" or "not-agreed": the question names a person, so a "no"
 * (or "not asked") must block publication until someone records the agreement.
 */
export function nominationFrom(
  report: Pick<HamletReport, "id" | "hamletId" | "authorId" | "criteriaClaimed" | "goodDeed">,
  id: string,
  now: Date,
): Story | undefined {
  const deed = report.goodDeed;
  if (!deed) return undefined;
  const at = now.toISOString();
  return {
    id,
    title: draftTitle(deed.text),
    text: deed.text,
    ...(deed.photo ? { photo: deed.photo } : {}),
    unitId: report.hamletId,
    criterionIds: [...report.criteriaClaimed],
    authorId: report.authorId,
    reportId: report.id,
    status: "nominated",
    consent: deed.consent ? "agreed" : "not-agreed",
    createdAt: at,
    updatedAt: at,
  };
}

/** What a broadcaster writes directly as a model story, and what they record about consent. */
export interface WrittenStory {
  title: string;
  text: string;
  photo?: StoredPhoto;
  unitId: string;
  orgId: string;
  authorId: string;
  /** The named person's agreement as confirmed, or that the story names nobody. */
  consent: { how: ConsentMethod } | "nobody-named";
}

/**
 * The library entry of a story a broadcaster wrote in the composer, as a nomination ready to
 * be handed to its broadcast: the agreement of a person it names is recorded with who
 * confirmed it, how and when, so it can be shown later if anyone asks.
 */
export function writtenStory(input: WrittenStory, id: string, now: Date): Story {
  const at = now.toISOString();
  const { consent, photo, ...content } = input;
  return {
    id,
    ...content,
    ...(photo ? { photo } : {}),
    criterionIds: [],
    status: "nominated",
    consent: consent === "nobody-named" ? "nobody-named" : "agreed",
    consentRecordedBy: input.authorId,
    ...(consent === "nobody-named"
      ? {}
      : { consentRecord: { by: input.authorId, how: consent.how, at } }),
    createdAt: at,
    updatedAt: at,
    editedBy: input.authorId,
  };
}

/**
 * A nomination brought up to date with a report filed again for the same week, as long as no
 * broadcaster has touched it: their edits, a submission or a decision always win.
 */
export function renominated(existing: Story, fresh: Story): Story | undefined {
  if (!isUntouched(existing)) return undefined;
  return { ...fresh, id: existing.id, createdAt: existing.createdAt };
}

/** True while a nomination is as its report made it: nobody edited, submitted or decided on it. */
export function isUntouched(story: Story): boolean {
  return story.status === "nominated" && !story.editedBy && !story.submission;
}

/** True when the story waits for a broadcaster: nominated and not yet handed to a broadcast. */
export function isPending(story: Story): boolean {
  return story.status === "nominated" && !story.submission;
}

/** True when the story may be made public as far as the person it names is concerned. */
export function hasConsent(story: Pick<Story, "consent">): boolean {
  return story.consent !== "not-agreed";
}

/** Applies a broadcaster's edits to a nomination not yet handed to a broadcast. */
export function editStory(story: Story, edits: StoryEdits, by: string, now: Date): StoryResult {
  if (story.status !== "nominated") return refuse("not-nominated");
  if (story.submission) return refuse("already-submitted");
  const changed: Story = { ...story, updatedAt: now.toISOString(), editedBy: by };
  if (edits.title !== undefined) changed.title = edits.title.trim();
  if (edits.text !== undefined) changed.text = edits.text.trim();
  if (edits.criterionIds !== undefined) changed.criterionIds = [...edits.criterionIds];
  if (edits.orgId !== undefined) changed.orgId = edits.orgId;
  if (edits.consent !== undefined && edits.consent !== story.consent) {
    changed.consent = edits.consent;
    changed.consentRecordedBy = by;
  }
  return ok(changed);
}

/**
 * Why the story cannot be handed to a broadcast for publication, or undefined when it can: it
 * must be a nomination not already handed over, with a title and a text, and a person it
 * names must have agreed.
 */
export function publicationRefusal(story: Story): StoryRefusal | undefined {
  if (story.status !== "nominated") return "not-nominated";
  if (story.submission) return "already-submitted";
  if (story.title.trim() === "") return "empty-title";
  if (story.text.trim() === "") return "empty-text";
  if (!hasConsent(story)) return "no-consent";
  return undefined;
}

/** Hands the story to a broadcast: it stays "nominated" until the broadcast is approved. */
export function submitStory(story: Story, broadcastId: string, by: string, now: Date): StoryResult {
  const refusal = publicationRefusal(story);
  if (refusal) return refuse(refusal);
  const at = now.toISOString();
  return ok({ ...story, submission: { broadcastId, by, at }, updatedAt: at });
}

/** The story once its broadcast is approved (or needed no approval). */
export function approveStory(story: Story, broadcastId: string, now: Date): StoryResult {
  const checked = checkSubmission(story, broadcastId);
  if (checked) return refuse(checked);
  if (story.status === "approved") return ok(story);
  if (!hasConsent(story)) return refuse("no-consent");
  const at = now.toISOString();
  return ok({ ...story, status: "approved", approvedAt: at, updatedAt: at });
}

/** The story once its broadcast went out: published, recording that broadcast. */
export function publishStory(story: Story, broadcastId: string, now: Date): StoryResult {
  if (story.status === "published" && story.broadcastId === broadcastId) return ok(story);
  const checked = checkSubmission(story, broadcastId);
  if (checked) return refuse(checked);
  if (!hasConsent(story)) return refuse("no-consent");
  const at = now.toISOString();
  return ok({
    ...story,
    status: "published",
    broadcastId,
    approvedAt: story.approvedAt ?? at,
    publishedAt: at,
    updatedAt: at,
  });
}

/**
 * The story back among the nominations after its broadcast was rejected or cancelled before
 * going out, so a broadcaster can take it up again.
 */
export function returnStory(story: Story, broadcastId: string, now: Date): StoryResult {
  const checked = checkSubmission(story, broadcastId);
  if (checked) return refuse(checked);
  const { submission: _dropped, approvedAt: _approval, ...rest } = story;
  return ok({ ...rest, status: "nominated", updatedAt: now.toISOString() });
}

/**
 * What became of the broadcast a story was handed to:
 * - `awaiting-approval`: an approver has not decided yet;
 * - `approved`: approved (or approval is off), waiting to go out or going out;
 * - `sent`: it went out: the story is published;
 * - `returned`: rejected or cancelled before it went out: the story is a nomination again;
 * - `recalled`: it went out and was then recalled: the story leaves the library.
 */
export type PublicationProgress =
  | "awaiting-approval"
  | "approved"
  | "sent"
  | "returned"
  | "recalled";

/**
 * The story brought in line with its broadcast's progress (the same story when nothing
 * changes): approved, published, back among the nominations, or out of the library after a
 * recall. A story whose broadcast is not the one named is left alone.
 */
export function followPublication(
  story: Story,
  broadcastId: string,
  progress: PublicationProgress,
  now: Date,
): Story {
  const result = ((): StoryResult | undefined => {
    switch (progress) {
      case "awaiting-approval":
        return undefined;
      case "approved":
        return story.status === "nominated" ? approveStory(story, broadcastId, now) : undefined;
      case "sent":
        return story.status === "published" ? undefined : publishStory(story, broadcastId, now);
      case "returned":
        return story.status === "published" ? undefined : returnStory(story, broadcastId, now);
      case "recalled":
        return story.status === "published" && story.broadcastId === broadcastId
          ? ok({ ...story, status: "set-aside", updatedAt: now.toISOString() })
          : undefined;
    }
  })();
  return result?.ok ? result.story : story;
}

/** The broadcast a story is following: the one it was handed to, or the one that published it. */
export function followedBroadcast(story: Story): string | undefined {
  if (story.status === "set-aside") return undefined;
  return story.submission?.broadcastId ?? story.broadcastId;
}

/** A nomination a broadcaster decided not to publish. */
export function setStoryAside(story: Story, by: string, now: Date): StoryResult {
  if (!isPending(story)) return refuse(story.submission ? "already-submitted" : "not-nominated");
  return ok({ ...story, status: "set-aside", editedBy: by, updatedAt: now.toISOString() });
}

function checkSubmission(story: Story, broadcastId: string): StoryRefusal | undefined {
  if (story.status !== "nominated" && story.status !== "approved") return "not-nominated";
  if (!story.submission) return "not-submitted";
  if (story.submission.broadcastId !== broadcastId) return "other-broadcast";
  return undefined;
}

/** Newest first: by publication (else creation) time, then id, so paging is stable. */
export function newestFirst(a: Story, b: Story): number {
  const at = (s: Story) => s.publishedAt ?? s.createdAt;
  const [x, y] = [at(a), at(b)];
  if (x !== y) return x < y ? 1 : -1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}
