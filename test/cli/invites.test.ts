import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Invite } from "../../src/domain/invite.js";
import { INVITE_CODE_ALPHABET } from "../../src/domain/invite-code.js";
import { openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { jsonOf, runCli } from "../support/cli.js";
import { tempDir } from "../support/processes.js";

const CODE = new RegExp(`^[${INVITE_CODE_ALPHABET}]{6}$`);
const DAY = 24 * 60 * 60 * 1000;

async function storedInvites(dir: string): Promise<Invite[]> {
  const store = await openLowStore(dir);
  const invites = await store.invites.list();
  await store.close();
  return invites;
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("invite create", () => {
  it("prints a code and its Telegram deep link when the bot's username is set", async () => {
    const dir = await tempDir();
    const env = { DATA_DIR: dir, DEFAULT_LOCALE: "en", TELEGRAM_BOT_USERNAME: "@chungsuc_bot" };
    const run = await runCli(
      [
        "invite",
        "create",
        "--role",
        "hamlet_head",
        "--unit",
        "hung-dao.nam-phong-2",
        "--name",
        "Hoàng Văn Thắng",
      ],
      env,
    );
    expect(run.code).toBe(0);
    const code = /Invite code: (\S+)/.exec(run.stdout)?.[1] ?? "";
    expect(code).toMatch(CODE);
    expect(run.stdout).toContain(`Telegram link: https://t.me/chungsuc_bot?start=${code}`);
    const [invite] = await storedInvites(dir);
    expect(invite).toMatchObject({
      code,
      roles: ["hamlet_head"],
      unitId: "hung-dao.nam-phong-2",
      name: "Hoàng Văn Thắng",
      locale: "en",
    });
    expect(Date.parse(invite?.expiresAt ?? "") - Date.parse(invite?.createdAt ?? "")).toBe(
      14 * DAY,
    );
  });

  it("gives {code, telegramLink, expiresAt} with --json; the link is null with no username or token", async () => {
    const dir = await tempDir();
    const run = await runCli(
      [
        "invite",
        "create",
        "--role",
        "member",
        "--unit",
        "thuc-phan",
        "--org",
        "hoi-phu-nu",
        "--days",
        "3",
        "--json",
      ],
      { DATA_DIR: dir },
    );
    expect(run.code).toBe(0);
    const printed = jsonOf<{ code: string; telegramLink: string | null; expiresAt: string }>(run);
    expect(Object.keys(printed).sort()).toEqual(["code", "expiresAt", "telegramLink", "zaloLink"]);
    expect(printed.telegramLink).toBeNull();
    expect(printed.code).toMatch(CODE);
    const [invite] = await storedInvites(dir);
    expect(invite?.orgIds).toEqual(["hoi-phu-nu"]);
    expect(invite?.expiresAt).toBe(printed.expiresAt);
    expect(Date.parse(printed.expiresAt) - Date.parse(invite?.createdAt ?? "")).toBe(3 * DAY);
  });

  it("keeps --salutation with the invite, and refuses one that is not a salutation", async () => {
    const dir = await tempDir();
    const base = ["invite", "create", "--role", "hamlet_head", "--unit", "hung-dao.da-quan"];
    const named = [...base, "--name", "Lương Văn Tình"];
    expect(
      (await runCli([...named, "--salutation", "Bác", "--json"], { DATA_DIR: dir })).code,
    ).toBe(0);
    const [invite] = await storedInvites(dir);
    expect(invite?.salutation).toBe("bác");
    const wrong = await runCli([...named, "--salutation", "cụ"], { DATA_DIR: dir });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain(
      '"cụ" không phải là cách xưng hô: hãy dùng anh, chị, ông, bà, bác hoặc em',
    );
    expect(await storedInvites(dir)).toHaveLength(1);
  });

  it("asks Telegram's getMe for the username when only a token is set, and warns when it cannot", async () => {
    const asked: string[] = [];
    const server = createServer((request, response) => {
      asked.push(request.url ?? "");
      response.setHeader("content-type", "application/json");
      response.end(
        JSON.stringify({ ok: true, result: { id: 123, is_bot: true, username: "cb_test_bot" } }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const env = {
        DATA_DIR: await tempDir(),
        DEFAULT_LOCALE: "en",
        TELEGRAM_BOT_TOKEN: "123:abc",
      };
      const args = ["invite", "create", "--role", "member", "--unit", "thuc-phan", "--json"];
      const found = jsonOf<{ code: string; telegramLink: string }>(
        await runCli(args, { ...env, TELEGRAM_API_ROOT: root }),
      );
      expect(found.telegramLink).toBe(`https://t.me/cb_test_bot?start=${found.code}`);
      expect(asked).toEqual(["/bot123:abc/getMe"]);

      // Nothing listens on the closed server's port: the invite is still made, without a link.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const failed = await runCli(args, { ...env, TELEGRAM_API_ROOT: root });
      expect(failed.code).toBe(0);
      expect(jsonOf<{ telegramLink: string | null }>(failed).telegramLink).toBeNull();
      expect(failed.stderr).toContain("could not ask Telegram for the bot's username");
      expect(failed.stderr).not.toContain("123:abc");
    } finally {
      server.close();
    }
  });

  it("writes a printable invite card with --qr", async () => {
    const dir = await tempDir();
    const card = join(await tempDir(), "card.png");
    const run = await runCli(
      ["invite", "create", "--role", "member", "--unit", "thuc-phan", "--qr", card, "--json"],
      { DATA_DIR: dir, TELEGRAM_BOT_USERNAME: "chungsuc_bot" },
    );
    expect(run.code).toBe(0);
    const { width, height } = pngSize(await readFile(card));
    expect(width).toBe(900);
    expect(height).toBeGreaterThan(width);
    expect((await stat(card)).size).toBeGreaterThan(10_000);
  });

  it("refuses an unknown unit, organisation, role or member, making no invite", async () => {
    const dir = await tempDir();
    const env = { DATA_DIR: dir, DEFAULT_LOCALE: "en" };
    const cases: Array<[string[], string]> = [
      [["--role", "member", "--unit", "atlantis"], 'Unknown unit "atlantis" (see units list)'],
      [
        ["--role", "member", "--unit", "thuc-phan", "--org", "guild"],
        'Unknown organisation "guild" (see orgs list)',
      ],
      [["--role", "mayor", "--unit", "thuc-phan"], 'Unknown role "mayor"'],
      [["--member", "m999999"], 'Unknown member "m999999" (see members list)'],
      [["--unit", "thuc-phan"], "Give at least one --role (or --member)"],
      [
        ["--role", "official", "--unit", "hung-dao"],
        "Hưng Đạo commune (hung-dao) no longer exists; it is now part of Thục Phán ward: invite into --unit thuc-phan",
      ],
    ];
    for (const [args, reason] of cases) {
      const run = await runCli(["invite", "create", ...args], env);
      expect(run.code, args.join(" ")).toBe(1);
      expect(run.stderr).toContain(reason);
    }
    expect(await storedInvites(dir)).toEqual([]);
  });

  it("binds a known member's second chat with --member", async () => {
    const dir = await tempDir();
    const env = { DATA_DIR: dir };
    await runCli(
      [
        "members",
        "add",
        "--name",
        "Đàm Văn Nam",
        "--unit",
        "hung-dao.da-quan",
        "--roles",
        "hamlet_head",
        "--lang",
        "en",
      ],
      env,
    );
    const run = await runCli(["invite", "create", "--member", "m000001", "--json"], env);
    expect(run.code).toBe(0);
    const [invite] = await storedInvites(dir);
    expect(invite).toMatchObject({
      memberId: "m000001",
      roles: [],
      unitId: "hung-dao.da-quan",
      locale: "en",
    });
  });
});

describe("invite batch and revoke", () => {
  it("makes no code when a file cannot be written where asked, and prints sheets named after people", async () => {
    const dir = await tempDir();
    const out = await tempDir();
    const file = join(out, "people.csv");
    await writeFile(
      file,
      "name,unit,roles\nHoàng Văn Thắng,hung-dao.nam-phong-2,hamlet_head\nNông Thị Lan,hung-dao.nam-phong-1,member\n",
    );
    const env = {
      DATA_DIR: dir,
      ZALO_BOT_LINK: "https://zalo.me/s/1234567890/",
      ISSUER_NAME: "Ủy ban MTTQ xã Hưng Đạo",
      ISSUER_PHONE: "0206 3852 123",
    };
    const missing = await runCli(
      ["invite", "batch", file, "--sheet", join(out, "no-such-folder", "cards.pdf")],
      env,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Chưa tạo mã mời nào.");
    expect(await storedInvites(dir)).toEqual([]);

    const run = await runCli(
      [
        "invite",
        "batch",
        file,
        "--out",
        join(out, "codes.csv"),
        "--qr-dir",
        join(out, "cards"),
        "--sheet",
        join(out, "sheet.pdf"),
        "--json",
      ],
      env,
    );
    expect(run.code).toBe(0);
    const { invites, files } = jsonOf<{ invites: Array<{ code: string }>; files: string[] }>(run);
    expect(invites).toHaveLength(2);
    const cards = (await readdir(join(out, "cards"))).sort();
    expect(cards).toEqual(
      [`hoang-van-thang-${invites[0]?.code}.png`, `nong-thi-lan-${invites[1]?.code}.png`].sort(),
    );
    expect(files).toContain(join(out, "sheet.pdf"));
    expect((await readFile(join(out, "sheet.pdf"))).subarray(0, 5).toString("latin1")).toBe(
      "%PDF-",
    );
  }, 60_000);

  it("makes one invite per row as CSV, binding rows that match known members", async () => {
    const dir = await tempDir();
    const env = { DATA_DIR: dir, TELEGRAM_BOT_USERNAME: "chungsuc_bot" };
    await runCli(
      [
        "members",
        "add",
        "--name",
        "Hoàng Văn Thắng",
        "--unit",
        "hung-dao.nam-phong-2",
        "--roles",
        "hamlet_head",
      ],
      env,
    );
    const file = join(await tempDir(), "people.csv");
    await writeFile(
      file,
      "name,unit,roles,orgs\nHoàng Văn Thắng,hung-dao.nam-phong-2,,\nNông Thị Lan,hung-dao.nam-phong-2,member;broadcaster,hoi-phu-nu\n",
    );
    const run = await runCli(["invite", "batch", file], env);
    expect(run.code).toBe(0);
    const [header, ...rows] = run.lines;
    expect(header).toBe("row,name,unit,member,code,telegramLink,expires,expiresAt");
    expect(rows).toHaveLength(2);
    const cells = rows.map((row) => row.split(","));
    expect(cells[0]?.slice(0, 4)).toEqual([
      "2",
      "Hoàng Văn Thắng",
      "hung-dao.nam-phong-2",
      "m000001",
    ]);
    expect(cells[1]?.[3]).toBe("");
    expect(cells[1]?.[5]).toBe(`https://t.me/chungsuc_bot?start=${cells[1]?.[4]}`);
    const invites = await storedInvites(dir);
    expect(invites.find((i) => i.code === cells[1]?.[4])).toMatchObject({
      roles: ["member", "broadcaster"],
      orgIds: ["hoi-phu-nu"],
      name: "Nông Thị Lan",
    });
  });

  it("makes no invite when one row is bad", async () => {
    const dir = await tempDir();
    const file = join(await tempDir(), "people.csv");
    await writeFile(file, "name,unit\nA,hung-dao\nB,nowhere\n");
    const run = await runCli(["invite", "batch", file], { DATA_DIR: dir, DEFAULT_LOCALE: "en" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('row 3, column unit: unknown unit "nowhere"');
    expect(await storedInvites(dir)).toEqual([]);
  });

  it("revokes an unused code, typed in any case", async () => {
    const dir = await tempDir();
    const env = { DATA_DIR: dir, DEFAULT_LOCALE: "en" };
    const { code } = jsonOf<{ code: string }>(
      await runCli(["invite", "create", "--role", "member", "--unit", "thuc-phan", "--json"], env),
    );
    const run = await runCli(["invite", "revoke", code.toLowerCase()], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Invite ${code} is revoked.`);
    expect((await storedInvites(dir))[0]?.revokedAt).toBeDefined();
    const unknown = await runCli(["invite", "revoke", "XXXXXX"], env);
    expect(unknown.code).toBe(1);
  });
});
