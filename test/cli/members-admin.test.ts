import { readFile, stat } from "node:fs/promises";
import { userInfo } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Member } from "../../src/domain/member.js";
import { openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { jsonOf, runCli } from "../support/cli.js";
import { tempDir } from "../support/processes.js";

/** A data folder with one member bound on both platforms and an open invite for them. */
async function boundMember(): Promise<{ dir: string; code: string }> {
  const dir = await tempDir();
  const add = ["members", "add", "--name", "Hoàng Văn Thắng", "--unit", "hung-dao.nam-phong-2"];
  await runCli([...add, "--roles", "hamlet_head", "--phone", "0912345678"], { DATA_DIR: dir });
  const { code } = jsonOf<{ code: string }>(
    await runCli(["invite", "create", "--member", "m000001", "--json"], { DATA_DIR: dir }),
  );
  const store = await openLowStore(dir);
  const member = (await store.members.get("m000001")) as Member;
  const at = "2026-11-29T00:00:00.000Z";
  await store.members.save({
    ...member,
    identities: [
      { channel: "telegram", chatId: "111", boundAt: at, lastSeenAt: at },
      { channel: "zalo", chatId: "9007199254740993123", boundAt: at, lastSeenAt: at },
    ],
  });
  await store.close();
  return { dir, code };
}

async function stored(dir: string) {
  const store = await openLowStore(dir);
  const member = await store.members.get("m000001");
  const invites = await store.invites.list();
  await store.close();
  return { member, invites };
}

describe("members deactivate, unbind and forget", () => {
  it("unbinds one platform's chat after a lost phone, keeping the other", async () => {
    const { dir } = await boundMember();
    const env = { DATA_DIR: dir, DEFAULT_LOCALE: "en" };
    const run = await runCli(["members", "unbind", "m000001", "--channel", "zalo"], env);
    expect(run.code).toBe(0);
    expect((await stored(dir)).member?.identities.map((i) => i.channel)).toEqual(["telegram"]);
    const again = await runCli(["members", "unbind", "m000001", "--channel", "zalo"], env);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe("Member m000001 has no zalo chat.");
    expect((await runCli(["members", "unbind", "m000001", "--channel", "sms"], env)).code).toBe(2);
  });

  it("deactivates a member, keeping everything else", async () => {
    const { dir } = await boundMember();
    const run = await runCli(["members", "deactivate", "m000001"], { DATA_DIR: dir });
    expect(run.code).toBe(0);
    const { member } = await stored(dir);
    expect(member).toMatchObject({ active: false, name: "Hoàng Văn Thắng", phone: "0912345678" });
  });

  it("forgets a member on request: no name, phone, chats or open invites; the record stays", async () => {
    const { dir, code } = await boundMember();
    const run = await runCli(["members", "forget", "m000001"], {
      DATA_DIR: dir,
      DEFAULT_LOCALE: "en",
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("their reports stay, anonymous");
    const { member, invites } = await stored(dir);
    expect(member).toMatchObject({ id: "m000001", unitId: "hung-dao.nam-phong-2", active: false });
    expect(member?.forgottenAt).toBeDefined();
    expect(member?.phone).toBeUndefined();
    expect(member?.identities).toEqual([]);
    expect(JSON.stringify(member)).not.toContain("Thắng");
    const invite = invites.find((i) => i.code === code);
    expect(invite?.revokedAt).toBeDefined();
    expect(JSON.stringify(invites)).not.toContain("Thắng");

    // Importing the same person again makes a new member rather than reviving the old one.
    const add = ["members", "add", "--name", "Hoàng Văn Thắng", "--unit", "hung-dao.nam-phong-2"];
    const readded = await runCli([...add, "--roles", "member", "--phone", "0912345678", "--json"], {
      DATA_DIR: dir,
    });
    expect(jsonOf<{ member: Member }>(readded).member.id).toBe("m000002");
  });
});

describe("the audit trail of personal data", () => {
  it("records who exported and who erased a member's data, and when, by member id only", async () => {
    const { dir } = await boundMember();
    const env = { DATA_DIR: dir, DEFAULT_LOCALE: "en" };
    expect((await runCli(["members", "export", "m000001"], env)).code).toBe(0);
    expect((await runCli(["members", "forget", "m000001"], env)).code).toBe(0);
    const run = await runCli(["audit", "list"], env);
    expect(run.code).toBe(0);
    const actor = `cli:${userInfo().username}`;
    const exported = run.lines.findIndex((line) =>
      new RegExp(`${actor} +personal data exported +member m000001`).test(line),
    );
    const erased = run.lines.findIndex((line) =>
      new RegExp(`${actor} +personal data erased +member m000001`).test(line),
    );
    expect(exported).toBeGreaterThan(-1);
    expect(erased).toBeGreaterThan(exported);
    expect(run.stdout).toContain("2 audit lines.");

    const { admin } = jsonOf<{ admin: Array<Record<string, string>> }>(
      await runCli(["audit", "list", "--json", "--member", "m000001"], env),
    );
    expect(admin.map((e) => [e.action, e.memberId, e.actor])).toEqual([
      ["member-exported", "m000001", actor],
      ["member-forgotten", "m000001", actor],
    ]);
    for (const entry of admin)
      expect(Object.keys(entry).sort()).toEqual(["action", "actor", "at", "id", "memberId"]);
    // The chat ids as values: an entry's random id may hold "111" among its hex digits.
    expect(JSON.stringify(admin)).not.toMatch(/Thắng|0912345678|"111"|9007199254740993123/);

    // Forgetting again changes nothing, and records nothing.
    await runCli(["members", "forget", "m000001"], env);
    expect((await runCli(["audit", "list"], env)).stdout).toContain("2 audit lines.");
  });
});

describe("roles grant and revoke", () => {
  it("exports everything kept about a member to a file only its owner can read", async () => {
    const { dir, code } = await boundMember();
    const file = join(await tempDir(), "m000001.json");
    const env = { DATA_DIR: dir };
    const run = await runCli(["members", "export", "m000001", "--out", file], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Đã ghi toàn bộ dữ liệu của thành viên m000001 vào ${file}`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const exported = JSON.parse(await readFile(file, "utf8"));
    expect(exported.member).toMatchObject({ name: "Hoàng Văn Thắng", phone: "0912345678" });
    expect(exported.member.identities.map((i: { channel: string }) => i.channel)).toEqual([
      "telegram",
      "zalo",
    ]);
    expect(exported.invites.map((i: { code: string }) => i.code)).toEqual([code]);
    expect(exported.reports).toEqual([]);

    const unknown = await runCli(["members", "export", "m000009"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('Không có thành viên "m000009" (xem members list).');
  });

  it("grants a role over a unit and organisations, then takes it away", async () => {
    const { dir } = await boundMember();
    const env = { DATA_DIR: dir, DEFAULT_LOCALE: "en" };
    const grant = await runCli(
      ["roles", "grant", "m000001", "broadcaster", "--unit", "thuc-phan", "--org", "hoi-nong-dan"],
      env,
    );
    expect(grant.code).toBe(0);
    expect((await stored(dir)).member?.roles).toEqual([
      { role: "hamlet_head", unitId: "hung-dao.nam-phong-2", orgIds: [] },
      { role: "broadcaster", unitId: "thuc-phan", orgIds: ["hoi-nong-dan"] },
    ]);
    // Roles read as words; the unit and organisations by the ids the commands take.
    expect(grant.stdout).toContain(
      "Member m000001 now also holds: broadcaster at thuc-phan (hoi-nong-dan).",
    );
    expect(grant.stdout).toContain(
      "Roles: Hamlet head at hung-dao.nam-phong-2, Broadcaster at thuc-phan (hoi-nong-dan)",
    );
    const listed = await runCli(["members", "list"], { DATA_DIR: dir });
    const row = listed.lines.find((line) => line.startsWith("m000001"));
    expect(row).toContain(
      "Trưởng xóm ở hung-dao.nam-phong-2, Cán bộ tuyên truyền ở thuc-phan (hoi-nong-dan)",
    );
    expect(row).not.toContain("hamlet_head");
    const twice = await runCli(
      ["roles", "grant", "m000001", "broadcaster", "--unit", "thuc-phan", "--org", "hoi-nong-dan"],
      env,
    );
    expect(twice.code).toBe(0);
    expect(twice.stdout).toContain("already holds this role");

    expect(
      (await runCli(["roles", "grant", "m000001", "official", "--unit", "atlantis"], env)).code,
    ).toBe(1);
    const ended = await runCli(
      ["roles", "grant", "m000001", "official", "--unit", "hung-dao"],
      env,
    );
    expect(ended.code).toBe(1);
    expect(ended.stderr).toContain(
      'The unit "hung-dao" is no longer an administrative unit; it is now part of Thục Phán ward: grant the role with --unit thuc-phan.',
    );
    expect((await runCli(["roles", "revoke", "m000001", "official"], env)).code).toBe(1);

    const revoke = await runCli(["roles", "revoke", "m000001", "hamlet_head"], env);
    expect(revoke.code).toBe(0);
    expect((await stored(dir)).member?.roles.map((g) => g.role)).toEqual(["broadcaster"]);
  });
});
