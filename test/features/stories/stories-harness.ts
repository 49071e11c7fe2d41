import { parseConfig } from "../../../src/config.js";
import { Outbox } from "../../../src/delivery/outbox.js";
import type { Audience } from "../../../src/domain/audience.js";
import type { Member } from "../../../src/domain/member.js";
import type { PublicationProgress, Story } from "../../../src/domain/story.js";
import {
  type Broadcasting,
  createBroadcasting,
} from "../../../src/features/broadcasting/broadcasting.js";
import type { MemberContext } from "../../../src/features/feature.js";
import { createMemberDialogs } from "../../../src/features/member-dialogs.js";
import { membershipFeature } from "../../../src/features/membership.js";
import { reportFeature } from "../../../src/features/reporting/report-feature.js";
import { reportFlow } from "../../../src/features/reporting/report-flow.js";
import { createRouter, type Router } from "../../../src/features/router.js";
import { createStories, type Stories } from "../../../src/features/stories/stories.js";
import type {
  PublicationOutcome,
  StoryPublisher,
} from "../../../src/features/stories/story-publisher.js";
import type { Inbound, InboundPhoto } from "../../../src/messaging/inbound.js";
import type { Choice, Outbound } from "../../../src/messaging/outbound.js";
import { openWorld, RecordingReply, type World } from "../../dialog/harness.js";
import { person, WEDNESDAY } from "../../support/people.js";

export { person, WEDNESDAY };

/** Nam Phong 2 in ward Thục Phán, the hamlet of the examples. */
export const NAM_PHONG_2 = "hung-dao.nam-phong-2";

/** The hamlet head of Nam Phong 2. */
export const head = () =>
  person("head", NAM_PHONG_2, [], [{ role: "hamlet_head", unitId: NAM_PHONG_2, orgIds: [] }]);
/** The women's union broadcaster of ward Thục Phán. */
export const womenBroadcaster = (id = "broadcaster") =>
  person(
    id,
    "thuc-phan",
    ["hoi-phu-nu"],
    [{ role: "broadcaster", unitId: "thuc-phan", orgIds: ["hoi-phu-nu"] }],
  );
/** An approver of ward Thục Phán. */
export const approver = () =>
  person("approver", "thuc-phan", [], [{ role: "approver", unitId: "thuc-phan", orgIds: [] }]);

/**
 * A stand-in for the broadcasting side: remembers what it was handed and reports the
 * progress the test sets, so the library's side is tested on its own.
 */
export class FakePublisher implements StoryPublisher {
  readonly submitted: { story: Story; audience: Audience; by: string }[] = [];
  readonly progressOf = new Map<string, PublicationProgress>();
  refuseWith: string | undefined;

  async submit(ctx: MemberContext, story: Story, audience: Audience): Promise<PublicationOutcome> {
    if (this.refuseWith) return { ok: false, reason: { key: this.refuseWith } };
    const broadcastId = `b${this.submitted.length + 1}`;
    this.submitted.push({ story, audience, by: ctx.member.id });
    this.progressOf.set(broadcastId, "awaiting-approval");
    return { ok: true, broadcastId, progress: "awaiting-approval" };
  }

  async progress(broadcastId: string): Promise<PublicationProgress | undefined> {
    return this.progressOf.get(broadcastId);
  }
}

let updates = 0;

/** One person's chat through the real router, recorded as they would see it. */
export class Chat {
  readonly reply: RecordingReply;
  constructor(
    readonly w: StoriesWorld,
    readonly memberId: string,
    buttons = true,
  ) {
    this.reply = new RecordingReply(buttons ? undefined : w.world.deps.i18n.getFixedT("vi"));
  }

  private send(inbound: Omit<Inbound, "channel" | "chatId" | "updateId" | "receivedAt">) {
    return this.w.router.handle(
      {
        channel: "telegram",
        chatId: `chat-${this.memberId}`,
        updateId: String(++updates),
        receivedAt: this.w.world.clock.now(),
        ...inbound,
      },
      this.reply,
    );
  }

