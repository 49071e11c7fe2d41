import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningApp, startApp } from "../../src/app.js";
import { inviteChannels, personFileName, sheetCard } from "../../src/cli/invite-output.js";
import { type Config, parseConfig } from "../../src/config.js";
import { instantAt, localTime } from "../../src/domain/local-time.js";
import type { Channel, Locale } from "../../src/domain/member.js";
import type { Role } from "../../src/domain/role.js";
import { UnitTree } from "../../src/domain/unit-tree.js";
import { createInvite } from "../../src/features/admin/invites.js";
import { silentLogger } from "../../src/logger.js";
import { renderSheetCardPng } from "../../src/render/invite-sheet.js";
import {
  startTelegramEmulator,
  type TelegramEmulator,
  type TelegramUser,
} from "../../src/testing/telegram/index.js";
import {
  startZaloEmulator,
  type ZaloEmulator,
  type ZaloEmulatorUser,
} from "../../src/testing/zalo/index.js";
import { type Persona, personaById } from "./cast.js";
import type { HamletChoice, Look, SandboxMessage } from "./wire.js";

export type { HamletChoice, Look, SandboxMessage };

/** What the page asks for: someone, on a platform, speaking a language. */
export interface PaneSpec {
  personaId: string;
  look: Look;
  lang: Locale;
}

/** One open chat pane. */
export interface Pane {
  id: string;
  spec: PaneSpec;
  persona: Persona;
  messages(): SandboxMessage[];
  send(text: string): Promise<void>;
  press(messageId: string, button: string): Promise<void>;
  sendPhoto(photo: Uint8Array, mimeType: string, caption?: string): Promise<void>;
  /** Sends a recording as the app's audio attachment (Telegram; Zalo's bots take none). */
  sendAudio(audio: Uint8Array, fileName: string, caption?: string): Promise<void>;
}

/** A printed invite card the sandbox handed a persona, served as a PNG. */
interface HandedCard {
  id: string;
  name: string;
  fileName: string;
  png: Buffer;
}

/** The time jumps the page offers, each to the next such moment on the bot's clock. */
export const JUMPS = {
  reminders: { weekday: 5, hour: 8, minute: 0 },
  escalation: { weekday: 1, hour: 9, minute: 0 },
  summary: { weekday: 1, hour: 12, minute: 30 },
} as const;
export type Jump = keyof typeof JUMPS;

/** What the sandbox starts with. */
export interface SandboxWorldOptions {
  /** The bot clock's first reading (default: now). */
  start?: Date;
  /** Where the sandbox server serves uploaded photos, for the Zalo emulator to fetch. */
  uploadBase: () => string;
}

const JOIN_TIMEOUT_MS = 20_000;

/**
 * The real bot on a fresh data folder, speaking to the in-repo Telegram and Zalo emulators on
 * loopback, with a clock the page can move and chats the page plays. Only the clock is
 * injected: jobs, delivery, rendering and the store are the product's own.
 */
export class SandboxWorld {
  private readonly panes = new Map<string, Pane>();
  private readonly telegramUsers = new Map<string, TelegramUser>();
  private readonly zaloUsers = new Map<string, ZaloEmulatorUser>();
  /** The member each persona became, once joined on some platform. */
  private readonly memberOf = new Map<string, string>();
  private readonly uploads = new Map<string, { bytes: Uint8Array; mimeType: string }>();
  /** The cards each persona was handed on each platform (`persona:look`), in the order typed. */
  private readonly cards = new Map<string, HandedCard[]>();

  private constructor(
    private readonly options: SandboxWorldOptions,
    private readonly dataDir: string,
    private readonly telegram: TelegramEmulator,
    private readonly zalo: ZaloEmulator,
    readonly config: Config,
    private readonly clock: MovableClock,
    private app: RunningApp,
  ) {}

