import { badRequest } from "./api-error.js";
import type { EmulatorClock } from "./clock.js";
import type { StoredFile } from "./file-store.js";
import type { MessageEntity } from "./html-parse-mode.js";
import type { InlineButton } from "./reply-markup.js";

/** A Telegram user known to the emulator (a person the driver acts as, or the bot itself). */
export interface StoredUser {
  id: number;
  isBot: boolean;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
}

/** The kinds of chat Telegram has. */
export type ChatType = "private" | "group" | "supergroup" | "channel";

/** A chat the bot can send to. Private chats have the user's id. */
export interface StoredChat {
  id: number;
  type: ChatType;
  title?: string;
  username?: string;
  firstName?: string;
  lastName?: string;
  /** Message ids are per chat and shared by both sides, like Telegram's. */
  nextMessageId: number;
}

/** A message as the emulator holds it, with its current content after edits. */
export interface StoredMessage {
  chatId: number;
  messageId: number;
  /** Global order of creation across chats. */
  seq: number;
  senderId: number;
  fromBot: boolean;
  /** Seconds since the epoch, like Telegram's `date`. */
  date: number;
  /** When it was sent, in clock milliseconds (for the 48-hour delete rule). */
  sentAtMs: number;
  editDate?: number;
  text?: string;
  entities: MessageEntity[];
  caption?: string;
  captionEntities: MessageEntity[];
  photo?: StoredFile;
  document?: StoredFile;
  /** A voice note (OGG/Opus, MP3 or M4A), played in the chat as one. */
  voice?: StoredFile;
  /** An audio file, shown with the music player. */
  audio?: StoredFile;
  /** How long a voice note or audio file plays, in seconds, as the sender said. */
  duration?: number;
  inlineKeyboard?: InlineButton[][];
  /** A reply keyboard the bot attached (shown under the input field). */
  replyKeyboard?: string[][];
  mediaGroupId?: string;
  replyToMessageId?: number;
  deleted: boolean;
  /** The `seq` of the latest event about this message (sent, edited or deleted). */
  lastChangeSeq: number;
}

/** The content a new message carries. */
export type MessageDraft = Pick<
  StoredMessage,
  | "text"
  | "caption"
  | "photo"
  | "document"
  | "voice"
  | "audio"
  | "duration"
  | "inlineKeyboard"
  | "replyKeyboard"
  | "mediaGroupId"
  | "replyToMessageId"
> & { entities?: MessageEntity[]; captionEntities?: MessageEntity[] };

/** The fields of a draft a message takes as they are: every one, or this fails to compile. */
const DRAFT_FIELDS = Object.keys({
  text: true,
  caption: true,
  photo: true,
  document: true,
  voice: true,
  audio: true,
  duration: true,
  inlineKeyboard: true,
  replyKeyboard: true,
  mediaGroupId: true,
  replyToMessageId: true,
} satisfies Record<
  Exclude<keyof MessageDraft, "entities" | "captionEntities">,
  true
>) as (keyof MessageDraft)[];

/** Something visible changed in a chat; `seq` orders all such events. */
export interface ChatEvent {
  kind: "sent" | "edited" | "deleted";
  seq: number;
  message: StoredMessage;
}

/** Users, chats and messages: what each side of every chat sees. */
export class ChatStore {
  private readonly users = new Map<number, StoredUser>();
  private readonly chats = new Map<number, StoredChat>();
  private readonly messages = new Map<number, StoredMessage[]>();
  private readonly listeners = new Set<(event: ChatEvent) => void>();
  private eventSeq = 0;
  private nextUserId = 100_000_001;

  constructor(private readonly clock: EmulatorClock) {}

  /** Adds (or replaces) a user; a missing id gets the next free one. */
  declareUser(user: Omit<StoredUser, "id"> & { id?: number }): StoredUser {
    const id = user.id ?? this.freeUserId();
    const stored: StoredUser = { ...user, id };
    this.users.set(id, stored);
    return stored;
  }

  /** The user with this id, if known. */
  user(id: number): StoredUser | undefined {
    return this.users.get(id);
  }

