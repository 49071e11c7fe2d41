import { Outbox } from "../../../src/delivery/outbox.js";
import type { Member } from "../../../src/domain/member.js";
import type { HamletReport } from "../../../src/domain/report.js";
import type { RoleGrant } from "../../../src/domain/role.js";
import type { Flow } from "../../../src/features/member-dialogs.js";
import { createMemberDialogs } from "../../../src/features/member-dialogs.js";
import { reportFeature } from "../../../src/features/reporting/report-feature.js";
import { reportFlow } from "../../../src/features/reporting/report-flow.js";
import { reviewReturnFlow } from "../../../src/features/review/return-flow.js";
import { reviewFeature } from "../../../src/features/review/review-feature.js";
import { createRouter, type Router } from "../../../src/features/router.js";
import type { Inbound } from "../../../src/messaging/inbound.js";
import type { OutboxItem } from "../../../src/store/outbox-repository.js";
import { memberWith, openWorld, RecordingReply, type World } from "../../dialog/harness.js";

/** Nam Phong 2 and Đà Quận, hamlets of Hưng Đạo in the shipped data. */
export const NAM_PHONG_2 = "hung-dao.nam-phong-2";
export const DA_QUAN = "hung-dao.da-quan";

/** Wednesday 25/11/2026 10:00 in Cao Bằng: week 2026-W48 (23/11 – 29/11). */
export const WEDNESDAY = "2026-11-25T03:00:00.000Z";

/** A member bound on Telegram (chat id = their id), saved in the world's store. */
export async function person(
  world: World,
  id: string,
  roles: RoleGrant[],
  extra: Partial<Member> = {},
): Promise<Member> {
  const member: Member = {
    ...memberWith(id, roles, roles[0]?.unitId),
    identities: [
      {
        channel: "telegram",
        chatId: `chat-${id}`,
        boundAt: "2026-01-01T00:00:00.000Z",
        lastSeenAt: "2026-01-01T00:00:00.000Z",
      },
    ],
    ...extra,
  };
  await world.store.members.save(member);
  return member;
}

/** A `hamlet_head` grant. */
export const headOf = (unitId: string): RoleGrant => ({ role: "hamlet_head", unitId, orgIds: [] });
/** An `official` grant. */
export const officialOf = (unitId: string): RoleGrant => ({ role: "official", unitId, orgIds: [] });

/** A stored report as the report flow files it. */
export function filedReport(
  hamletId: string,
  week: string,
  authorId: string,
  extra: Partial<HamletReport> = {},
): HamletReport {
  return {
    id: `${hamletId}@${week}`,
    hamletId,
    week,
    receipt: `${week.replace("-W", "-")}-0001`,
    authorId,
    groups: ["roads"],
    values: { roadConcretedM: 1200, roadRepairedM: 0 },
    criteriaClaimed: [],
    photos: [],
    submittedAt: "2026-11-25T03:00:00.000Z",
    late: false,
    review: "submitted",
    version: 0,
    ...extra,
  };
}

/** The world with the real router over the report and review features, and a real outbox. */
export async function reviewWorld(at = WEDNESDAY) {
  const world = await openWorld(at);
  const outbox = new Outbox({
    store: world.store,
    now: world.clock.now,
    quietHours: null,
    timeZone: world.deps.config.timeZone,
  });
  const engine = createMemberDialogs(
    [reportFlow, reviewReturnFlow(outbox)] as Flow<unknown>[],
    world.deps,
  );
  const router = createRouter(
    world.deps,
    [reportFeature(engine), reviewFeature({ engine, outbox })],
    engine,
  );
  /** What the outbox holds for heads about reviews, with each message's text. */
  const notices = async (): Promise<Array<OutboxItem & { text: string; buttons: string[] }>> => {
    const items = await world.store.outbox.list("review");
    return Promise.all(
      items.map(async (item) => {
        const payload = await world.store.outbox.payload(item.payloadId);
        return {
          ...item,
          text: payload?.text ?? "",
          buttons: payload?.choices?.flat().map((c) => c.data) ?? [],
        };
      }),
    );
  };
  return { world, outbox, engine, router, notices };
}

let updates = 0;

/** One member's Telegram chat with the real router. */
export class ChatWith {
  readonly reply = new RecordingReply();
  constructor(
    readonly world: World,
    readonly router: Router,
    readonly member: Member,
  ) {}

  private async send(inbound: Omit<Inbound, "channel" | "chatId" | "updateId" | "receivedAt">) {
    await this.router.handle(
      {
        channel: "telegram",
        chatId: `chat-${this.member.id}`,
        updateId: String(++updates),
        receivedAt: this.world.clock.now(),
        ...inbound,
      },
      this.reply,
    );
  }

  /** Types `/name args`. */
  command(name: string, args = ""): Promise<void> {
    return this.send({ kind: "command", command: name, text: args });
  }

  /** Types a text. */
  say(text: string): Promise<void> {
    return this.send({ kind: "text", text });
  }

  /** Presses a button by its data, on the message it came with (or none). */
  pressData(data: string, messageId?: string): Promise<void> {
    return this.send({ kind: "choice", choice: { data, ...(messageId ? { messageId } : {}) } });
  }

  /** Presses the button whose label starts with `label` on the latest keyboard shown. */
  async press(label: string): Promise<void> {
    const shown = this.reply.currentKeyboard();
    const button = shown?.message.choices
      ?.flat()
      .find((c) => c.label === label || c.label.replace(/^✓ /, "").startsWith(label));
    if (!shown || !button) {
      throw new Error(
        `no button "${label}" in: ${shown?.message.choices
          ?.flat()
          .map((c) => c.label)
          .join(" | ")}`,
      );
    }
    await this.pressData(button.data, shown.messageId);
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

  /** The text of the latest message shown (sent or edited). */
  lastShown(): string {
    for (let i = this.reply.seen.length - 1; i >= 0; i--) {
      const seen = this.reply.seen[i];
      if (seen && seen.kind !== "ack") return seen.message.text;
    }
    return "";
  }

  /** The notices the bot gave on button presses, in order. */
  notices(): string[] {
    return this.reply.seen.flatMap((s) => (s.kind === "ack" && s.notice ? [s.notice] : []));
  }
}
