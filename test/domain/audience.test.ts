import { describe, expect, it } from "vitest";
import {
  approverCovers,
  areasWithinScope,
  audienceFor,
  endedArea,
  grantFor,
  withinBroadcasterScope,
} from "../../src/domain/audience.js";
import type { Member } from "../../src/domain/member.js";
import type { RoleGrant } from "../../src/domain/role.js";
import { UnitTree } from "../../src/domain/unit-tree.js";
import { loadReferenceData } from "../../src/reference/loader.js";

const tree = new UnitTree(loadReferenceData().units);

function member(id: string, over: Partial<Member> = {}): Member {
  return {
    id,
    name: id,
    unitId: "hung-dao.nam-phong-2",
    orgIds: ["hoi-phu-nu"],
    roles: [{ role: "member", unitId: "hung-dao.nam-phong-2", orgIds: ["hoi-phu-nu"] }],
    locale: "vi",
    active: true,
    optedOut: false,
    identities: [
      { channel: "telegram", chatId: id, boundAt: "2026-01-01", lastSeenAt: "2026-01-01" },
    ],
    source: "cli",
    createdAt: "2026-01-01T00:00:00Z",
    ...over,
  };
}

const womenOfHungDao: RoleGrant = {
  role: "broadcaster",
  unitId: "hung-dao",
  orgIds: ["hoi-phu-nu"],
};

describe("who a broadcast reaches", () => {
  it("takes the organisation, the area and the role together, and nobody inactive", () => {
    const members = [
      member("hoa"),
      member("farmer", { orgIds: ["hoi-nong-dan"] }),
      member("elsewhere", { unitId: "vinh-quang" }),
      member("gone", { active: false }),
      member("both", { orgIds: ["hoi-nong-dan", "hoi-phu-nu"] }),
      member("head", {
        roles: [{ role: "hamlet_head", unitId: "hung-dao.da-quan", orgIds: [] }],
        unitId: "hung-dao.da-quan",
      }),
    ];
    const all = audienceFor(
      members,
      { orgIds: ["hoi-phu-nu"], areaIds: ["hung-dao"], roles: [] },
      tree,
    );
    expect(all.recipients.map((m) => m.id)).toEqual(["hoa", "both", "head"]);
    const heads = audienceFor(
      members,
      { orgIds: ["hoi-phu-nu"], areaIds: ["hung-dao"], roles: ["hamlet_head"] },
      tree,
    );
    expect(heads.recipients.map((m) => m.id)).toEqual(["head"]);
    const oneHamlet = audienceFor(
      members,
      { orgIds: ["hoi-phu-nu"], areaIds: ["hung-dao.da-quan"], roles: [] },
      tree,
    );
    expect(oneHamlet.recipients.map((m) => m.id)).toEqual(["head"]);
  });

  it("reaches everyone in the area, whatever their organisations, when drawn from everyone; a broadcast stored without a pool still means the members", () => {
    const members = [
      member("hoa"),
      member("farmer", { orgIds: ["hoi-nong-dan"] }),
      member("head", {
        orgIds: [],
        roles: [{ role: "hamlet_head", unitId: "hung-dao.da-quan", orgIds: [] }],
        unitId: "hung-dao.da-quan",
      }),
      member("official", {
        orgIds: [],
        roles: [{ role: "official", unitId: "hung-dao", orgIds: [] }],
        unitId: "hung-dao",
      }),
      member("elsewhere", { orgIds: [], unitId: "vinh-quang" }),
    ];
    const reached = (audience: Parameters<typeof audienceFor>[1]) =>
      audienceFor(members, audience, tree).recipients.map((m) => m.id);
    const area = { orgIds: ["mttq"], areaIds: ["hung-dao"] };
    expect(reached({ ...area, roles: [], among: "everyone" })).toEqual([
      "hoa",
      "farmer",
      "head",
      "official",
    ]);
    expect(reached({ ...area, roles: ["hamlet_head"], among: "everyone" })).toEqual(["head"]);
    // As stored before whole-area audiences: the Front's own members only (none here).
    expect(reached({ ...area, roles: [] })).toEqual([]);
    expect(reached({ orgIds: ["hoi-nong-dan"], areaIds: ["hung-dao"], roles: [] })).toEqual([
      "farmer",
    ]);
  });

  it("counts opted-out and unreachable members apart, and each recipient once on the chat used last", () => {
    const twoChats = member("two", {
      identities: [
        { channel: "telegram", chatId: "1", boundAt: "2026-01-01", lastSeenAt: "2026-02-01" },
        { channel: "zalo", chatId: "z1", boundAt: "2026-01-01", lastSeenAt: "2026-03-01" },
      ],
    });
    const blocked = member("blocked", {
      identities: [
        {
          channel: "telegram",
          chatId: "2",
          boundAt: "2026-01-01",
          lastSeenAt: "2026-01-01",
          unreachable: { since: "2026-02-01", reason: "403" },
        },
      ],
    });
    const selection = audienceFor(
      [twoChats, blocked, member("never", { identities: [] }), member("stop", { optedOut: true })],
      { orgIds: ["hoi-phu-nu"], areaIds: ["hung-dao"], roles: [] },
      tree,
    );
    expect(selection.recipients.map((m) => m.id)).toEqual(["two"]);
    expect(selection.byChannel).toEqual(new Map([["zalo", 1]]));
    expect(selection.optedOut.map((m) => m.id)).toEqual(["stop"]);
    expect(selection.unreachable.map((m) => m.id)).toEqual(["blocked", "never"]);
  });
});

