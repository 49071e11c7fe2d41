import { describe, expect, it } from "vitest";
import type { Member } from "../../src/domain/member.js";
import type { Story } from "../../src/domain/story.js";
import {
  broadcasterCovers,
  homeArea,
  isInReadingArea,
  readingArea,
} from "../../src/domain/story-area.js";
import type { Unit } from "../../src/domain/unit.js";
import { UnitTree } from "../../src/domain/unit-tree.js";

const unit = (id: string, kind: Unit["kind"], parent?: string, successor?: string): Unit => ({
  id,
  kind,
  name: id,
  ...(parent ? { parent } : {}),
  ...(successor ? { successor } : {}),
  source: "data",
  active: true,
});

// Two old communes merged into one ward, and a third commune elsewhere.
const tree = new UnitTree([
  unit("city", "city"),
  unit("hung-dao", "commune", "city", "thuc-phan"),
  unit("hop-giang", "ward", "city", "thuc-phan"),
  unit("thuc-phan", "ward", "city"),
  unit("vinh-quang", "commune", "city", "nung-tri-cao"),
  unit("nung-tri-cao", "ward", "city"),
  unit("hung-dao.nam-phong-2", "hamlet", "hung-dao"),
  unit("hung-dao.da-quan", "hamlet", "hung-dao"),
  unit("vinh-quang.xom-1", "hamlet", "vinh-quang"),
]);

describe("the area a reader's /stories covers", () => {
  it("is the hamlet's commune, as it is after the merger, though named as the reader knows it", () => {
    expect(readingArea(tree, "hung-dao.da-quan")).toBe("thuc-phan");
    expect(homeArea(tree, "hung-dao.da-quan")).toBe("hung-dao");
    expect(readingArea(tree, "city")).toBe("city");
  });

  it("holds the stories of neighbouring hamlets and of the old ward merged with it", () => {
    expect(isInReadingArea(tree, "hung-dao.da-quan", "hung-dao.nam-phong-2")).toBe(true);
    expect(isInReadingArea(tree, "hop-giang", "hung-dao.nam-phong-2")).toBe(true);
  });

  it("holds a city-wide story for everyone, and not another commune's story", () => {
    expect(isInReadingArea(tree, "vinh-quang.xom-1", "city")).toBe(true);
    expect(isInReadingArea(tree, "vinh-quang.xom-1", "hung-dao.nam-phong-2")).toBe(false);
  });
});

describe("which nominations a broadcaster may take up", () => {
  const broadcaster: Member = {
    id: "b",
    name: "b",
    unitId: "hung-dao",
    orgIds: [],
    roles: [
      { role: "broadcaster", unitId: "hung-dao", orgIds: ["hoi-phu-nu"] },
      { role: "broadcaster", unitId: "city", orgIds: ["mttq", "hoi-phu-nu"] },
      { role: "official", unitId: "vinh-quang", orgIds: [] },
    ],
    locale: "vi",
    active: true,
    optedOut: false,
    identities: [],
    source: "cli",
    createdAt: "2026-01-01T00:00:00.000Z",
  };
  const story = (unitId: string) => ({ unitId }) as Story;

  it("those of units under one of their broadcaster grants", () => {
    const local = { ...broadcaster, roles: broadcaster.roles.slice(0, 1) };
    expect(broadcasterCovers(tree, local, story("hung-dao.nam-phong-2"))).toBe(true);
    expect(broadcasterCovers(tree, local, story("vinh-quang.xom-1"))).toBe(false);
    // The city-wide grant reaches another commune; an official's grant does not count.
    expect(broadcasterCovers(tree, broadcaster, story("vinh-quang.xom-1"))).toBe(true);
    const official = { ...broadcaster, roles: broadcaster.roles.slice(2) };
    expect(broadcasterCovers(tree, official, story("vinh-quang.xom-1"))).toBe(false);
  });
});