  /** Types a command line such as `/stories pending`. */
  command(line: string): Promise<void> {
    const [name = "", ...args] = line.replace(/^\//, "").split(" ");
    return this.send({ kind: "command", command: name, text: args.join(" ") });
  }

  /** Types a text. */
  say(text: string): Promise<void> {
    return this.send({ kind: "text", text });
  }

  /** Sends photos. */
  photo(photos: InboundPhoto[]): Promise<void> {
    return this.send({ kind: "photo", photos });
  }

  /** Presses a button with any data, as an old or forged client could. */
  pressData(data: string, messageId?: string): Promise<void> {
    return this.send({ kind: "choice", choice: { data, ...(messageId ? { messageId } : {}) } });
  }

  /** The labels of the latest keyboard. */
  buttons(): string[] {
    return (
      this.reply
        .currentKeyboard()
        ?.message.choices?.flat()
        .map((c) => c.label) ?? []
    );
  }

  /** Presses the button whose label is, or starts with, `label` on the latest keyboard. */
  press(label: string): Promise<void> {
    const keyboard = this.reply.currentKeyboard();
    const button = keyboard?.message.choices
      ?.flat()
      .find((c: Choice) => c.label === label || c.label.replace(/^✓ /, "").startsWith(label));
    if (!keyboard || !button) {
      throw new Error(`no button "${label}" in: ${this.buttons().join(" | ")}`);
    }
    return this.pressData(button.data, keyboard.messageId);
  }

  /** Every message sent to this chat, in order. */
  sent(): Outbound[] {
    return this.reply.sent().map((s) => s.message);
  }

  /** The text of the last message sent. */
  last(): string {
    return this.reply.lastText();
  }
}

/** The library wired as the app wires it: with the real broadcasting side, or a fake one. */
export interface StoriesWorld {
  world: World;
  router: Router;
  broadcasting: Broadcasting;
  stories: Stories;
  /** Saves members and opens a chat for each (Telegram, with buttons). */
  join(...members: Member[]): Promise<Chat[]>;
  /** A chat without buttons (Zalo-like) for a member already saved. */
  numberedChat(memberId: string): Chat;
}

/** Opens a world with reporting, broadcasting and the library. */
export async function storiesWorld(
  options: { approval?: boolean; publisher?: StoryPublisher; at?: string } = {},
): Promise<StoriesWorld> {
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
  const stories = createStories(world.deps, options.publisher ?? broadcasting.storyPublisher);
  broadcasting.onChange(stories.follow);
  const engine = createMemberDialogs(
    [reportFlow, ...broadcasting.flows, ...stories.flows],
    world.deps,
  );
  const router = createRouter(
    world.deps,
    [
      membershipFeature(),
      reportFeature(engine),
      broadcasting.feature(engine),
      stories.feature(engine),
    ],
    engine,
  );
  const self: StoriesWorld = {
    world,
    router,
    broadcasting,
    stories,
    join: async (...members) => {
      for (const member of members) await world.store.members.save(member);
      return members.map((member) => new Chat(self, member.id));
    },
    numberedChat: (memberId) => new Chat(self, memberId, false),
  };
  return self;
}

/** The head files a report with nothing new but a good deed, by buttons. */
export async function reportGoodDeed(
  chat: Chat,
  deed: string,
  options: { photo?: boolean; consent?: boolean } = {},
): Promise<void> {
  await chat.command("/report");
  await chat.press("Không có gì mới");
  await chat.press("Gương người tốt việc tốt");
  await chat.say(deed);
  if (options.photo) await chat.photo([{ ref: "hoa-photo" }]);
  else await chat.press("Không có ảnh");
  await chat.press(options.consent === false ? "Chưa hỏi" : "Có, người đó đồng ý");
  await chat.press("Xem lại và gửi");
  await chat.press("Gửi báo cáo");
}
