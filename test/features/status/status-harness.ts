import type { Member } from "../../../src/domain/member.js";
import type { HamletReport } from "../../../src/domain/report.js";
import { reportId } from "../../../src/domain/report.js";
import type { MemberContext } from "../../../src/features/feature.js";
import { statusFeature } from "../../../src/features/status/status-feature.js";
import type { Outbound } from "../../../src/messaging/outbound.js";
import { memberWith, RecordingReply, type World } from "../../dialog/harness.js";

export { memberWith, openWorld, type World } from "../../dialog/harness.js";

const feature = statusFeature();
let updates = 0;

/** One official's (or anyone's) chat with the status feature, as the router would call it. */
export class StatusChat {
  readonly reply = new RecordingReply();

  constructor(
    readonly world: World,
    readonly member: Member,
  ) {}

  private ctx(inbound: Partial<MemberContext["inbound"]>): MemberContext {
    return {
      inbound: {
        channel: "telegram",
        chatId: `chat-${this.member.id}`,
        updateId: String(++updates),
        receivedAt: this.world.clock.now(),
        kind: "command",
        ...inbound,
      },
      member: this.member,
      reply: this.reply,
      t: this.world.deps.i18n.getFixedT(this.member.locale),
      locale: this.member.locale,
      deps: this.world.deps,
    };
  }

  /** Types `/<name> <text>` and returns what the bot sent in answer. */
  async command(name: "status" | "summary", text = ""): Promise<Outbound[]> {
    const before = this.reply.sent().length;
    const handler = feature.commands?.[name];
    if (!handler) throw new Error(`no /${name}`);
    await handler(this.ctx({ kind: "command", command: name, text }));
    return this.reply
      .sent()
      .slice(before)
      .map((s) => s.message);
  }

  /** Presses the button with this label on the last message that has it. */
  async press(label: string): Promise<Outbound[]> {
    const sent = this.reply.sent();
    for (let i = sent.length - 1; i >= 0; i--) {
      const choice = sent[i]?.message.choices?.flat().find((c) => c.label === label);
      if (choice) return this.pressData(choice.data);
    }
    throw new Error(
      `no button "${label}"; last buttons: ${JSON.stringify(buttonsOf(sent.at(-1)?.message))}`,
    );
  }

  /** Sends a button press with any data, as a forged or old client could. */
  async pressData(data: string): Promise<Outbound[]> {
    const before = this.reply.sent().length;
    const handler = feature.choices?.[data.split(":", 1)[0] ?? ""];
    if (!handler) throw new Error(`no handler for ${data}`);
    await handler(this.ctx({ kind: "choice", choice: { data } }));
    return this.reply
      .sent()
      .slice(before)
      .map((s) => s.message);
  }
}

/** The button labels of a message, row by row. */
export function buttonsOf(message: Outbound | undefined): string[][] {
  return (message?.choices ?? []).map((row) => row.map((c) => c.label));
}

/** A counted report as a hamlet head would have filed it, on time unless told otherwise. */
export function hamletReport(
  hamletId: string,
  week: string,
  values: Record<string, number>,
  extra: Partial<HamletReport> = {},
): HamletReport {
  return {
    id: reportId(hamletId, week),
    hamletId,
    week,
    receipt: `${week}-${hamletId}`,
    authorId: `head-${hamletId}`,
    groups: [],
    values,
    criteriaClaimed: [],
    photos: [],
    submittedAt: "2026-11-27T03:00:00.000Z",
    late: false,
    review: "submitted",
    version: 0,
    ...extra,
  };
}

/** The nine hamlets of Hưng Đạo, as shipped. */
export const HUNG_DAO_HAMLETS = [
  "hung-dao.pho-cao-binh",
  "hung-dao.da-quan",
  "hung-dao.dong-chup",
  "hung-dao.hong-quang-1",
  "hung-dao.hong-quang-2",
  "hung-dao.ngoc-quyen",
  "hung-dao.nam-phong-1",
  "hung-dao.nam-phong-2",
  "hung-dao.nam-phong-3",
];

/**
 * Week 48 of 2026 in Hưng Đạo as in the product's example: eight hamlets reported (Đà Quận
 * did not), 2.4 km of new concrete road (1.1 km the week before), 36 million đồng from the
 * people, 3,120 labour days and 450 trees.
 */
export async function seedHungDao(world: World): Promise<void> {
  const reporting = HUNG_DAO_HAMLETS.filter((id) => id !== "hung-dao.da-quan");
  const saves: Promise<unknown>[] = [];
  reporting.forEach((hamletId, i) => {
    saves.push(
      world.store.reports.save(
        hamletReport(hamletId, "2026-W48", {
          roadConcretedM: 300,
          fundsPeopleMillionVnd: 4.5,
          labourDays: 390,
          treesPlanted: i < 2 ? 225 : 0,
        }),
      ),
    );
  });
  saves.push(
    world.store.reports.save(
      hamletReport("hung-dao.nam-phong-2", "2026-W47", { roadConcretedM: 1100 }, { late: true }),
    ),
  );
  saves.push(world.store.members.saveMany(HUNG_DAO_HAMLETS.map((id, i) => headOf(id, i))));
  await Promise.all(saves);
}

/** A hamlet head who has used the assistant since October 2026, so the hamlet is expected. */
export function headOf(hamletId: string, i: number, boundAt = "2026-10-05T02:00:00.000Z") {
  const head = memberWith(`head-${i}`, [{ role: "hamlet_head", unitId: hamletId, orgIds: [] }]);
  return {
    ...head,
    unitId: hamletId,
    identities: [
      { channel: "telegram" as const, chatId: String(9000 + i), boundAt, lastSeenAt: boundAt },
    ],
  };
}
