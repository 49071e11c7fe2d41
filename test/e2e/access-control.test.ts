import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Broadcast } from "../../src/domain/broadcast.js";
import { newBroadcast } from "../../src/domain/broadcast-lifecycle.js";
import type { Member } from "../../src/domain/member.js";
import type { Story } from "../../src/domain/story.js";
import { createI18n } from "../../src/i18n.js";
import type { TelegramUser } from "../../src/testing/telegram/index.js";
import type { ZaloEmulatorUser } from "../../src/testing/zalo/index.js";
import {
  ACCESS_RULES,
  ACTORS,
  type AccessCase,
  type Actor,
  accessCases,
  HAMLET_INSIDE,
  HAMLET_OUTSIDE,
  INSIDE,
  OUTSIDE,
  outcomeFor,
} from "./support/access-table.js";
import type { AppBench } from "./support/app-bench.js";
import { startTelegramBench } from "./support/telegram-bench.js";
import { startZaloBench, type ZaloBench } from "./support/zalo-bench.js";

/**
 * Every row of the access table (test/e2e/support/access-table.ts), on both platforms: each
 * kind of person sends the command or presses the button (on Telegram any callback data can
 * be sent; on Zalo the data is planted as the chat's last numbered list, as a list shown
 * before a role was taken away would be, and the person types 1), and must see the expected
 * message. A refused action on a broadcast leaves it as it was.
 */

const i18n = createI18n("vi");

/** The words of a message that do not depend on what fills it in, in either language. */
function fragmentsOf(key: string): string[] {
  const [ns = "", path = ""] = key.split(":");
  return ["vi", "en"].map((lng) => {
    const raw = i18n.getResource(lng, ns, path);
    if (typeof raw !== "string") throw new Error(`no text for ${key} in ${lng}`);
    const pieces = raw.split(/\{\{[^}]*\}\}|\$t\([^)]*\)/).map((piece) => piece.trim());
    return pieces.reduce((a, b) => (b.length > a.length ? b : a), "");
  });
}

/** The grants and standing of each kind of person who has joined. */
const PEOPLE: Record<
  Exclude<Actor, "stranger">,
  Partial<Member> & Pick<Member, "unitId" | "orgIds" | "roles">
> = {
  member: { unitId: "hung-dao.da-quan", orgIds: ["hoi-nong-dan"], roles: [] },
  optedOut: { unitId: "hung-dao.da-quan", orgIds: ["hoi-nong-dan"], roles: [], optedOut: true },
  inactive: { unitId: "hung-dao.da-quan", orgIds: ["hoi-nong-dan"], roles: [], active: false },
  head: {
    unitId: "hung-dao.nam-phong-2",
    orgIds: [],
    roles: [{ role: "hamlet_head", unitId: "hung-dao.nam-phong-2", orgIds: [] }],
  },
  official: {
    unitId: INSIDE,
    orgIds: [],
    roles: [{ role: "official", unitId: INSIDE, orgIds: [] }],
  },
  broadcaster: {
    unitId: INSIDE,
    orgIds: [],
    roles: [{ role: "broadcaster", unitId: INSIDE, orgIds: ["hoi-phu-nu"] }],
  },
  approver: {
    unitId: INSIDE,
    orgIds: [],
    roles: [{ role: "approver", unitId: INSIDE, orgIds: [] }],
  },
  admin: {
    unitId: "tinh-cao-bang",
    orgIds: [],
    roles: [{ role: "admin", unitId: "tinh-cao-bang", orgIds: [] }],
  },
};

function memberOf(actor: Exclude<Actor, "stranger">, channel: string, chatId: string): Member {
  return {
    id: `acl-${actor}`,
    name: `Người ${actor}`,
    locale: "vi",
    active: true,
    optedOut: false,
    source: "cli",
    createdAt: "2026-11-01T00:00:00.000Z",
    identities: [
      {
        channel,
        chatId,
        boundAt: "2026-11-01T00:00:00.000Z",
        lastSeenAt: "2026-11-01T00:00:00.000Z",
      },
    ],
    ...PEOPLE[actor],
  };
}

/** What a person sees after one thing they did: every new message, and a toast on Telegram. */
interface Chat {
  command(text: string): Promise<string[]>;
  press(data: string): Promise<string[]>;
}

/** A platform under test: its bench and a chat per kind of person. */
interface Platform {
  bench: AppBench;
  channel: string;
  chats: Map<Actor, Chat>;
  chatIdOf(actor: Actor): string;
  /** What /help showed each kind of person. */
  help: Map<Actor, string>;
}

function telegramChat(user: TelegramUser): Chat {
  const seen = () => new Set(user.chat().map((m) => `${m.messageId}#${m.text}`));
  // Every bot message new or changed (an edited card) since `before`, once it is handled.
  const after = async (updateId: number, before: Set<string>) => {
    await user.whenHandled(updateId, 15_000);
    return user
      .chat()
      .filter((m) => m.from === "bot" && !before.has(`${m.messageId}#${m.text}`))
      .map((m) => m.text);
  };
  return {
    async command(text) {
      const before = seen();
      return after(user.send(text).updateId, before);
    },
    async press(data) {
      const before = seen();
      const target = user.lastBotMessage();
      if (!target) throw new Error("no bot message to press on");
      const press = user.pressRaw(target.messageId, data);
      const texts = await after(press.updateId, before);
      return [user.callbackAnswer(press.callbackQueryId)?.text ?? "", ...texts];
    },
  };
}

