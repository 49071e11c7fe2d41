import { describe, expect, it } from "vitest";
import { openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { jsonOf, runCli } from "../support/cli.js";
import { compiled, startNode, tempDir } from "../support/processes.js";

describe("the CLI beside a running bot", () => {
  it("hands its writes to the process that owns the data folder", async () => {
    const dir = await tempDir();
    // Initialise the folder (reference data) as a first command would.
    expect((await runCli(["units", "list"], { DATA_DIR: dir })).code).toBe(0);

    const owner = startNode(compiled("src/testing/store-writer.js"), [
      dir,
      "owner",
      "x",
      "1",
      "5000",
    ]);
    await owner.waitForLine((line) => line === "done");

    const run = await runCli(
      ["invite", "create", "--role", "member", "--unit", "thuc-phan", "--json"],
      {
        DATA_DIR: dir,
      },
    );
    expect(run.code).toBe(0);
    const { code } = jsonOf<{ code: string }>(run);
    // The command finished while the owner still held the folder: it went through the owner.
    expect(owner.child.exitCode).toBeNull();

    expect(await owner.exited).toBe(0);
    const store = await openLowStore(dir);
    const invite = await store.invites.get(code);
    const member = await store.members.get("x-0");
    await store.close();
    expect(invite).toMatchObject({ code, roles: ["member"], unitId: "thuc-phan" });
    expect(member).toBeDefined();
  });

  it("refuses to restore while the bot runs", async () => {
    const source = await tempDir();
    await runCli(["units", "list"], { DATA_DIR: source });
    const file = `${source}/snapshot.json`;
    expect((await runCli(["backup", "--out", file], { DATA_DIR: source })).code).toBe(0);

    const dir = await tempDir();
    const owner = startNode(compiled("src/testing/store-writer.js"), [
      dir,
      "owner",
      "x",
      "0",
      "3000",
    ]);
    await owner.waitForLine((line) => line === "done");
    const run = await runCli(["restore", file], { DATA_DIR: dir, DEFAULT_LOCALE: "en" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("The bot is running");
    await owner.exited;
  });
});
