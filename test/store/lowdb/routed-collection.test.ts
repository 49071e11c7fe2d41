import { readdir, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DamagedDataError } from "../../../src/store/damaged-data.js";
import { Collection } from "../../../src/store/lowdb/collection.js";
import { hashPartition, hashPartitionOf } from "../../../src/store/lowdb/collection-layout.js";
import { tempDir } from "../../support/processes.js";

/** A member with the chats they write from; as members, found by chat before all are read. */
interface Person {
  id: string;
  name: string;
  chats: string[];
}

const FILES = 4;
const layout = {
  id: (p: Person) => p.id,
  partition: hashPartition<Person>(FILES, (p) => p.id),
  indexes: { chat: (p: Person) => p.chats, name: (p: Person) => [p.name] },
  routes: { index: "chat", partitionOfId: (id: string) => hashPartitionOf(FILES, id) },
  changeLog: { checkpointEvery: 1000 },
};

/** Twelve people over the four files, each on a chat of their own, and two sharing one. */
const PEOPLE: Person[] = [
  ...Array.from({ length: 12 }, (_, i) => ({ id: `p${i}`, name: `Người ${i}`, chats: [`c${i}`] })),
  { id: "mai", name: "Lò Thị Mai", chats: ["shared"] },
  { id: "thang", name: "Hoàng Văn Thắng", chats: ["shared"] },
];

async function stored(people: Person[] = PEOPLE): Promise<string> {
  const dir = await tempDir();
  const first = new Collection<Person>(dir, layout);
  await first.load();
  await first.put(...people);
  await first.flush();
  return dir;
}

async function opened(dir: string): Promise<Collection<Person>> {
  const collection = new Collection<Person>(dir, layout);
  await collection.load();
  return collection;
}

const fileOf = (dir: string, id: string) => join(dir, `${hashPartitionOf(FILES, id)}.json`);
const ids = (people: readonly Person[]) => people.map((p) => p.id).sort();

describe("a lowdb collection with keys kept beside its files, at start", () => {
  it("finds people by chat and by id before the rest is read, and holds everyone after", async () => {
    const people = await opened(await stored());
    expect(people.get("p3")?.name).toBe("Người 3");
    expect(ids(people.find("chat", "c7"))).toEqual(["p7"]);
    expect(people.find("chat", "stranger")).toEqual([]);
    await people.readRest();
    expect(people.size).toBe(PEOPLE.length);
    expect(ids(people.find("name", "Người 11"))).toEqual(["p11"]);
  });

  it("finds everyone on a shared chat, also when they are kept in different files", async () => {
    expect(hashPartitionOf(FILES, "mai")).not.toBe(hashPartitionOf(FILES, "thang"));
    const people = await opened(await stored());
    expect(ids(people.find("chat", "shared"))).toEqual(["mai", "thang"]);
  });

  it("does not read a file at open that no lookup needs: a damaged one is told when it is read", async () => {
    const dir = await stored();
    const damaged = fileOf(dir, "p1");
    // The same size and time as the file its keys were taken from, so they still vouch for it.
    const { size, atime, mtime } = await stat(damaged);
    await writeFile(damaged, "x".repeat(size));
    await utimes(damaged, atime, mtime);
    const people = await opened(dir);
    const elsewhere = PEOPLE.find(
      (p) => hashPartitionOf(FILES, p.id) !== hashPartitionOf(FILES, "p1"),
    );
    expect(people.find("chat", elsewhere?.chats[0] ?? "")).toHaveLength(1);
    expect(() => people.find("chat", "c1")).toThrow(DamagedDataError);
    // Never taken for an empty file, nor written over.
    expect(() => people.get("p1")).toThrow(DamagedDataError);
    expect(() => people.put({ id: "p1", name: "Người 1", chats: [] })).toThrow(DamagedDataError);
    await expect(people.readRest()).rejects.toBeInstanceOf(DamagedDataError);
  });

  it("reads at open a file changed since its keys were taken", async () => {
    const dir = await stored();
    // A file written by hand (or copied without its times): its keys no longer vouch for it.
    const changed = fileOf(dir, "p2");
    await writeFile(
      changed,
      JSON.stringify({ docs: { p2: { id: "p2", name: "Người 2", chats: ["new-chat"] } } }),
    );
    const people = await opened(dir);
    expect(ids(people.find("chat", "new-chat"))).toEqual(["p2"]);
  });

  it("keeps a change made before the rest is read, beside the others of its file", async () => {
    const dir = await stored();
    const people = await opened(dir);
    await people.put({ id: "p5", name: "Người 5", chats: ["c5", "zalo-5"] });
    await people.put({ id: "new", name: "Người mới", chats: ["c-new"] });
    expect(ids(people.find("chat", "zalo-5"))).toEqual(["p5"]);
    await people.flush();

    const again = await opened(dir);
    expect(ids(again.find("chat", "zalo-5"))).toEqual(["p5"]);
    expect(ids(again.find("chat", "c-new"))).toEqual(["new"]);
    await again.readRest();
    expect(again.size).toBe(PEOPLE.length + 1);
  });

  it("finds a person by the chat they moved to, and not by the one they left, after a restart", async () => {
    const dir = await stored();
    const people = await opened(dir);
    await people.readRest();
    await people.put({ id: "p6", name: "Người 6", chats: ["c6-new"] });
    await people.remove("p8");
    await people.flush();

    const again = await opened(dir);
    expect(ids(again.find("chat", "c6-new"))).toEqual(["p6"]);
    expect(again.find("chat", "c6")).toEqual([]);
    expect(again.find("chat", "c8")).toEqual([]);
    expect(again.get("p8")).toBeUndefined();
  });

  it("writes its keys files once, and not again when nothing changed", async () => {
    const dir = await stored();
    const keysFiles = async () =>
      Promise.all(
        (await readdir(dir))
          .filter((f) => f.endsWith(".keys"))
          .map(async (f) => [f, (await stat(join(dir, f))).mtimeMs] as const),
      );
    const before = await keysFiles();
    expect(before).toHaveLength(FILES);
    const people = await opened(dir);
    await people.readRest();
    await people.flush();
    expect(await keysFiles()).toEqual(before);
  });
});