describe("a broadcaster's scope", () => {
  it("lets Hội Phụ nữ of Hưng Đạo reach its commune and hamlets, nothing else", () => {
    const grants = [womenOfHungDao];
    const ok = { orgIds: ["hoi-phu-nu"], areaIds: ["hung-dao.nam-phong-2"], roles: [] };
    expect(withinBroadcasterScope(grants, ok, tree)).toBe(true);
    expect(withinBroadcasterScope(grants, { ...ok, areaIds: ["vinh-quang"] }, tree)).toBe(false);
    expect(withinBroadcasterScope(grants, { ...ok, areaIds: ["cao-bang"] }, tree)).toBe(false);
    expect(withinBroadcasterScope(grants, { ...ok, orgIds: ["hoi-nong-dan"] }, tree)).toBe(false);
    expect(
      withinBroadcasterScope(grants, { ...ok, orgIds: ["hoi-phu-nu", "hoi-nong-dan"] }, tree),
    ).toBe(false);
    expect(withinBroadcasterScope(grants, { ...ok, areaIds: ["no-such-unit"] }, tree)).toBe(false);
    expect(withinBroadcasterScope(grants, { ...ok, areaIds: [] }, tree)).toBe(false);
  });

  it("offers as areas only units every chosen organisation reaches", () => {
    const grants: RoleGrant[] = [
      womenOfHungDao,
      { role: "broadcaster", unitId: "cao-bang", orgIds: ["hoi-nong-dan"] },
    ];
    // Before the 2025 merger, as the grants were made.
    const before = "2025-05-01";
    const women = areasWithinScope(grants, ["hoi-phu-nu"], tree, before).map((u) => u.id);
    expect(women).toContain("hung-dao");
    expect(women).toContain("hung-dao.da-quan");
    expect(women).not.toContain("vinh-quang");
    const both = areasWithinScope(grants, ["hoi-phu-nu", "hoi-nong-dan"], tree, before).map(
      (u) => u.id,
    );
    expect(both).toEqual(women);
    expect(areasWithinScope(grants, ["hoi-nong-dan"], tree, before).map((u) => u.id)).toContain(
      "vinh-quang",
    );
    // The narrowest grant names the sender.
    expect(grantFor(grants, "hoi-phu-nu", "hung-dao.da-quan", tree)?.unitId).toBe("hung-dao");
  });

  it("offers no unit that has ended by today, only those in force with today's names", () => {
    const grants: RoleGrant[] = [
      womenOfHungDao,
      { role: "broadcaster", unitId: "tinh-cao-bang", orgIds: ["mttq"] },
    ];
    const today = "2026-12-02";
    const women = areasWithinScope(grants, ["hoi-phu-nu"], tree, today).map((u) => u.id);
    expect(women).not.toContain("hung-dao");
    expect(women).toContain("hung-dao.da-quan");
    const front = areasWithinScope(grants, ["mttq"], tree, today).map((u) => u.id);
    expect(front).toEqual(expect.arrayContaining(["tinh-cao-bang", "thuc-phan", "tan-giang"]));
    for (const ended of ["cao-bang", "hung-dao", "vinh-quang", "song-hien"]) {
      expect(front).not.toContain(ended);
    }
  });

  it("names the successor of an ended area an audience still names", () => {
    const audience = { areaIds: ["thuc-phan", "hung-dao"] };
    const ended = endedArea(audience, tree, "2026-12-02");
    expect(ended?.area.id).toBe("hung-dao");
    expect(ended?.successor.id).toBe("thuc-phan");
    expect(endedArea(audience, tree, "2025-06-30")).toBeUndefined();
    expect(endedArea({ areaIds: ["hung-dao.da-quan"] }, tree, "2026-12-02")).toBeUndefined();
  });

  it("lets an approver approve only what their unit, and their organisations if named, cover", () => {
    const approver = member("ap", {
      roles: [{ role: "approver", unitId: "hung-dao", orgIds: [] }],
    });
    const audience = { orgIds: ["hoi-phu-nu"], areaIds: ["hung-dao.da-quan"], roles: [] };
    expect(approverCovers(approver, audience, tree)).toBe(true);
    expect(approverCovers(approver, { ...audience, areaIds: ["cao-bang"] }, tree)).toBe(false);
    const farmersOnly = member("ap2", {
      roles: [{ role: "approver", unitId: "cao-bang", orgIds: ["hoi-nong-dan"] }],
    });
    expect(approverCovers(farmersOnly, audience, tree)).toBe(false);
    expect(approverCovers(member("plain"), audience, tree)).toBe(false);
  });
});
