import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DamagedDataError } from "../../../src/store/damaged-data.js";
import { Collection } from "../../../src/store/lowdb/collection.js";
import { hashPartition } from "../../../src/store/lowdb/collection-layout.js";
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
async function reopened(dir: string, readLater = false): Promise<Collection<Household>> {
  const collection = new Collection<Household>(dir, layout);
  await collection.load({ readLater });
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

describe("a lowdb collection whose files are read later", () => {
  it("reads them at once when used before the later read", async () => {
    const households = await reopened(await storedHouseholds(), true);
    expect(
      households
        .find("hamlet", "nam-phong-2")
        .map((h) => h.id)
        .sort(),
    ).toEqual(["h1", "h2"]);
    expect(households.size).toBe(3);
  });

  it("holds every stored document once the later read is done", async () => {
    const households = await reopened(await storedHouseholds(), true);
    await households.readRest();
    expect(
      households
        .all()
        .map((h) => h.id)
        .sort(),
    ).toEqual(["h1", "h2", "h3"]);
  });

  it("keeps a change made while the later read is under way, in memory and on disk", async () => {
    const dir = await storedHouseholds();
    const households = await reopened(dir, true);
    const reading = households.readRest();
    await households.put({ id: "h1", hamlet: "nam-phong-2", members: ["Lan", "Tuấn"] });
    await reading;
    expect(households.get("h1")?.members).toEqual(["Lan", "Tuấn"]);
    expect(households.size).toBe(3);
    expect((await reopened(dir)).get("h1")?.members).toEqual(["Lan", "Tuấn"]);
  });

  it("reports a damaged file when it reads it", async () => {
    const dir = await storedHouseholds();
    const [file] = (await readdir(dir)).filter((f) => f.endsWith(".json"));
    await writeFile(join(dir, file ?? ""), '{"docs": {"h1": {"id": "h');
    const households = await reopened(dir, true);
    await expect(households.readRest()).rejects.toBeInstanceOf(DamagedDataError);
  });
});

describe("a lowdb collection's documents", () => {
  it("stay as put when the caller changes its own object afterwards, and cannot be changed by a reader", async () => {
    const households = new Collection<Household>(await tempDir(), layout);
    await households.load();
    const mine = { id: "h1", hamlet: "nam-phong-2", members: ["Lan", "Minh"] };
    await households.put(mine);
    mine.hamlet = "dong-tien";
    mine.members.push("Hoa");
    const stored = households.get("h1");
    expect(stored).toEqual({ id: "h1", hamlet: "nam-phong-2", members: ["Lan", "Minh"] });
    expect(households.find("hamlet", "nam-phong-2").map((h) => h.id)).toEqual(["h1"]);
    expect(Object.isFrozen(stored)).toBe(true);
    expect(Object.isFrozen(stored?.members)).toBe(true);
  });
});

describe("a lowdb collection with a change log, opened after a crash", () => {
  const logged = {
    ...layout,
    orders: {
      byFirstMember: {
        holds: (h: Household) => h.members.length > 0,
        compare: (a: Household, b: Household) =>
          (a.members[0] ?? "").localeCompare(b.members[0] ?? "") || a.id.localeCompare(b.id),
      },
    },
    changeLog: { checkpointEvery: 1000 },
  };

  it("keeps an order through one put that moves, drops and changes twice many of its documents", async () => {
    const households = new Collection<Household>(await tempDir(), logged);
    await households.load();
    const names = ["An", "Bình", "Chi", "Dũng", "Giang", "Hoa", "Khánh", "Lan", "Minh", "Nam"];
    await households.put(
      ...names.map((name, i) => ({ id: `h${i}`, hamlet: "nam-phong-2", members: [name] })),
    );
    await households.put(
      { id: "h0", hamlet: "nam-phong-2", members: [] },
      { id: "h1", hamlet: "nam-phong-2", members: [] },
      { id: "h9", hamlet: "nam-phong-2", members: ["Ánh"] },
      { id: "h4", hamlet: "nam-phong-2", members: ["Yến"] },
      { id: "h4", hamlet: "nam-phong-2", members: ["Ba"] },
      { id: "h7", hamlet: "dong-tien", members: ["Lan"] },
    );
    expect(households.inOrder("byFirstMember").map((h) => h.members[0])).toEqual([
      "Ánh",
      "Ba",
      "Chi",
      "Dũng",
      "Hoa",
      "Khánh",
      "Lan",
      "Minh",
    ]);
    expect(households.inOrder("byFirstMember").map((h) => h.id)).toEqual([
      "h9",
      "h4",
      "h2",
      "h3",
      "h5",
      "h6",
      "h7",
      "h8",
    ]);
  });

  it("finds, counts and orders what the log holds beyond the files, removals included", async () => {
    const dir = await tempDir();
    const first = new Collection<Household>(dir, logged);
    await first.load();
    await first.put(
      { id: "h1", hamlet: "nam-phong-2", members: ["Lan"] },
      { id: "h2", hamlet: "nam-phong-2", members: ["Minh"] },
      { id: "h3", hamlet: "dong-tien", members: ["Hoa"] },
    );
    await first.flush();
    // Only in the log from here: the files still hold the three above.
    await first.put({ id: "h1", hamlet: "dong-tien", members: ["Lan"] });
    await first.put({ id: "h4", hamlet: "nam-phong-2", members: ["Bình"] });
    await first.remove("h2");

    // Opened again without closing the first: what a start after `kill -9` sees.
    const households = new Collection<Household>(dir, logged);
    await households.load();
    expect(households.find("hamlet", "nam-phong-2").map((h) => h.id)).toEqual(["h4"]);
    expect(
      households
        .find("hamlet", "dong-tien")
        .map((h) => h.id)
        .sort(),
    ).toEqual(["h1", "h3"]);
    expect(households.size).toBe(3);
    expect(households.inOrder("byFirstMember").map((h) => h.id)).toEqual(["h4", "h3", "h1"]);
  });
});

describe("a lowdb collection whose documents move between files", () => {
  const byHamlet = { ...layout, partition: (h: Household) => h.hamlet };

  it("finds a household moved to another hamlet only under its new one, also after a reopen", async () => {
    const dir = await tempDir();
    const households = new Collection<Household>(dir, byHamlet);
    await households.load();
    await households.put({ id: "h1", hamlet: "dong-tien", members: ["Lan"] });
    expect(households.find("hamlet", "dong-tien").map((h) => h.id)).toEqual(["h1"]);

    await households.put({ id: "h1", hamlet: "nam-phong-2", members: ["Lan"] });
    expect(households.find("hamlet", "dong-tien")).toEqual([]);
    expect(households.find("hamlet", "nam-phong-2").map((h) => h.id)).toEqual(["h1"]);

    const again = new Collection<Household>(dir, byHamlet);
    await again.load();
    expect(again.find("hamlet", "dong-tien")).toEqual([]);
    expect(again.size).toBe(1);
  });
});