  /** Starts the emulators and the bot on a temporary data folder. */
  static async start(options: SandboxWorldOptions): Promise<SandboxWorld> {
    const clock = movableClock(options.start ?? new Date());
    const dataDir = await mkdtemp(join(tmpdir(), "chung-suc-sandbox-"));
    const telegram = await startTelegramEmulator({
      rateLimits: false,
      bot: { username: "chungsuc_sandbox_bot", firstName: "Chung Sức" },
    });
    const zalo = await startZaloEmulator({ accountName: "Chung Sức" });
    const port = await freePort();
    // Webhook mode with the bot's own address on loopback: Zalo then gets charts and
    // spreadsheets by link, as it does live.
    const config = parseConfig({
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      ZALO_BOT_TOKEN: zalo.token,
      ZALO_API_ROOT: zalo.apiRoot,
      DATA_DIR: dataDir,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      WEBHOOK_SECRET: randomBytes(24).toString("hex"),
      PORT: String(port),
      QUIET_HOURS: "off",
      LOG_LEVEL: "silent",
    });
    try {
      const app = await startApp(config, {
        logger: silentLogger(),
        now: clock.now,
        host: "127.0.0.1",
      });
      return new SandboxWorld(options, dataDir, telegram, zalo, config, clock, app);
    } catch (error) {
      await telegram.close();
      await zalo.close();
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** The bot's clock now. */
  now(): Date {
    return this.clock.now();
  }

  /** The hamlets a head can be picked for. */
  async hamlets(): Promise<HamletChoice[]> {
    const units = await this.app.deps.store.units.list();
    const names = new Map(units.map((unit) => [unit.id, unit.name]));
    return units
      .filter((unit) => unit.kind === "hamlet")
      .map((unit) => ({
        id: unit.id,
        name: unit.name,
        parentName: names.get(unit.parent ?? "") ?? "",
      }));
  }

  openPanes(): Pane[] {
    return [...this.panes.values()];
  }

  pane(id: string): Pane | undefined {
    return this.panes.get(id);
  }

  /**
   * Opens a chat for a persona on a platform. The first time a persona appears, its chat
   * types the invite codes an administrator made for it, as a newcomer would; on a second
   * platform it types a code binding that chat to the same member.
   */
  async openPane(spec: PaneSpec): Promise<Pane> {
    const persona = personaById(spec.personaId);
    if (!persona) throw new SandboxError("unknownPersona");
    const pane =
      spec.look === "telegram"
        ? await this.openTelegram(spec, persona)
        : await this.openZalo(spec, persona);
    this.panes.set(pane.id, pane);
    return pane;
  }

  closePane(id: string): boolean {
    return this.panes.delete(id);
  }

  /** Moves the bot's clock to the next such moment and runs the jobs then due. */
  async jump(to: Jump): Promise<Date> {
    const { weekday, hour, minute } = JUMPS[to];
    const target = nextLocalTime(this.clock.now(), this.config.timeZone, weekday, hour, minute);
    this.clock.jumpTo(target);
    await this.app.jobs.catchUp();
    return target;
  }

  /** A photo a pane uploaded, for the Zalo emulator to fetch by link. */
  upload(id: string): { bytes: Uint8Array; mimeType: string } | undefined {
    return this.uploads.get(id);
  }

  /** A file in the Telegram emulator (a photo or document in a chat). */
  telegramFile(
    fileId: string,
  ): { bytes: Uint8Array; mimeType?: string; name?: string } | undefined {
    const file = this.telegram.file(fileId);
    return file && { bytes: file.bytes, mimeType: file.mimeType, name: file.fileName };
  }

  /** Whether a link in a Zalo chat points at the bot's served files or the emulators. */
  servesLink(url: string): boolean {
    const origins = [this.config.publicUrl, this.zalo.apiRoot, this.options.uploadBase()];
    return origins.some((origin) => origin && url.startsWith(`${origin}/`));
  }

  /** Stops the bot and the emulators and deletes the data folder. */
  async stop(): Promise<void> {
    await this.app.stop();
    await this.telegram.close();
    await this.zalo.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  private async openTelegram(spec: PaneSpec, persona: Persona): Promise<Pane> {
    let user = this.telegramUsers.get(persona.id);
    if (!user) {
      user = this.telegram.user({ firstName: persona.displayName, languageCode: spec.lang });
      this.telegramUsers.set(persona.id, user);
      const yes = this.app.deps.i18n.getFixedT(spec.lang)("common:join.sharedYes");
      for (const code of await this.codesFor(persona, spec)) {
        user.send(`/start ${code}`);
        const answer = await user.waitForBotMessage(() => true, JOIN_TIMEOUT_MS);
        // The household's second person: yes, add them to the same phone.
        if (answer.buttons.flat().includes(yes)) {
          user.press(answer.messageId, yes);
          await user.waitForBotMessage(() => true, JOIN_TIMEOUT_MS);
        }
      }
      await this.remember(persona, "telegram", String(user.id));
    }
    return telegramPane(this.paneId(), spec, persona, user, this.cardMessages(persona, spec));
  }

  private async openZalo(spec: PaneSpec, persona: Persona): Promise<Pane> {
    let user = this.zaloUsers.get(persona.id);
    if (!user) {
      user = this.zalo.user({ displayName: persona.displayName });
      this.zaloUsers.set(persona.id, user);
      const yes = this.app.deps.i18n.getFixedT(spec.lang)("common:join.sharedYes");
      for (const code of await this.codesFor(persona, spec)) {
        await user.send(code);
        const answer = await user.waitForBotMessage(() => true, JOIN_TIMEOUT_MS);
        // The household's second person: yes, add them to the same phone.
        const line = (answer.text ?? "").split("\n").find((l) => l.endsWith(`. ${yes}`));
        if (line) {
          await user.send(line.slice(0, line.indexOf(".")));
          await user.waitForBotMessage(() => true, JOIN_TIMEOUT_MS);
        }
      }
      await this.remember(persona, "zalo", user.id);
    }
    const zaloUser = user;
    return zaloPane(this.paneId(), spec, persona, zaloUser, this.cardMessages(persona, spec), {
      link: (url) => (this.servesLink(url) ? linkUrl(url) : url),
      upload: (bytes, mimeType) => {
        const id = `${randomBytes(8).toString("hex")}.${mimeType === "image/png" ? "png" : "jpg"}`;
        this.uploads.set(id, { bytes, mimeType });
        return `${this.options.uploadBase()}/uploads/${id}`;
      },
    });
  }

  /**
   * Makes the invites a persona's chat types (theirs, or one binding their existing member) and
   * the printed card of each, as an administrator would hand it over.
   */
  private async codesFor(persona: Persona, spec: PaneSpec): Promise<string[]> {
    const memberId = this.memberOf.get(persona.id);
    const member = memberId ? await this.app.deps.store.members.get(memberId) : undefined;
    const requests: Array<{ name: string; roles: Role[]; unitId: string; orgIds?: string[] }> =
      member
        ? [
            {
              name: member.name,
              roles: member.roles.map((grant) => grant.role),
              unitId: member.unitId,
            },
          ]
        : persona.invites;
    const codes: string[] = [];
    const cards: HandedCard[] = [];
    for (const request of requests) {
      const made = await createInvite(this.app.deps.store, {
        ...(member ? { roles: [], memberId: member.id } : { ...request, locale: spec.lang }),
        now: this.clock.now,
        random: this.app.deps.random,
      });
      if (!made.ok)
        throw new Error(`the sandbox could not invite ${persona.id}: ${made.problem.code}`);
      codes.push(made.invite.code);
      cards.push(await this.cardOf({ ...request, invite: made.invite }, spec.lang));
    }
    this.cards.set(`${persona.id}:${spec.look}`, cards);
    return codes;
  }

  /** The person's invite card as printed by `invite batch --sheet`, cut out. */
  private async cardOf(
    holder: {
      name: string;
      roles: readonly Role[];
      unitId: string;
      invite: { code: string; expiresAt: string };
    },
    lang: Locale,
  ): Promise<HandedCard> {
    const t = this.app.deps.i18n.getFixedT(lang);
    const context = { config: this.config, locale: lang, t };
    const channels = await inviteChannels({ ...context, warn: () => undefined });
    const tree = new UnitTree(await this.app.deps.store.units.list());
    const card = sheetCard(context, tree, holder, channels);
    const png = await renderSheetCardPng({ issuer: this.config.issuer, locale: lang, t }, card);
    const fileName = `${personFileName(holder.name, holder.invite.code)}.png`;
    return { id: holder.invite.code, name: holder.name, fileName, png };
  }

  /** A card handed out in this sandbox, by its id. */
  card(id: string): HandedCard | undefined {
    for (const cards of this.cards.values()) {
      const found = cards.find((card) => card.id === id);
      if (found) return found;
    }
    return undefined;
  }

  /** The cards a persona was handed for a platform, as the first messages of its panes. */
  private cardMessages(persona: Persona, spec: PaneSpec): () => SandboxMessage[] {
    return () =>
      (this.cards.get(`${persona.id}:${spec.look}`) ?? []).map((card) => ({
        id: `card-${card.id}`,
        from: "card",
        text: "",
        buttons: [],
        photo: cardUrl(card),
        file: { url: cardUrl(card), name: card.fileName },
        card: { name: card.name },
        edited: false,
      }));
  }

  private async remember(persona: Persona, channel: Channel, chatId: string): Promise<void> {
    // The persona is the one who joined the chat last (a shared phone has several).
    const member = (await this.app.deps.store.members.membersOfChat(channel, chatId)).at(-1);
    if (member) this.memberOf.set(persona.id, member.id);
  }

  /** Unique across restarts too, so the page never mistakes a new chat for an old one. */
  private paneId(): string {
    return `p${randomBytes(6).toString("hex")}`;
  }
}

/** A request the page made that cannot be met; `key` names the message in `sandbox.json`. */
export class SandboxError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

/** The sandbox server's address for a handed card. */
function cardUrl(card: HandedCard): string {
  return `/media/card/${card.id}`;
}

/** A link to a recording the bot serves (Zalo's bots send audio as a link to play). */
const RECORDING_LINK = /https?:\/\/\S+?\.(?:ogg|oga|opus|mp3|m4a|aac|wav)\b/giu;

/** The sandbox server's address for a file a Zalo chat links to. */
function linkUrl(url: string): string {
  return `/media/link?u=${encodeURIComponent(url)}`;
}

function telegramPane(
  id: string,
  spec: PaneSpec,
  persona: Persona,
  user: TelegramUser,
  cards: () => SandboxMessage[],
): Pane {
  return {
    id,
    spec,
    persona,
    messages: () => [
      ...cards(),
      ...user.chat().map((message) => ({
        id: String(message.messageId),
        from: message.from,
        text: message.text,
        buttons: message.buttons,
        ...(message.replyKeyboard ? { keyboard: message.replyKeyboard } : {}),
        ...(message.photo ? { photo: `/media/telegram/${message.photo.fileId}` } : {}),
        ...(message.document
          ? {
              file: {
                url: `/media/telegram/${message.document.fileId}`,
                name: message.document.fileName ?? "file",
              },
            }
          : {}),
        ...(message.audio
          ? {
              audio: {
                url: `/media/telegram/${message.audio.fileId}`,
                name: message.audio.fileName ?? `${message.audio.kind}.ogg`,
              },
            }
          : {}),
        edited: message.edited,
      })),
    ],
    send: async (text) => {
      user.send(text);
    },
    press: async (messageId, button) => {
      const target = user.chat().find((message) => String(message.messageId) === messageId);
      if (!target?.buttons.flat().includes(button)) throw new SandboxError("noSuchButton");
      user.press(target.messageId, button);
    },
    sendPhoto: async (photo, _mimeType, caption) => {
      user.sendPhoto(photo, caption);
    },
    sendAudio: async (audio, fileName, caption) => {
      // The page does not read the recording's length; Telegram shows 0:00 until it is played.
      user.sendAudio(audio, fileName, 0, caption);
    },
  };
}

interface ZaloLinks {
  /** Where the page fetches a link the bot sent. */
  link: (url: string) => string;
  /** Keeps an uploaded photo and returns the address Zalo fetches it from. */
  upload: (bytes: Uint8Array, mimeType: string) => string;
}

function zaloPane(
  id: string,
  spec: PaneSpec,
  persona: Persona,
  user: ZaloEmulatorUser,
  cards: () => SandboxMessage[],
  links: ZaloLinks,
): Pane {
  return {
    id,
    spec,
    persona,
    messages: () => [
      ...cards(),
      ...user.chat().map((message) => {
        const text = message.text ?? message.caption ?? "";
        // The link Zalo's bot sends for a recording plays in the pane, as the browser would.
        const recording = [...text.matchAll(RECORDING_LINK)][0]?.[0];
        return {
          id: message.messageId,
          from: message.from,
          text,
          buttons: [],
          ...(message.photoUrl ? { photo: links.link(message.photoUrl) } : {}),
          ...(recording
            ? {
                audio: {
                  url: links.link(recording),
                  name: new URL(recording).pathname.split("/").pop() ?? "audio",
                },
              }
            : {}),
          edited: false,
        };
      }),
    ],
    send: async (text) => {
      await user.send(text);
    },
    press: async () => {
      // Zalo has no buttons: its choices are numbered lines answered by typing the number.
      throw new SandboxError("noButtonsOnZalo");
    },
    sendPhoto: async (photo, mimeType, caption) => {
      const url = links.upload(photo, mimeType);
      await user.sendImage(caption ? { url, caption } : { url });
    },
    sendAudio: async () => {
      // Zalo's bots receive no recordings: a broadcaster attaches one on Telegram.
      throw new SandboxError("noAudioOnZalo");
    },
  };
}

interface MovableClock {
  now: () => Date;
  jumpTo: (instant: Date) => void;
}

/** A clock that starts at a chosen instant and runs at real speed; `jumpTo` moves it. */
function movableClock(start: Date): MovableClock {
  let offset = start.getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    jumpTo: (instant) => {
      offset = instant.getTime() - Date.now();
    },
  };
}

/** The next instant after `now` that reads `weekday hour:minute` (ISO weekday) in the zone. */
export function nextLocalTime(
  now: Date,
  timeZone: string,
  weekday: number,
  hour: number,
  minute: number,
): Date {
  const today = localTime(now, timeZone);
  const ahead = (weekday - today.weekday + 7) % 7;
  for (const days of [ahead, ahead + 7]) {
    const candidate = instantAt(timeZone, today.year, today.month, today.day + days, hour, minute);
    if (candidate.getTime() > now.getTime()) return candidate;
  }
  throw new Error("unreachable: a week ahead is always later");
}

/** A free port on loopback for the bot's own HTTP server (webhooks and served files). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