function zaloChat(bench: ZaloBench, user: ZaloEmulatorUser): Chat {
  const after = async (send: () => Promise<string>) => {
    const seen = user.chat().length;
    await user.whenHandled(await send(), 15_000);
    return user
      .chat()
      .slice(seen)
      .filter((m) => m.from === "bot")
      .map((m) => m.text ?? m.caption ?? "");
  };
  return {
    command: (text) => after(() => user.send(text)),
    async press(data) {
      await bench.app.deps.store.chatMenus.save({
        key: `zalo:${user.id}`,
        choices: [{ data, label: "Nút cũ" }],
        mode: "single",
        shownAt: bench.clock.now.toISOString(),
      });
      return after(() => user.send("1"));
    },
  };
}

/** A broadcast waiting for approval, straight in the store. */
async function pendingBroadcast(
  bench: AppBench,
  authorId: string,
  area: string,
): Promise<Broadcast> {
  const store = bench.app.deps.store;
  const id = String(await store.sequences.next("broadcast"));
  const at = bench.clock.now.toISOString();
  const broadcast = newBroadcast(
    {
      kind: "campaign",
      text: `Tin thử ${id}`,
      audience: { orgIds: ["hoi-phu-nu"], areaIds: [area], roles: [] },
      schedule: { kind: "now" },
      urgent: false,
    },
    { id, authorId, senderUnitId: area, at },
    true,
  );
  await store.broadcasts.save(broadcast, [
    { broadcastId: id, version: 1, at, action: "composed", actorId: authorId, details: {} },
  ]);
  return broadcast;
}

/** A broadcast that went out, its one run done, straight in the store: it may be recalled. */
async function sentBroadcast(bench: AppBench, authorId: string, area: string): Promise<Broadcast> {
  const pending = await pendingBroadcast(bench, authorId, area);
  const at = bench.clock.now.toISOString();
  const sent: Broadcast = {
    ...pending,
    revision: pending.revision + 1,
    state: "sent",
    runs: [
      {
        occurrence: at,
        purpose: `broadcast:${pending.id}`,
        state: "done",
        version: pending.version,
        startedAt: at,
        recipients: 0,
        optedOut: 0,
        unreachable: 0,
        finishedAt: at,
      },
    ],
  };
  if (!(await bench.app.deps.store.broadcasts.save(sent, []))) throw new Error("not saved");
  return sent;
}

/** A good deed a hamlet head nominated, waiting for a broadcaster, straight in the store. */
async function nominatedStory(bench: AppBench, hamlet: string): Promise<Story> {
  const id = `acl-story-${await bench.app.deps.store.sequences.next("acl-story")}`;
  const at = bench.clock.now.toISOString();
  const story: Story = {
    id,
    title: `Gương thử ${id}`,
    text: "Bà con góp công làm đường.",
    unitId: hamlet,
    criterionIds: [],
    authorId: "acl-head-elsewhere",
    status: "nominated",
    consent: "nobody-named",
    createdAt: at,
    updatedAt: at,
  };
  await bench.app.deps.store.stories.save(story);
  return story;
}

async function seed(bench: AppBench, channel: string, chatIdOf: (actor: Actor) => string) {
  const store = bench.app.deps.store;
  await store.units.saveMany([
    {
      id: HAMLET_OUTSIDE,
      kind: "hamlet",
      name: "Xóm Khuổi Khon",
      parent: OUTSIDE,
      source: "cli",
      active: true,
    },
  ]);
  await store.members.saveMany(
    ACTORS.filter((a): a is Exclude<Actor, "stranger"> => a !== "stranger").map((actor) =>
      memberOf(actor, channel, chatIdOf(actor)),
    ),
  );
}

/** Puts a person back as the table expects them before each row. */
async function reset(platform: Platform, actor: Actor): Promise<void> {
  if (actor === "stranger") return;
  const store = platform.bench.app.deps.store;
  const id = `acl-${actor}`;
  await store.dialogs.delete(id);
  await store.chatMenus.delete(`${platform.channel}:${platform.chatIdOf(actor)}`);
  await store.members.setLocale(id, "vi");
  await store.members.setOptedOut(id, PEOPLE[actor].optedOut ?? false);
}

