import { messageObject } from "./api-objects.js";
import type { CallLog } from "./call-log.js";
import type { CallbackAnswer } from "./callback-queries.js";
import type { MessageDraft, StoredChat, StoredMessage, StoredUser } from "./chat-store.js";
import { type ChatMessageView, describeChat, viewOf } from "./chat-view.js";
import { waitForChats } from "./chat-waits.js";
import type { EmulatorState } from "./emulator-state.js";
import { sampleVoiceNote } from "./sample-audio.js";
import { generatePng } from "./sample-image.js";
import { callbackQueryPayload, commandEntities, myChatMemberPayload } from "./user-updates.js";

/** Who a driven user is; an id is chosen if left out. */
export interface UserProfile {
  id?: number;
  firstName: string;
  lastName?: string;
  username?: string;
  /** IETF language tag Telegram reports (e.g. "vi", "en"). */
  languageCode?: string;
}

/** What a user action created. */
export interface SentUpdate {
  updateId: number;
  messageId: number;
}

/** A button press: the callback query the bot will receive. */
export interface Press {
  updateId: number;
  callbackQueryId: string;
  messageId: number;
  data: string;
}

/** Which message to press a button on: its id, or the latest message matching a test. */
export type MessagePick = number | ((message: ChatMessageView) => boolean);

/** Long enough for a first chart on a busy 2-core machine; a wait ends as soon as its message comes. */
const DEFAULT_TIMEOUT_MS = 15_000;

/** Acts as one Telegram user in a private chat with the bot, and reads that chat as the user sees it. */
export class TelegramUser {
  /** The user's id, which is also the private chat's id. */
  readonly id: number;
  private readonly chatRecord: StoredChat;
  /** Chat events up to this one are "already seen"; waits look after it. */
  private cursor: number;

  constructor(
    private readonly state: EmulatorState,
    private readonly log: CallLog,
    readonly profile: StoredUser,
  ) {
    this.id = profile.id;
    this.chatRecord = state.chats.privateChatOf(profile);
    this.cursor = state.chats.latestSeq;
  }

  /** Types a message; `/commands` in it get bot_command entities as Telegram adds them. */
  send(text: string, options: { replyTo?: number } = {}): SentUpdate {
    return this.post({ text, entities: commandEntities(text), replyToMessageId: options.replyTo });
  }

  /** Sends a command line such as "/start CODE" (must start with "/"). */
  command(commandLine: string): SentUpdate {
    if (!commandLine.startsWith("/")) throw new Error(`A command starts with "/": ${commandLine}`);
    return this.send(commandLine);
  }

  /** Sends a photo (a generated small PNG unless bytes are given), optionally with a caption. */
  sendPhoto(bytes?: Uint8Array, caption?: string): SentUpdate & { fileId: string } {
    const file = this.state.files.add(
      "photo",
      bytes ?? generatePng(this.state.chats.latestSeq + 1),
      {
        mimeType: bytes ? undefined : "image/png",
      },
    );
    return { ...this.post({ photo: file, caption }), fileId: file.fileId };
  }

  /** Sends a file as a document. */
  sendDocument(
    bytes: Uint8Array,
    fileName: string,
    caption?: string,
  ): SentUpdate & { fileId: string } {
    const file = this.state.files.add("document", bytes, { fileName });
    return { ...this.post({ document: file, caption }), fileId: file.fileId };
  }

  /**
   * Records and sends a voice note of `seconds` (OGG/Opus bytes as a phone makes them, or
   * any bytes given), as Telegram's app does when the microphone is held.
   */
  sendVoice(seconds: number, bytes?: Uint8Array): SentUpdate & { fileId: string } {
    const file = this.state.files.add("voice", bytes ?? sampleVoiceNote(seconds), {
      mimeType: "audio/ogg",
    });
    return { ...this.post({ voice: file, duration: seconds }), fileId: file.fileId };
  }

  /** Sends an audio file (an MP3 of a reading, say) as the app's "Music" attachment does. */
  sendAudio(
    bytes: Uint8Array,
    fileName: string,
    seconds: number,
    caption?: string,
  ): SentUpdate & { fileId: string } {
    const file = this.state.files.add("audio", bytes, { fileName });
    return { ...this.post({ audio: file, duration: seconds, caption }), fileId: file.fileId };
  }

