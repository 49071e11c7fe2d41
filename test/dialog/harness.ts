import { CHANNEL_ADAPTERS } from "../../src/channels/registry.js";
import { parseConfig } from "../../src/config.js";
import type { Member } from "../../src/domain/member.js";
import type { AppDeps, PhotoFetcher } from "../../src/features/app-deps.js";
import type { Feature, MemberContext } from "../../src/features/feature.js";
import type { Flow } from "../../src/features/member-dialogs.js";
import { createMemberDialogs, type DialogEngine } from "../../src/features/member-dialogs.js";
import { syncReferenceData } from "../../src/features/reference-sync.js";
import type { Translate } from "../../src/i18n.js";
import { createI18n } from "../../src/i18n.js";
import { silentLogger } from "../../src/logger.js";
import type { Inbound, InboundPhoto } from "../../src/messaging/inbound.js";
import { textWithNumberedChoices } from "../../src/messaging/numbered-choices.js";
import type { Choice, Outbound } from "../../src/messaging/outbound.js";
import type { Reply } from "../../src/messaging/reply.js";
import { loadReferenceData } from "../../src/reference/loader.js";
import { type LowStore, openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { tempDir } from "../support/processes.js";

/** What the person saw or the bot did, in order. */
export type Seen =
  | { kind: "send"; messageId: string; message: Outbound }
  | { kind: "edit"; messageId: string; message: Outbound }
  | { kind: "ack"; notice?: string };

/**
 * A Reply that records everything, as the person's chat would show it: with buttons, or, given
 * `numberedIn` (a chat without buttons), with the choices as the numbered lines shown there.
 */
export class RecordingReply implements Reply {
  readonly seen: Seen[] = [];
  private nextId = 100;
  readonly buttons: boolean;

  constructor(private readonly numberedIn?: Translate) {
    this.buttons = numberedIn === undefined;
  }

  /** The message with its text as shown; its choices kept, as the channel remembers them. */
  private shown(message: Outbound): Outbound {
    if (!this.numberedIn || !message.choices) return message;
    return { ...message, text: textWithNumberedChoices(message, this.numberedIn) };
  }

  async send(message: Outbound) {
    const messageId = String(this.nextId++);
    this.seen.push({ kind: "send", messageId, message: this.shown(message) });
    return { messageId };
  }

  async edit(messageId: string, message: Outbound) {
    this.seen.push({ kind: "edit", messageId, message: this.shown(message) });
    return { messageId };
  }

  async acknowledge(notice?: string) {
    this.seen.push(notice === undefined ? { kind: "ack" } : { kind: "ack", notice });
  }

  /** The messages sent (not edits), newest last. */
  sent(): { messageId: string; message: Outbound }[] {
    return this.seen.flatMap((s) => (s.kind === "send" ? [s] : []));
  }

  /** The text of the last message sent. */
  lastText(): string {
    return this.sent().at(-1)?.message.text ?? "";
  }

  /** The last message with buttons, as it looks now (after any edits). */
  currentKeyboard(): { messageId: string; message: Outbound } | undefined {
    for (let i = this.seen.length - 1; i >= 0; i--) {
      const s = this.seen[i];
      if ((s?.kind === "send" || s?.kind === "edit") && s.message.choices) return s;
    }
    return undefined;
  }
}

/** A settable clock. */
export class Clock {
  constructor(public instant: Date) {}
  now = () => new Date(this.instant);
  set(iso: string) {
    this.instant = new Date(iso);
  }
}

/** A small deterministic random source for tests. */
export function seededRandom(seed = 7): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A photo fetcher that hands out small JPEG-like files and remembers what it was asked. */
export class FakePhotos implements PhotoFetcher {
  readonly fetched: string[] = [];
  async fetch(photo: InboundPhoto, maxBytes: number): Promise<Uint8Array> {
    this.fetched.push(photo.ref);
    const size = Math.min(photo.size ?? 64, maxBytes);
    const bytes = new Uint8Array(size);
    bytes.set([0xff, 0xd8, 0xff, 0xe0]);
    return bytes;
  }
}

/** The world a test runs in: a real lowdb store on a temp dir with the shipped data synced. */
export interface World {
  dir: string;
  store: LowStore;
  deps: AppDeps;
  clock: Clock;
  photos: FakePhotos;
}

/** Opens a fresh world at the given instant. */
export async function openWorld(at: string): Promise<World> {
  const dir = await tempDir("chung-suc-dialog-");
  const store = await openLowStore(dir);
  await syncReferenceData(store, loadReferenceData());
  const clock = new Clock(new Date(at));
  const photos = new FakePhotos();
  const deps: AppDeps = {
    config: parseConfig({ DATA_DIR: dir }),
    store,
    i18n: createI18n("vi"),
    logger: silentLogger(),
    now: clock.now,
    random: seededRandom(),
    photos: { telegram: photos, zalo: photos },
    filesShown: {},
    channels: CHANNEL_ADAPTERS,
  };
  return { dir, store, deps, clock, photos };
}

/** A member as the store would hold them. */
export function memberWith(id: string, roles: Member["roles"], unitId = "hung-dao"): Member {
  return {
    id,
    name: `Người ${id}`,
    unitId,
    orgIds: [],
    roles,
    locale: "vi",
    active: true,
    optedOut: false,
    identities: [],
    source: "cli",
    createdAt: "2026-01-01T00:00:00.000Z",
  };
}

let updates = 0;

/**
 * One person's chat with the bot, routed the way the router does it: commands to features
 * (`/cancel` to the engine), texts, photos and `d:` buttons to the engine.
 */
export class Chat {
  readonly reply: RecordingReply;
  constructor(
    readonly world: World,
    public engine: DialogEngine,
    readonly features: Feature[],
    readonly member: Member,
    buttons = true,
  ) {
    this.reply = new RecordingReply(buttons ? undefined : world.deps.i18n.getFixedT(member.locale));
  }

  /** How many messages the person sent (presses included). */
  answers = 0;

  private ctx(inbound: Omit<Inbound, "channel" | "chatId" | "updateId" | "receivedAt">) {
    const full: Inbound = {
      channel: this.reply.buttons ? "telegram" : "zalo",
      chatId: `chat-${this.member.id}`,
      updateId: String(++updates),
      receivedAt: this.world.clock.now(),
      ...inbound,
    };
    const ctx: MemberContext = {
      inbound: full,
      member: this.member,
      reply: this.reply,
      t: this.world.deps.i18n.getFixedT(this.member.locale),
      locale: this.member.locale,
      deps: this.world.deps,
    };
    return ctx;
  }

  /** Types a command, e.g. `report`. */
  async command(name: string): Promise<void> {
    this.answers++;
    const ctx = this.ctx({ kind: "command", command: name, text: "" });
    if (name === "cancel") {
      await this.engine.cancel(ctx);
      return;
    }
    const handler = this.features
      .flatMap((f) => Object.entries(f.commands ?? {}))
      .find(([command]) => command === name)?.[1];
    if (!handler) throw new Error(`no feature answers /${name}`);
    await handler(ctx);
  }

  /** Types a text; true when the engine took it. */
  async say(text: string): Promise<boolean> {
    this.answers++;
    return this.engine.handle(this.ctx({ kind: "text", text }));
  }

  /** Sends photos (an album shares an id). */
  async photo(photos: InboundPhoto[], albumId?: string): Promise<boolean> {
    this.answers++;
    return this.engine.handle(this.ctx({ kind: "photo", photos, ...(albumId ? { albumId } : {}) }));
  }

  /** Presses a button with raw data, as a forged or old press would. */
  async pressData(data: string, messageId?: string): Promise<boolean> {
    this.answers++;
    return this.engine.handle(
      this.ctx({ kind: "choice", choice: { data, ...(messageId ? { messageId } : {}) } }),
    );
  }

  /** The buttons of the latest keyboard. */
  buttons(): Choice[] {
    return this.reply.currentKeyboard()?.message.choices?.flat() ?? [];
  }

  /** Presses the button whose label starts with `label` on the latest keyboard. */
  async press(label: string): Promise<boolean> {
    const keyboard = this.reply.currentKeyboard();
    const button = keyboard?.message.choices?.flat().find((c) => c.label.startsWith(label));
    if (!keyboard || !button) {
      throw new Error(
        `no button "${label}" in: ${keyboard?.message.choices
          ?.flat()
          .map((c) => c.label)
          .join(" | ")}`,
      );
    }
    return this.pressData(button.data, keyboard.messageId);
  }
}

/** An engine over the given flows in the world. */
export function engineFor(world: World, flows: Flow<unknown>[]): DialogEngine {
  return createMemberDialogs(flows, world.deps);
}
