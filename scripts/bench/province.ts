import type { Member } from "../../src/domain/member.js";
import type { HamletReport } from "../../src/domain/report.js";
import { reportId } from "../../src/domain/report.js";
import type { RoleGrant } from "../../src/domain/role.js";
import type { Unit } from "../../src/domain/unit.js";
import { addWeeks, type WeekKey, weekBounds } from "../../src/domain/week.js";
import type { Store } from "../../src/store/store.js";
import { createSeededRandom } from "../../src/testing/seeded-random.js";

/** How big a synthetic province to build. */
export interface ProvinceSize {
  communes: number;
  hamletsPerCommune: number;
  /** Members in all, hamlet heads included (one per hamlet). */
  members: number;
  /** Weeks of reports, every hamlet every week, ending the week before `currentWeek`. */
  weeks: number;
  /** Recipients of each benchmark broadcast audience. */
  audiences: { large: number; small: number; zalo: number };
}

/** The province the issue describes: 100 communes, 2,000 hamlets, 100,000 members, 52 weeks. */
export const FULL_PROVINCE: ProvinceSize = {
  communes: 100,
  hamletsPerCommune: 20,
  members: 100_000,
  weeks: 52,
  audiences: { large: 10_000, small: 3_000, zalo: 300 },
};

/** Telegram user ids: staff below 1,000; members from here on (id = base + member index). */
export const MEMBER_CHAT_BASE = 1_000_000;
/** Zalo chat ids of the Zalo audience (id = base + index). */
export const ZALO_CHAT_BASE = 9_000_000_000;

/** People who act in the benchmarks, by Telegram user id. */
export const STAFF = {
  provinceOfficial: { id: "official-province", chat: 101 },
  communeOfficial: { id: "official-commune", chat: 102 },
  /** Broadcasters over the province, one per audience: each has exactly one organisation. */
  authors: {
    large: { id: "author-large", chat: 111, orgId: "hoi-phu-nu" },
    small: { id: "author-small", chat: 112, orgId: "doan-thanh-nien" },
    zalo: { id: "author-zalo", chat: 113, orgId: "hoi-cuu-chien-binh" },
  },
} as const;

const DAY = 86_400_000;
const FAMILY = ["Nông", "Hoàng", "Lục", "Đàm", "Triệu", "Lý", "Bế", "Mạc", "Hà", "La"];
const GIVEN = ["Văn Thắng", "Thị Hoa", "Văn Dũng", "Thị Lan", "Đức Minh", "Thị Mai", "Văn Hùng"];

/** A synthetic province: units, members with chat identities, a year of weekly reports. */
export class Province {
  readonly rootId = "tinh-bench";
  readonly rootName = "Tỉnh Chạy Thử";
  readonly units: Unit[] = [];
  readonly communeIds: string[] = [];
  readonly hamletIds: string[] = [];
  /** The weeks reported, oldest first; the heads report `currentWeek` during the benchmark. */
  readonly weeks: WeekKey[] = [];

  constructor(
    readonly size: ProvinceSize,
    readonly currentWeek: WeekKey,
  ) {
    for (let w = size.weeks; w >= 1; w--) this.weeks.push(addWeeks(currentWeek, -w));
    this.units.push(unit(this.rootId, "city", this.rootName));
    for (let c = 0; c < size.communes; c++) {
      const communeId = `xa-${String(c + 1).padStart(3, "0")}`;
      this.communeIds.push(communeId);
      this.units.push(unit(communeId, "commune", `Xã Thử ${c + 1}`, this.rootId));
      for (let k = 0; k < size.hamletsPerCommune; k++) {
        const hamletId = `${communeId}.xom-${String(k + 1).padStart(2, "0")}`;
        this.hamletIds.push(hamletId);
        this.units.push(unit(hamletId, "hamlet", `Xóm ${k + 1} xã ${c + 1}`, communeId));
      }
    }
  }