  /** Sends `count` generated photos as one album (one update per photo, sharing media_group_id). */
  sendAlbum(
    count: number,
    caption?: string,
  ): Array<SentUpdate & { fileId: string; mediaGroupId: string }> {
    const mediaGroupId = String(14_000_000_000_000 + this.state.chats.latestSeq);
    return Array.from({ length: count }, (_, index) => {
      const file = this.state.files.add(
        "photo",
        generatePng(this.state.chats.latestSeq + 7 * index + 3),
      );
      const sent = this.post({
        photo: file,
        mediaGroupId,
        caption: index === 0 ? caption : undefined,
      });
      return { ...sent, fileId: file.fileId, mediaGroupId };
    });
  }

  /** Presses an inline button (by its text or callback_data) on a message; throws if there is no such button. */
  press(message: MessagePick, button: string): Press {
    const target = this.pickMessage(message);
    const found = target.inlineKeyboard
      .flat()
      .find((b) => b.text === button || b.callback_data === button);
    if (found?.callback_data === undefined) {
      throw new Error(
        `No button "${button}" with callback data on message #${target.messageId}; it has: ${JSON.stringify(target.buttons)}`,
      );
    }
    return this.pressRaw(target.messageId, found.callback_data);
  }

  /** Sends a callback query with any data, as a forged or outdated client could. */
  pressRaw(messageId: number, data: string): Press {
    const message = this.state.chats.message(this.id, messageId);
    if (!message || message.deleted)
      throw new Error(`No message #${messageId} in the chat of user ${this.id}`);
    const query = this.state.callbacks.create({
      fromUserId: this.id,
      chatId: this.id,
      messageId,
      data,
    });
    const update = this.enqueue(
      callbackQueryPayload(this.state.chats, query, this.profile, message),
    );
    return { updateId: update, callbackQueryId: query.id, messageId, data };
  }

  /** Blocks the bot: later sends get 403, and the bot receives a my_chat_member update. */
  blockBot(): number {
    this.state.faults.block(this.id);
    return this.memberUpdate("member", "kicked");
  }

  /** Unblocks the bot (as pressing "Restart" does), with a my_chat_member update. */
  unblockBot(): number {
    this.state.faults.unblock(this.id);
    return this.memberUpdate("kicked", "member");
  }

  /** The chat as the user sees it now, oldest first; deleted messages left out unless asked for. */
  chat(options: { includeDeleted?: boolean } = {}): ChatMessageView[] {
    return this.state.chats
      .chatMessages(this.id)
      .filter((m) => options.includeDeleted || !m.deleted)
      .map(viewOf);
  }

  /** The latest message from the bot still in the chat. */
  lastBotMessage(): ChatMessageView | undefined {
    return this.chat()
      .filter((m) => m.from === "bot")
      .pop();
  }

  /** How the bot answered a button press (its toast or alert), if it has. */
  callbackAnswer(callbackQueryId: string): CallbackAnswer | undefined {
    return this.state.callbacks.get(callbackQueryId)?.answer;
  }