  /** Adds a chat if it does not exist yet and returns it. */
  declareChat(chat: Omit<StoredChat, "nextMessageId">): StoredChat {
    const existing = this.chats.get(chat.id);
    if (existing) return existing;
    const stored: StoredChat = { ...chat, nextMessageId: 1 };
    this.chats.set(chat.id, stored);
    this.messages.set(chat.id, []);
    return stored;
  }

  /** The private chat between the bot and this user. */
  privateChatOf(user: StoredUser): StoredChat {
    return this.declareChat({
      id: user.id,
      type: "private",
      firstName: user.firstName,
      lastName: user.lastName,
      username: user.username,
    });
  }

  /** The chat with this id or `@username`, if known. */
  chat(id: number | string): StoredChat | undefined {
    if (typeof id === "number") return this.chats.get(id);
    const name = id.replace(/^@/, "").toLowerCase();
    return [...this.chats.values()].find((chat) => chat.username?.toLowerCase() === name);
  }

  /** Records a new message in a chat and tells listeners. */
  addMessage(
    chat: StoredChat,
    sender: { id: number; isBot: boolean },
    draft: MessageDraft,
  ): StoredMessage {
    const now = this.clock.now();
    const message: StoredMessage = {
      entities: draft.entities ?? [],
      captionEntities: draft.captionEntities ?? [],
      chatId: chat.id,
      messageId: chat.nextMessageId,
      seq: this.eventSeq + 1,
      senderId: sender.id,
      fromBot: sender.isBot,
      date: Math.floor(now / 1000),
      sentAtMs: now,
      deleted: false,
      lastChangeSeq: this.eventSeq + 1,
    };
    // The draft's own fields one by one: a spread of a draft full of `undefined` made this the
    // emulator's costliest line under a broadcast.
    for (const field of DRAFT_FIELDS) {
      if (draft[field] !== undefined) copyField(draft, message, field);
    }
    chat.nextMessageId += 1;
    this.chatMessages(chat.id).push(message);
    this.emit("sent", message);
    return message;
  }

  /** The message, deleted or not; undefined if it never existed. */
  message(chatId: number, messageId: number): StoredMessage | undefined {
    return this.chatMessages(chatId).find((message) => message.messageId === messageId);
  }

  /** The live (not deleted) message the bot wants to edit; Telegram's 400 otherwise. */
  messageToEdit(chatId: number, messageId: number): StoredMessage {
    const message = this.message(chatId, messageId);
    if (!message || message.deleted) throw badRequest("message to edit not found");
    return message;
  }

  /** Applies an edit and tells listeners. */
  edit(message: StoredMessage, changes: Partial<StoredMessage>): StoredMessage {
    Object.assign(message, changes, { editDate: Math.floor(this.clock.now() / 1000) });
    this.emit("edited", message);
    return message;
  }

  /** Marks a message deleted (kept for assertions) and tells listeners. */
  delete(message: StoredMessage): void {
    message.deleted = true;
    this.emit("deleted", message);
  }

  /** Every message of a chat in order, deleted ones included. */
  chatMessages(chatId: number): StoredMessage[] {
    let list = this.messages.get(chatId);
    if (!list) {
      list = [];
      this.messages.set(chatId, list);
    }
    return list;
  }

  /** The number of the latest chat event; events after it are "new". */
  get latestSeq(): number {
    return this.eventSeq;
  }

  /** Subscribes to chat events; returns the unsubscribe function. */
  onEvent(listener: (event: ChatEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(kind: ChatEvent["kind"], message: StoredMessage): void {
    this.eventSeq += 1;
    message.lastChangeSeq = this.eventSeq;
    const event = { kind, seq: this.eventSeq, message };
    for (const listener of this.listeners) listener(event);
  }

  private freeUserId(): number {
    while (this.users.has(this.nextUserId)) this.nextUserId += 1;
    return this.nextUserId;
  }
}

function copyField<K extends keyof MessageDraft>(
  from: MessageDraft,
  to: MessageDraft,
  field: K,
): void {
  to[field] = from[field];
}
