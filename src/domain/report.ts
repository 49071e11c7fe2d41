/** A photo kept with a report or story: downloaded from the platform into `$DATA_DIR`. */
export interface StoredPhoto {
  /** Path relative to `$DATA_DIR/files`. */
  file: string;
  bytes: number;
}

/**
 * A voice note or recording kept with a report or a broadcast (a reading in Tày or Nùng): a
 * kept file like a photo, marked as sound, with how long it plays when the platform said.
 */
export interface StoredAudio extends StoredPhoto {
  media: "audio";
  seconds?: number;
}

/** Whether a kept file is a recording rather than a photo. */
export function isStoredAudio(file: StoredPhoto): file is StoredAudio {
  return (file as Partial<StoredAudio>).media === "audio";
}

/** A good deed nominated in a weekly report; becomes a "nominated" story. */
export interface GoodDeed {
  text: string;
  photo?: StoredPhoto;
  /** Whether the person named agreed to be named publicly. */
  consent: boolean;
}

/** The review state of a report: returned reports do not count until corrected. */
export type ReviewState = "submitted" | "accepted" | "returned";

/** One hamlet's weekly report as stored. */
export interface HamletReport {
  /** `<hamletId>@<week>`: one counted report per hamlet and week. */
  id: string;
  hamletId: string;
  /** ISO week key, e.g. `2026-W48`. */
  week: string;
  /** Receipt number shown to the head, e.g. `2026-48-0137`. */
  receipt: string;
  authorId: string;
  groups: string[];
  /** Field id → value in the field's unit. A field skipped is absent. */
  values: Record<string, number>;
  criteriaClaimed: string[];
  goodDeed?: GoodDeed;
  difficulties?: string;
  photos: StoredPhoto[];
  /** Voice notes the head recorded with the report (absent in reports filed before them). */
  voiceNotes?: StoredAudio[];
  submittedAt: string;
  /** True when submitted after Sunday 23:59 (late window until Monday 12:00, or reopened). */
  late: boolean;
  review: ReviewState;
  reviewComment?: string;
  reviewedBy?: string;
  reviewedAt?: string;
  /** How many earlier versions this one replaced (history is kept in the store). */
  version: number;
  /**
   * The draft it was filed from (`<member id>@<draft>`): filing that draft again, as an
   * update handed again after a crash does, gives back this report and its receipt.
   */
  filing?: string;
}

/** The sequence a week's receipt numbers are drawn from. */
export function receiptSequence(week: string): string {
  return `receipt:${week}`;
}

/** The receipt shown to the head: `<year>-<week>-<4-digit sequence>`, e.g. `2026-48-0137`. */
export function receiptOf(week: string, sequence: number): string {
  const [year, number] = week.split("-W");
  return `${year}-${number}-${String(sequence).padStart(4, "0")}`;
}

/** The id of the counted report of a hamlet for a week. */
export function reportId(hamletId: string, week: string): string {
  return `${hamletId}@${week}`;
}
