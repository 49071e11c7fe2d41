import { describe, expect, it } from "vitest";
import { chooseRecipient } from "../../src/delivery/recipient.js";
import type { Member } from "../../src/domain/member.js";
import { openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { jsonOf, runCli } from "../support/cli.js";
import { tempDir } from "../support/processes.js";

const AT = "2026-11-20T00:00:00.000Z";
const MARK = { since: "2026-11-27T03:00:00.000Z", reason: "400: Bad Request: chat not found" };

/** A member on both platforms, each chat marked unreachable, Zalo's after three failing days. */
async function markedMember(): Promise<string> {
  const dir = await tempDir();
  const add = ["members", "add", "--name", "Nông Thị Hoa", "--unit", "hung-dao.nam-phong-2"];
  await runCli([...add, "--roles", "member"], { DATA_DIR: dir });
  const store = await openLowStore(dir);
  const member = (await store.members.get("m000001")) as Member;
  await store.members.save({
    ...member,
    identities: [
      {
        channel: "telegram",
        chatId: "111",
        boundAt: AT,
        lastSeenAt: AT,
        unreachable: { since: AT, reason: "blocked by the user" },
      },
      {
        channel: "zalo",
        chatId: "9007199254740993123",
        boundAt: AT,
        lastSeenAt: AT,
        unreachable: MARK,
        failureDays: ["2026-11-25", "2026-11-26", "2026-11-27"],
      },
    ],
  });
  await store.close();
  return dir;
}

async function stored(dir: string): Promise<Member | undefined> {
  const store = await openLowStore(dir);
  const member = await store.members.get("m000001");
  await store.close();
  return member;
}

describe("members reachable", () => {
  it("lifts the mark and the failure days on Zalo only; messages go to Zalo again", async () => {
    const dir = await markedMember();
    expect(chooseRecipient(await stored(dir), new Set(["telegram", "zalo"])).kind).toBe("none");
    const listed = await runCli(["members", "list"], { DATA_DIR: dir, DEFAULT_LOCALE: "en" });
    expect(listed.stdout).toContain("unreachable on telegram, zalo");

    const run = await runCli(["members", "reachable", "m000001", "--channel", "zalo"], {
      DATA_DIR: dir,
      DEFAULT_LOCALE: "en",
    });
    expect(run.code).toBe(0);
    expect(run.lines).toEqual([
      "Member m000001 (Nông Thị Hoa) is no longer marked unreachable on zalo; messages will go there again.",
      "Lifted the mark set on 27 Nov 2026 (reason: 400: Bad Request: chat not found).",
    ]);
    const member = await stored(dir);
    const [telegram, zalo] = member?.identities ?? [];
    expect(zalo).toEqual({
      channel: "zalo",
      chatId: "9007199254740993123",
      boundAt: AT,
      lastSeenAt: AT,
    });
    expect(telegram?.unreachable?.reason).toBe("blocked by the user");
    const choice = chooseRecipient(member, new Set(["telegram", "zalo"]));
    expect(choice.kind === "chat" && choice.identity.channel).toBe("zalo");
    const after = await runCli(["members", "list"], { DATA_DIR: dir, DEFAULT_LOCALE: "en" });
    expect(after.stdout).toContain("unreachable on telegram");
    expect(after.stdout).not.toContain("unreachable on telegram, zalo");
  });

  it("says so when there is nothing to lift, and gives the change with --json", async () => {
    const dir = await markedMember();
    const first = jsonOf<{ changed: boolean; cleared: unknown[] }>(
      await runCli(["members", "reachable", "m000001", "--channel", "Zalo", "--json"], {
        DATA_DIR: dir,
      }),
    );
    expect(first).toMatchObject({ changed: true, cleared: [MARK] });
    const again = await runCli(["members", "reachable", "m000001", "--channel", "zalo"], {
      DATA_DIR: dir,
    });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("đã như vậy rồi; không thay đổi gì");
  });

  it("refuses an unknown member, a platform they are not on, and an unknown platform", async () => {
    const dir = await tempDir();
    const add = ["members", "add", "--name", "Hoa", "--unit", "hung-dao.nam-phong-2"];
    await runCli([...add, "--roles", "member"], { DATA_DIR: dir });
    const env = { DATA_DIR: dir, DEFAULT_LOCALE: "en" };
    const unknown = await runCli(["members", "reachable", "m999", "--channel", "zalo"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('Unknown member "m999" (see members list).');
    const notBound = await runCli(["members", "reachable", "m000001", "--channel", "zalo"], env);
    expect(notBound.code).toBe(1);
    expect(notBound.stderr.trim()).toBe("Member m000001 has no zalo chat.");
    const sms = await runCli(["members", "reachable", "m000001", "--channel", "sms"], env);
    expect(sms.code).toBe(2);
    const help = await runCli(["members", "reachable", "--help"], env);
    expect(help.stdout).toContain("--channel");
    expect(help.stdout).toContain("3 separate days");
  });
});
