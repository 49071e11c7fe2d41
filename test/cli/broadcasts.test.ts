import { describe, expect, it } from "vitest";
import { openDataDir } from "../../src/bootstrap.js";
import { CHANNEL_ADAPTERS } from "../../src/channels/registry.js";
import { parseConfig } from "../../src/config.js";
import { Outbox } from "../../src/delivery/outbox.js";
import type { Member } from "../../src/domain/member.js";
import { decideBroadcast } from "../../src/features/broadcasting/broadcast-service.js";
import { createBroadcasting } from "../../src/features/broadcasting/broadcasting.js";
import { createI18n } from "../../src/i18n.js";
import { silentLogger } from "../../src/logger.js";
import { jsonOf, runCli } from "../support/cli.js";
import { tempDir } from "../support/processes.js";

function member(id: string, name: string, roles: Member["roles"]): Member {
  return {
    id,
    name,
    unitId: "thuc-phan",
    orgIds: ["hoi-phu-nu"],
    roles,
    locale: "vi",
    active: true,
    optedOut: false,
    identities: [
      {
        channel: "telegram",
        chatId: id,
        boundAt: "2026-11-01T00:00:00Z",
        lastSeenAt: "2026-11-01T00:00:00Z",
      },
    ],
    source: "cli",
    createdAt: "2026-11-01T00:00:00Z",
  };
}

/** A data folder with broadcast 1 approved and queued, and broadcast 2 rejected. */
async function withBroadcasts(): Promise<string> {
  const dir = await tempDir();
  const config = parseConfig({ DATA_DIR: dir, QUIET_HOURS: "off" });
  const opened = await openDataDir(config, "owner");
  const author = member("bc-1", "Nông Thị Hoa", [
    { role: "broadcaster", unitId: "thuc-phan", orgIds: ["hoi-phu-nu"] },
  ]);
  const approver = member("ap-1", "Hoàng Văn Thắng", [
    { role: "approver", unitId: "thuc-phan", orgIds: [] },
  ]);
  await opened.store.members.saveMany([author, approver]);
  const now = () => new Date("2026-11-25T03:00:00Z");
  const deps = {
    config,
    store: opened.store,
    i18n: createI18n("vi"),
    logger: silentLogger(),
    now,
    random: Math.random,
    photos: {},
    filesShown: {},
    channels: CHANNEL_ADAPTERS,
  };
  const outbox = new Outbox({
    store: opened.store,
    now,
    quietHours: null,
    timeZone: config.timeZone,
  });
  const broadcasting = createBroadcasting(deps, outbox);
  const draft = {
    kind: "campaign" as const,
    text: "Ra quân làm đường",
    audience: { orgIds: ["hoi-phu-nu"], areaIds: ["thuc-phan"], roles: [] },
    schedule: { kind: "now" as const },
    urgent: false,
  };
  await broadcasting.submit(author, draft);
  await decideBroadcast(broadcasting.env, approver, "1", 1, { approve: true, urgent: false });
  await broadcasting.submit(author, { ...draft, text: "Thu quỹ" });
  await decideBroadcast(broadcasting.env, approver, "2", 1, {
    approve: false,
    reason: "Chưa có chủ trương",
  });
  await opened.close();
  return dir;
}

describe("broadcasts on the CLI", () => {
  it("lists broadcasts with their state and counts, newest first, and filters by state", async () => {
    const dir = await withBroadcasts();
    const run = await runCli(["broadcasts", "list"], { DATA_DIR: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Bị từ chối");
    expect(run.stdout).toContain("Đang gửi");
    expect(run.stdout).toContain("2 tin.");
    const json = jsonOf<{ broadcasts: Array<{ id: string; state: string }> }>(
      await runCli(["broadcasts", "list", "--state", "rejected", "--json"], { DATA_DIR: dir }),
    );
    expect(json.broadcasts.map((b) => [b.id, b.state])).toEqual([["2", "rejected"]]);
    const bad = await runCli(["broadcasts", "list", "--state", "lost"], { DATA_DIR: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("lost");
  });

  it("shows who composed, approved and rejected what, and when", async () => {
    const dir = await withBroadcasts();
    const run = await runCli(["broadcasts", "show", "2"], { DATA_DIR: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Tin số 2 — Tin tuyên truyền — Bị từ chối");
    expect(run.stdout).toContain("Người soạn: Nông Thị Hoa (bc-1), lúc 10:00 25/11/2026");
    expect(run.stdout).toMatch(
      /10:00 25\/11\/2026 +từ chối +Hoàng Văn Thắng \(ap-1\) +1 +lý do: Chưa có chủ trương/,
    );
    expect(run.stdout).toMatch(
      /soạn +Nông Thị Hoa \(bc-1\) +1 +loại tin: tin tuyên truyền; gửi: ngay; khẩn: không/,
    );
    expect(run.stdout).not.toMatch(/\w=\w/);
    const shown = jsonOf<{ audit: Array<{ action: string; actorId?: string }> }>(
      await runCli(["broadcasts", "show", "1", "--json"], { DATA_DIR: dir }),
    );
    expect(shown.audit.map((e) => [e.action, e.actorId])).toEqual([
      ["composed", "bc-1"],
      ["approved", "ap-1"],
      ["started", undefined],
    ]);
    const sending = await runCli(["broadcasts", "show", "1"], { DATA_DIR: dir });
    expect(sending.stdout).toMatch(/Lần gửi .* \(đang gửi\): /);
    expect(sending.stdout).not.toContain("(sending)");
    const missing = await runCli(["broadcasts", "show", "9"], { DATA_DIR: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Không có tin số 9.");
  });

  it("lists every broadcast's trail in audit list, the oldest first, people by id only", async () => {
    const dir = await withBroadcasts();
    const run = await runCli(["audit", "list"], { DATA_DIR: dir, DEFAULT_LOCALE: "en" });
    expect(run.code).toBe(0);
    const lines = run.lines.filter((line) => line.includes("broadcast no."));
    expect(lines[0]).toMatch(
      /bc-1 +composed +broadcast no\. 1 +kind: campaign message; send: now; urgent: no/,
    );
    expect(
      lines.some((line) =>
        /ap-1 +rejected +broadcast no\. 2 +reason: Chưa có chủ trương/.test(line),
      ),
    ).toBe(true);
    expect(
      lines.some((line) =>
        /the bot +started sending +broadcast no\. 1 +run of: .*recipients: /.test(line),
      ),
    ).toBe(true);
    expect(run.stdout).not.toContain("Nông Thị Hoa");
    expect(run.stdout).toContain("5 audit lines.");
  });
});