  /** The Telegram user id of the head of hamlet h. */
  headChat(h: number): number {
    return MEMBER_CHAT_BASE + h;
  }

  /** The Telegram chats of an audience, in member order. */
  audienceChats(audience: "large" | "small"): number[] {
    const { first, count } = this.audienceRange(audience);
    return Array.from({ length: count }, (_, i) => MEMBER_CHAT_BASE + first + i);
  }

  /** The Zalo chat ids of the Zalo audience. */
  zaloChats(): string[] {
    const { first, count } = this.audienceRange("zalo");
    return Array.from({ length: count }, (_, i) => String(ZALO_CHAT_BASE + first + i));
  }

  /** Every member: heads first (member h heads hamlet h), then the audiences, then the rest. */
  members(createdAt: string): Member[] {
    const random = createSeededRandom(7);
    const hamlets = this.hamletIds.length;
    const members: Member[] = [];
    const zalo = this.audienceRange("zalo");
    for (let i = 0; i < this.size.members; i++) {
      const hamletId = this.hamletIds[i % hamlets] as string;
      const isZalo = i >= zalo.first && i < zalo.first + zalo.count;
      const chatId = isZalo ? String(ZALO_CHAT_BASE + i) : String(MEMBER_CHAT_BASE + i);
      const family = FAMILY[Math.floor(random() * FAMILY.length)];
      const given = GIVEN[Math.floor(random() * GIVEN.length)];
      members.push({
        id: `m-${i}`,
        name: `${family} ${given}`,
        unitId: hamletId,
        orgIds: this.orgsOf(i),
        roles: i < hamlets ? [{ role: "hamlet_head", unitId: hamletId, orgIds: [] }] : [],
        locale: "vi",
        active: true,
        optedOut: false,
        identities: [
          {
            channel: isZalo ? "zalo" : "telegram",
            chatId,
            boundAt: createdAt,
            lastSeenAt: createdAt,
          },
        ],
        source: "cli",
        createdAt,
      });
    }
    const province = (role: RoleGrant["role"], orgIds: string[] = []): RoleGrant => ({
      role,
      unitId: this.rootId,
      orgIds,
    });
    const staff = (id: string, chat: number, unitId: string, roles: RoleGrant[]): Member => ({
      id,
      name: `Cán bộ ${id}`,
      unitId,
      orgIds: [],
      roles,
      locale: "vi",
      active: true,
      optedOut: false,
      identities: [
        { channel: "telegram", chatId: String(chat), boundAt: createdAt, lastSeenAt: createdAt },
      ],
      source: "cli",
      createdAt,
    });
    const commune = this.communeIds[0] as string;
    members.push(
      staff(STAFF.provinceOfficial.id, STAFF.provinceOfficial.chat, this.rootId, [
        province("official"),
      ]),
      staff(STAFF.communeOfficial.id, STAFF.communeOfficial.chat, commune, [
        { role: "official", unitId: commune, orgIds: [] },
      ]),
      ...Object.values(STAFF.authors).map((author) =>
        staff(author.id, author.chat, this.rootId, [province("broadcaster", [author.orgId])]),
      ),
    );
    return members;
  }

  /** The report of hamlet h for week w (an index into `weeks`), with seeded numbers. */
  report(h: number, w: number, random: () => number): HamletReport {
    const hamletId = this.hamletIds[h] as string;
    const week = this.weeks[w] as WeekKey;
    const whole = (max: number) => Math.floor(random() * max);
    return {
      id: reportId(hamletId, week),
      hamletId,
      week,
      receipt: `${week}-${h}`,
      authorId: `m-${h}`,
      groups: ["roads", "contributions", "environment"],
      values: {
        roadConcretedM: whole(400),
        roadRepairedM: whole(200),
        fundsPeopleMillionVnd: whole(20),
        labourDays: whole(60),
        treesPlanted: whole(50),
      },
      criteriaClaimed: [],
      photos: [],
      // Friday evening of its week.
      submittedAt: new Date(
        weekBounds(week, "Asia/Ho_Chi_Minh").start.getTime() + 4.5 * DAY,
      ).toISOString(),
      late: random() < 0.1,
      review: "submitted",
      version: 0,
    };
  }

