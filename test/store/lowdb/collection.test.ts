import { describe, expect, it } from "vitest";
import { Collection, hashPartition } from "../../../src/store/lowdb/collection.js";
import { tempDir } from "../../support/processes.js";

interface Household {
  id: string;
  hamlet: string;
  members: string[];
}

const layout = {
  id: (h: Household) => h.id,
  partition: hashPartition<Household>(4, (h) => h.id),
  indexes: { hamlet: (h: Household) => [h.hamlet] },
};

/** A collection opened on what an earlier opening stored: it is indexed on first use. */
async function reopened(dir: string): Promise<Collection<Household>> {
  const collection = new Collection<Household>(dir, layout);
  await collection.load();
  return collection;
}

async function storedHouseholds(): Promise<string> {
  const dir = await tempDir();
  const first = new Collection<Household>(dir, layout);
  await first.put(
    { id: "h1", hamlet: "nam-phong-2", members: ["Lan"] },
    { id: "h2", hamlet: "nam-phong-2", members: ["Minh"] },
    { id: "h3", hamlet: "dong-tien", members: ["Hoa"] },
  );
  return dir;
}

describe("a lowdb collection opened on stored documents", () => {
  it("finds them by index as its first use", async () => {
    const households = await reopened(await storedHouseholds());
    const found = households.find("hamlet", "nam-phong-2").map((h) => h.id);
    expect(found.sort()).toEqual(["h1", "h2"]);
  });

  it("gets one by id and counts them as its first use", async () => {
    expect((await reopened(await storedHouseholds())).get("h3")?.members).toEqual(["Hoa"]);
    expect((await reopened(await storedHouseholds())).size).toBe(3);
  });

  it("replaces a stored document as its first use, leaving no stale index entry", async () => {
    const households = await reopened(await storedHouseholds());
    await households.put({ id: "h1", hamlet: "dong-tien", members: ["Lan"] });
    expect(households.find("hamlet", "nam-phong-2").map((h) => h.id)).toEqual(["h2"]);
    expect(households.find("hamlet", "dong-tien").length).toBe(2);
    expect(households.size).toBe(3);
  });

  it("removes a stored document as its first use", async () => {
    const households = await reopened(await storedHouseholds());
    await households.remove("h2");
    expect(
      households
        .all()
        .map((h) => h.id)
        .sort(),
    ).toEqual(["h1", "h3"]);
    expect(households.find("hamlet", "nam-phong-2").map((h) => h.id)).toEqual(["h1"]);
  });

  it("finds by an index both what was stored before its first lookup and what after", async () => {
    const households = await reopened(await storedHouseholds());
    await households.put({ id: "h4", hamlet: "dong-tien", members: ["Tuấn"] });
    expect(
      households
        .find("hamlet", "dong-tien")
        .map((h) => h.id)
        .sort(),
    ).toEqual(["h3", "h4"]);
    await households.put({ id: "h5", hamlet: "dong-tien", members: ["Mai"] });
    expect(households.find("hamlet", "dong-tien").length).toBe(3);
  });

  it("hands out documents a reader cannot change", async () => {
    const households = await reopened(await storedHouseholds());
    const [household] = households.all();
    expect(() => household?.members.push("Tuấn")).toThrow(TypeError);
    expect(households.get(household?.id ?? "")?.members.length).toBe(1);
    const [found] = households.find("hamlet", "dong-tien");
    expect(() => found?.members.push("Tuấn")).toThrow(TypeError);
  });
});