async function runCase(platform: Platform, c: AccessCase): Promise<void> {
  await reset(platform, c.who);
  const chat = platform.chats.get(c.who);
  if (!chat) throw new Error(`no chat for ${c.who}`);
  const bench = platform.bench;
  const fixture =
    c.rule.fixture === "pendingInside"
      ? await pendingBroadcast(bench, "acl-other-author", INSIDE)
      : c.rule.fixture === "pendingOutside"
        ? await pendingBroadcast(bench, "acl-other-author", OUTSIDE)
        : c.rule.fixture === "ownPending"
          ? await pendingBroadcast(bench, `acl-${c.who}`, INSIDE)
          : c.rule.fixture === "sentInside"
            ? await sentBroadcast(bench, "acl-other-author", INSIDE)
            : c.rule.fixture === "sentOutside"
              ? await sentBroadcast(bench, "acl-other-author", OUTSIDE)
              : undefined;
  const story =
    c.rule.fixture === "storyInside"
      ? await nominatedStory(bench, HAMLET_INSIDE)
      : c.rule.fixture === "storyOutside"
        ? await nominatedStory(bench, HAMLET_OUTSIDE)
        : undefined;
  const id = fixture?.id ?? story?.id ?? "";
  const { send } = c.rule;
  const seen =
    "command" in send
      ? await chat.command(send.command)
      : "button" in send
        ? await chat.press(send.button(id))
        : await chat.command(send.text(id));
  const key = "allowed" in c.expected ? c.expected.allowed : c.expected.refused;
  const all = seen.join("\n");
  if (c.rule.what === "/help") platform.help.set(c.who, all);
  const label = `${c.who} · ${c.rule.what} · ${c.rule.where} on ${platform.channel}`;
  expect
    .soft(
      fragmentsOf(key).some((fragment) => all.includes(fragment)),
      `${label}: expected ${key}, saw:\n${all}`,
    )
    .toBe(true);
  if (c.rule.hidden) {
    expect.soft(all, `${label}: shows what is outside the scope`).not.toContain(c.rule.hidden(id));
  }
  if (fixture && "refused" in c.expected) {
    const after = await platform.bench.app.deps.store.broadcasts.get(id);
    expect.soft(after?.state, `${label}: the broadcast changed`).toBe(fixture.state);
    expect.soft(after?.version, `${label}: the broadcast changed`).toBe(1);
    expect.soft(after?.runs.at(-1)?.recalling, `${label}: a recall started`).toBeUndefined();
  }
}

/** Every command /help offers a person who has joined is one the table lets them use. */
function expectHelpWithinTable(platform: Platform): void {
  for (const who of ["member", "head", "official", "broadcaster", "approver", "admin"] as const) {
    const offered = (platform.help.get(who) ?? "")
      .split("\n")
      .flatMap((line) => /^(\/[a-z]+(?: pending)?) —/.exec(line)?.[1] ?? []);
    expect(offered.length, `/help for ${who}`).toBeGreaterThan(3);
    for (const command of offered) {
      const rule = ACCESS_RULES.find((r) => r.what === command && r.where !== "outside");
      if (!rule) continue;
      expect
        .soft(outcomeFor(rule, who), `/help offers ${who} ${command} on ${platform.channel}`)
        .toHaveProperty("allowed");
    }
  }
}

const cases = accessCases();

/**
 * The emulators' limits are off, and the bot's rates high enough not to space its answers:
 * these 900 cases are about who may do what, not about pacing (`paced-replies.test.ts`).
 */
const UNPACED = { TELEGRAM_RATE: "1000", ZALO_RATE: "1000" };

describe("access control, one table on Telegram", () => {
  let platform: Platform;
  beforeAll(async () => {
    const bench = await startTelegramBench({ env: UNPACED });
    const ids = new Map(ACTORS.map((actor, i) => [actor, 7100 + i]));
    const chatIdOf = (actor: Actor) => String(ids.get(actor));
    await seed(bench, "telegram", chatIdOf);
    const chats = new Map<Actor, Chat>();
    for (const actor of ACTORS) {
      const user = bench.emulator.user({ id: ids.get(actor), firstName: actor });
      chats.set(actor, telegramChat(user));
      // A first message of the bot's, for the forged presses to be made on.
      await chats.get(actor)?.command("/help");
    }
    platform = { bench, channel: "telegram", chats, chatIdOf, help: new Map() };
  }, 60_000);
  afterAll(async () => platform?.bench.stop());

  it(`answers each of the ${cases.length} rows as the table says`, async () => {
    for (const c of cases) await runCase(platform, c);
    expectHelpWithinTable(platform);
  }, 300_000);
});

describe("access control, one table on Zalo", () => {
  let platform: Platform;
  beforeAll(async () => {
    const bench = await startZaloBench({ env: UNPACED });
    const chatIdOf = (actor: Actor) => `acl-zalo-${actor}`;
    await seed(bench, "zalo", chatIdOf);
    const chats = new Map<Actor, Chat>();
    for (const actor of ACTORS) {
      const user = bench.emulator.user({ id: chatIdOf(actor), displayName: actor });
      chats.set(actor, zaloChat(bench, user));
    }
    platform = { bench, channel: "zalo", chats, chatIdOf, help: new Map() };
  }, 60_000);
  afterAll(async () => platform?.bench.stop());

  it(`answers each of the ${cases.length} rows as the table says`, async () => {
    for (const c of cases) await runCase(platform, c);
    expectHelpWithinTable(platform);
  }, 300_000);
});
