import { parseConfig } from "../../../src/config.js";
import { Outbox } from "../../../src/delivery/outbox.js";
import type { Member } from "../../../src/domain/member.js";
import type { RoleGrant } from "../../../src/domain/role.js";
import {
  type Broadcasting,
  createBroadcasting,
} from "../../../src/features/broadcasting/broadcasting.js";
import { createMemberDialogs } from "../../../src/features/member-dialogs.js";
import { membershipFeature } from "../../../src/features/membership.js";
import { createRouter, type Router } from "../../../src/features/router.js";
import type { Inbound } from "../../../src/messaging/inbound.js";
import type { Choice, Outbound } from "../../../src/messaging/outbound.js";
import type { OutboxItem } from "../../../src/store/outbox-repository.js";
import { openWorld, RecordingReply, type World } from "../../dialog/harness.js";
import { person, WEDNESDAY } from "../../support/people.js";

export { person, WEDNESDAY };

/** The broadcaster of Hội Phụ nữ in ward Thục Phán. */
export const womenBroadcaster = (id = "author", extra: RoleGrant[] = []) =>
  person(
    id,
    "thuc-phan",
    ["hoi-phu-nu"],
    [{ role: "broadcaster", unitId: "thuc-phan", orgIds: ["hoi-phu-nu"] }, ...extra],
  );

/** An approver of ward Thục Phán (any organisation). */
export const communeApprover = (id = "approver") =>
  person(id, "thuc-phan", [], [{ role: "approver", unitId: "thuc-phan", orgIds: [] }]);

let updates = 0;

/** One person's chat with the bot through the real router, recorded as they would see it. */
export class Chat {
  readonly reply = new RecordingReply();
  constructor(
    readonly world: BroadcastWorld,
    readonly memberId: string,
  ) {}

  private async send(inbound: Omit<Inbound, "channel" | "chatId" | "updateId" | "receivedAt">) {
    await this.world.router().handle(
      {
        channel: "telegram",
        chatId: `chat-${this.memberId}`,
        updateId: String(++updates),
        receivedAt: this.world.world.clock.now(),
        ...inbound,
      },
      this.reply,
    );
  }

  /** Types a command line such as `/broadcast` or `/stop`. */
  command(line: string): Promise<void> {
    const [name = "", ...args] = line.replace(/^\//, "").split(" ");
    return this.send({ kind: "command", command: name, text: args.join(" ") });
  }

  /** Types a text. */
  say(text: string): Promise<void> {
    return this.send({ kind: "text", text });
  }

  /** Sends a photo (the world's fake fetcher hands out a small JPEG). */
  photo(ref = "photo-1"): Promise<void> {
    return this.send({ kind: "photo", photos: [{ ref, size: 2048 }] });
  }

  /** Presses a button with any data, as a forged client could. */
  pressData(data: string, messageId?: string): Promise<void> {
    return this.send({ kind: "choice", choice: { data, ...(messageId ? { messageId } : {}) } });
  }

  /** The latest message with buttons (after edits). */
  keyboard(): { messageId: string; message: Outbound } | undefined {
    return this.reply.currentKeyboard();
  }

  /** The labels of the latest keyboard. */
  buttons(): string[] {
    return (
      this.keyboard()
        ?.message.choices?.flat()
        .map((c) => c.label) ?? []
    );
  }

  /** Presses the button whose label is, or starts with, `label` on the latest keyboard. */
  press(label: string): Promise<void> {
    const keyboard = this.keyboard();
    const button = keyboard?.message.choices
      ?.flat()
      .find((c) => c.label === label || c.label.replace(/^✓ /, "").startsWith(label));
    if (!keyboard || !button)
      throw new Error(`no button "${label}" in: ${this.buttons().join(" | ")}`);
    return this.pressData(button.data, keyboard.messageId);
  }

  /** The text of the last message the bot sent in this chat. */
  last(): string {
    return this.reply.lastText();
  }
}

/** Broadcasting on a real store, with the outbox (no worker: what is queued is inspected). */
export interface BroadcastWorld {
  world: World;
  outbox: Outbox;
  broadcasting: Broadcasting;
  router(): Router;
  /** Saves members and opens a chat for each. */
  join(...members: Member[]): Promise<Chat[]>;
  /** What the outbox holds for a member, oldest first, with each message. */
  queuedFor(memberId: string): Promise<Array<OutboxItem & { message: Outbound }>>;
  /** The buttons of the latest queued message to a member that has some. */
  queuedButtons(memberId: string): Promise<Choice[]>;
}

/** A world with broadcasting wired as the app wires it. */
export async function broadcastWorld(
  options: { approval?: boolean; at?: string } = {},
): Promise<BroadcastWorld> {
  const world = await openWorld(options.at ?? WEDNESDAY);
  world.deps.config = parseConfig({
    DATA_DIR: world.dir,
    QUIET_HOURS: "off",
    BROADCAST_APPROVAL: options.approval === false ? "off" : "on",
  });
  const outbox = new Outbox({
    store: world.store,
    now: world.clock.now,
    quietHours: null,
    timeZone: world.deps.config.timeZone,
  });
  const broadcasting = createBroadcasting(world.deps, outbox);
  const engine = createMemberDialogs(broadcasting.flows, world.deps);
  const router = createRouter(
    world.deps,
    [membershipFeature(), broadcasting.feature(engine)],
    engine,
  );
  const self: BroadcastWorld = {
    world,
    outbox,
    broadcasting,
    router: () => router,
    join: async (...members) => {
      for (const member of members) await world.store.members.save(member);
      return members.map((member) => new Chat(self, member.id));
    },
    queuedFor: async (memberId) => {
      const items = (world.store.snapshot().collections.outbox as OutboxItem[])
        .filter((item) => item.memberId === memberId)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.key.localeCompare(b.key));
      const withMessages = [];
      for (const item of items) {
        const stored = await world.store.outbox.payload(item.payloadId);
        withMessages.push({ ...item, message: { ...(stored ?? { text: "" }) } as Outbound });
      }
      return withMessages;
    },
    queuedButtons: async (memberId) => {
      const items = await self.queuedFor(memberId);
      const last = items.filter((item) => item.message.choices).at(-1);
      return last?.message.choices?.flat() ?? [];
    },
  };
  return self;
}
