/** A member's place in a guided conversation, as the dialog engine stores it. */
export interface StoredDialog {
  memberId: string;
  flow: string;
  step: string;
  answers: Record<string, unknown>;
  /** Free-form context the flow set at its start (the hamlet and week of a report, …). */
  context: Record<string, unknown>;
  /** Id of the last message that asked the current step: buttons on older ones are stale. */
  promptMessage?: string;
  /** Changes with every question asked; buttons carry it, so a press on an older one is stale. */
  token?: string;
  startedAt: string;
  updatedAt: string;
  /** Counts the saves of this draft, for `saveNext`'s compare-and-set (0 when first saved). */
  revision?: number;
  /**
   * The update that moved the draft here (`<channel>:<update id>`): handed again after a crash,
   * it is not taken as the answer to the next question.
   */
  movedBy?: string;
  /** The update that started the draft (`<channel>:<update id>`), which names it. */
  startedBy?: string;
}

/** Drafts of guided conversations: they survive restarts and expire after a week. */
export interface DialogRepository {
  get(memberId: string): Promise<StoredDialog | undefined>;
  save(dialog: StoredDialog): Promise<void>;
  /**
   * Stores the draft if its `revision` is one past the stored one (0 for a new draft, or one
   * that replaces a draft of another flow the caller read as absent); false, and nothing
   * stored, when another update of the same member saved the draft first: the caller reads
   * it again and decides again, so two quick answers never both apply to one question.
   */
  saveNext(dialog: StoredDialog): Promise<boolean>;
  delete(memberId: string): Promise<void>;
}
