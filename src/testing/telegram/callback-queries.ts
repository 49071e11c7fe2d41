import { badRequest } from "./api-error.js";

/** How the bot answered a button press (the toast or alert the user sees). */
export interface CallbackAnswer {
  text?: string;
  showAlert: boolean;
  url?: string;
}

/** A button press awaiting (or having got) the bot's answer. */
export interface StoredCallbackQuery {
  id: string;
  fromUserId: number;
  chatId: number;
  messageId: number;
  data: string;
  answer?: CallbackAnswer;
}

/** The callback queries users created, so answerCallbackQuery can be checked like Telegram. */
export class CallbackQueries {
  private readonly queries = new Map<string, StoredCallbackQuery>();
  private counter = 0;

  /** Registers a press and gives it Telegram-style string id. */
  create(query: Omit<StoredCallbackQuery, "id" | "answer">): StoredCallbackQuery {
    this.counter += 1;
    const id = `${query.fromUserId}${String(this.counter).padStart(6, "0")}`;
    const stored: StoredCallbackQuery = { ...query, id };
    this.queries.set(id, stored);
    return stored;
  }

  /** Records the answer; unknown or already answered queries get Telegram's 400. */
  answer(id: string, answer: CallbackAnswer): void {
    const query = this.queries.get(id);
    if (!query || query.answer) {
      throw badRequest("query is too old and response timeout expired or query ID is invalid");
    }
    query.answer = answer;
  }

  /** The press with this id, if any. */
  get(id: string): StoredCallbackQuery | undefined {
    return this.queries.get(id);
  }
}