  /**
   * Audiences sit right after the heads: `large` (one organisation), `small` (another),
   * `zalo` (a third, reachable on Zalo only); nobody else is in those organisations.
   */
  private audienceRange(audience: "large" | "small" | "zalo"): { first: number; count: number } {
    const { large, small, zalo } = this.size.audiences;
    const heads = this.hamletIds.length;
    if (audience === "large") return { first: heads, count: large };
    if (audience === "small") return { first: heads + large, count: small };
    return { first: heads + large + small, count: zalo };
  }

  private orgsOf(i: number): string[] {
    for (const audience of ["large", "small", "zalo"] as const) {
      const { first, count } = this.audienceRange(audience);
      if (i >= first && i < first + count) return [STAFF.authors[audience].orgId];
    }
    return i % 2 === 0 ? ["hoi-nong-dan"] : ["mttq"];
  }
}

/** Writes the province into a store through its port: units, members, criteria, reports. */
export async function seedProvince(store: Store, province: Province, now: Date): Promise<void> {
  await store.units.saveMany(province.units);
  // Everyone last wrote days ago, as in a real province: each person's first message marks
  // them seen again, a write the bot must take in its stride (a province seeded "now" spares
  // it every one of those for a minute).
  const lastWeek = new Date(now.getTime() - 7 * 24 * 3_600_000);
  await store.members.saveMany(province.members(lastWeek.toISOString()));
  const ntm = (await store.criteria.listSets()).filter((set) => set.level === "hamlet");
  const statuses = province.hamletIds.flatMap((unitId, h) =>
    h % 3 === 0
      ? ntm.flatMap((set) =>
          set.criteria.map((c) => ({
            unitId,
            criterionId: c.id,
            state: "met" as const,
            since: "2025-01-01",
          })),
        )
      : [],
  );
  await store.criteria.setStatuses(statuses);
  const random = createSeededRandom(11);
  for (let w = 0; w < province.weeks.length; w++) {
    const week = province.hamletIds.map((_, h) => province.report(h, w, random));
    await Promise.all(week.map((report) => store.reports.save(report)));
  }
}

/**
 * Adds `count` finished sends to the outbox, as a year of past broadcasts and reminders
 * leaves them: batches of up to 10,000, each enqueued, claimed and marked sent.
 */
export async function seedFinishedOutbox(
  store: Store,
  province: Province,
  count: number,
  now: Date,
): Promise<void> {
  const members = province.size.members;
  const batch = Math.min(10_000, count);
  for (let done = 0, n = 0; done < count; n++) {
    const size = Math.min(batch, count - done);
    const at = new Date(now.getTime() - 60_000).toISOString();
    const payloadId = await store.outbox.savePayload({ text: `Tin số ${n} gửi bà con` });
    await store.outbox.enqueue(
      Array.from({ length: size }, (_, i) => ({
        key: `broadcast:past-${n}:m-${i % members}`,
        purpose: `broadcast:past-${n}`,
        memberId: `m-${i % members}`,
        payloadId,
        notBefore: at,
      })),
      at,
    );
    const claimed = await store.outbox.claim({ now: at, limit: size, leaseMs: 600_000 });
    await Promise.all(
      claimed.map((item) =>
        store.outbox.finish(item.key, item.lease?.id ?? "", { state: "sent" }, at),
      ),
    );
    done += size;
  }
}

function unit(id: string, kind: Unit["kind"], name: string, parent?: string): Unit {
  return { id, kind, name, source: "cli", active: true, ...(parent ? { parent } : {}) };
}