  /**
   * The next bot message (matching `predicate`) after the user's last action or the last
   * message already waited for; resolves as soon as the bot sends it.
   */
  waitForBotMessage(
    predicate: (message: ChatMessageView) => boolean = () => true,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<ChatMessageView> {
    const check = () => {
      const found = this.newBotMessages().find((m) => predicate(viewOf(m)));
      if (!found) return undefined;
      this.cursor = Math.max(this.cursor, found.seq);
      return viewOf(found);
    };
    return waitForChats(this.state.chats, check, timeoutMs, () =>
      this.explain(`a bot message matching ${predicate.toString().slice(0, 80)}`, timeoutMs),
    );
  }

  /** The next `count` bot messages after the user's last action (or the last waited-for message). */
  waitForReplies(count: number, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ChatMessageView[]> {
    const check = () => {
      const fresh = this.newBotMessages();
      if (fresh.length < count) return undefined;
      const taken = fresh.slice(0, count);
      this.cursor = Math.max(this.cursor, (taken[taken.length - 1] as StoredMessage).seq);
      return taken.map(viewOf);
    };
    return waitForChats(this.state.chats, check, timeoutMs, () =>
      this.explain(`${count} bot message(s)`, timeoutMs),
    );
  }

  /**
   * Resolves once the bot has finished handling this update (it confirmed it: the next
   * getUpdates offset passed it, or the webhook answered), so every reply it sends while
   * handling is in the chat.
   */
  whenHandled(updateId: number, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    const updates = this.state.updates;
    if (updates.isConfirmed(updateId)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const stop = updates.onConfirmed(() => {
        if (!updates.isConfirmed(updateId)) return;
        clearTimeout(timer);
        stop();
        // Hand over once the emulator has answered the call that confirmed it.
        setImmediate(resolve);
      });
      const timer = setTimeout(() => {
        stop();
        reject(new Error(this.explain(`the bot to confirm update ${updateId}`, timeoutMs)));
      }, timeoutMs);
    });
  }

  /** The next edit by the bot (of `messageId`, if given) after the user's last action. */
  waitForEdit(messageId?: number, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ChatMessageView> {
    const since = this.cursor;
    const check = () => {
      const edited = this.state.chats
        .chatMessages(this.id)
        .find(
          (m) =>
            m.fromBot &&
            !m.deleted &&
            m.editDate !== undefined &&
            m.lastChangeSeq > since &&
            (messageId === undefined || m.messageId === messageId),
        );
      return edited ? viewOf(edited) : undefined;
    };
    return waitForChats(this.state.chats, check, timeoutMs, () =>
      this.explain(
        `an edit of ${messageId === undefined ? "a bot message" : `#${messageId}`}`,
        timeoutMs,
      ),
    );
  }

  /** Resolves when the bot answers this button press. */
  waitForCallbackAnswer(
    callbackQueryId: string,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<CallbackAnswer> {
    const now = this.callbackAnswer(callbackQueryId);
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const stop = this.log.onRecord(() => {
        const answer = this.callbackAnswer(callbackQueryId);
        if (!answer) return;
        clearTimeout(timer);
        stop();
        resolve(answer);
      });
      const timer = setTimeout(() => {
        stop();
        reject(
          new Error(
            `The bot did not answer callback query ${callbackQueryId} within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
    });
  }

  private newBotMessages(): StoredMessage[] {
    return this.state.chats
      .chatMessages(this.id)
      .filter((m) => m.fromBot && !m.deleted && m.seq > this.cursor);
  }

  private pickMessage(pick: MessagePick): ChatMessageView {
    const messages = this.chat();
    const found =
      typeof pick === "number"
        ? messages.find((m) => m.messageId === pick)
        : messages.filter(pick).pop();
    if (!found)
      throw new Error(`No such message in the chat of user ${this.id}:\n${describeChat(messages)}`);
    return found;
  }

  private post(draft: MessageDraft): SentUpdate {
    // Writing to a bot one has blocked restarts it, as on Telegram.
    if (this.state.faults.isBlocked(this.id)) this.unblockBot();
    const message = this.state.chats.addMessage(
      this.chatRecord,
      { id: this.id, isBot: false },
      draft,
    );
    this.cursor = this.state.chats.latestSeq;
    const payload = messageObject(this.state.chats, message);
    return { updateId: this.enqueue({ message: payload }), messageId: message.messageId };
  }

  private enqueue(payload: Record<string, unknown>): number {
    this.cursor = this.state.chats.latestSeq;
    const update = this.state.updates.enqueue(payload);
    return update?.update_id ?? -1;
  }

  private memberUpdate(oldStatus: "member" | "kicked", newStatus: "member" | "kicked"): number {
    const date = Math.floor(this.state.clock.now() / 1000);
    const bot = this.state.bot.user;
    return this.enqueue(myChatMemberPayload(bot, this.profile, date, oldStatus, newStatus));
  }

  private explain(what: string, timeoutMs: number): string {
    return `User ${this.id} waited ${timeoutMs} ms for ${what}; the chat shows:\n${describeChat(this.chat())}`;
  }
}
