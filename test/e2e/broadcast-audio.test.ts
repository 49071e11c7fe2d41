import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../src/testing/free-port.js";
import type { TelegramUser } from "../../src/testing/telegram/index.js";
import type { ZaloEmulatorUser } from "../../src/testing/zalo/index.js";
import type { InviteFields } from "./support/app-bench.js";
import { press, say } from "./support/chat-steps.js";
import { startTwoChannelBench, type TwoChannelBench } from "./support/two-channel-bench.js";

let bench: TwoChannelBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

/** A reading in Tày recorded elsewhere, as an MP3 file (synthetic bytes with an ID3 header). */
const READING = new Uint8Array([
  ...Buffer.from("ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000", "latin1"),
  ...Array.from({ length: 4000 }, (_, i) => (i * 13) & 0xff),
]);
const TEXT = "Bài đọc bằng tiếng Tày: Mời bà con dự họp xóm bàn làm đường vào tối thứ Bảy.";

async function onTelegram(b: TwoChannelBench, invite: InviteFields): Promise<TelegramUser> {
  await b.invite(invite);
  const user = b.telegram.user({ firstName: invite.name ?? invite.code });
  await say(user, `/start ${invite.code}`);
  return user;
}

async function onZalo(b: TwoChannelBench, invite: InviteFields): Promise<ZaloEmulatorUser> {
  await b.invite(invite);
  const user = b.zalo.user({ displayName: invite.name ?? invite.code });
  await user.whenHandled(await user.send(invite.code.toLowerCase()));
  return user;
}

/** The ward's MTTQ broadcaster on Telegram, a hamlet head on Telegram and a member on Zalo. */
async function ward(env: Record<string, string>) {
  const b = await startTwoChannelBench({ start: new Date("2026-12-02T02:00:00Z"), env });
  bench = b;
  const mttq = await onTelegram(b, {
    code: "MTTQTP",
    name: "Hoàng Thị Thu",
    unitId: "thuc-phan",
    roles: ["broadcaster"],
    orgIds: ["mttq"],
  });
  const head = await onTelegram(b, {
    code: "HEADNP",
    name: "Hoàng Văn Thắng",
    unitId: "hung-dao.nam-phong-2",
    roles: ["hamlet_head"],
  });
  const farmer = await onZalo(b, {
    code: "FARMER",
    name: "Nông Văn Nam",
    unitId: "hung-dao.da-quan",
    roles: ["member"],
    orgIds: ["hoi-nong-dan"],
  });
  return { b, mttq, head, farmer };
}

/** The broadcaster writes the message, attaches the recording and sends it to the whole ward. */
async function broadcastReading(mttq: TelegramUser) {
  mttq.command("/broadcast");
  await mttq.waitForBotMessage((m) => m.text.includes("loại tin nào"));
  await press(mttq, "Tin tuyên truyền");
  const askFile = await say(mttq, TEXT);
  expect(askFile.text).toContain("hoặc một bản ghi âm (ví dụ bài đọc bằng tiếng Tày");
  mttq.sendAudio(READING, "bai-doc-tieng-tay.mp3", 95);
  await mttq.waitForBotMessage((m) => m.text.includes("khu vực nào"));
  await press(mttq, "Cả phường Thục Phán");
  const preview = await press(mttq, "Mọi người ở phường Thục Phán");
  expect(preview.text).toContain("(bản ghi âm ở trên được gửi kèm)");
  // The recording exactly as members get it, just above the preview.
  const above = mttq.chat().filter((m) => m.from === "bot" && m.audio);
  expect(above.map((m) => Buffer.from(m.audio?.bytes ?? []))).toEqual([Buffer.from(READING)]);
  await press(mttq, "Gửi ngay");
}

describe("a broadcast carrying a recording (a reading in Tày or Nùng)", () => {
  it("goes as audio on Telegram, the approver hears it first, and Zalo without PUBLIC_URL counts it text only", async () => {
    const { b, mttq, head, farmer } = await ward({ BROADCAST_APPROVAL: "on" });
    const approver = await onTelegram(b, {
      code: "DUYETT",
      name: "Nông Văn Bình",
      unitId: "thuc-phan",
      roles: ["approver"],
    });
    await broadcastReading(mttq);

    const request = await approver.waitForBotMessage((m) => m.text.includes("xin duyệt"));
    expect(request.audio).toMatchObject({ kind: "audio", duration: 95 });
    expect(Buffer.from(request.audio?.bytes ?? [])).toEqual(Buffer.from(READING));
    await press(approver, "Duyệt");

    const report = await mttq.waitForBotMessage((m) => m.text.startsWith("Đã gửi xong"), 30_000);
    expect(report.text).toContain("• Chỉ gửi được chữ (ảnh hoặc tệp chưa gửi được qua Zalo): 1\n");
    const heard = head.chat().find((m) => m.from === "bot" && m.text.includes(TEXT));
    expect(heard?.audio).toMatchObject({
      kind: "audio",
      duration: 95,
      fileName: expect.stringMatching(/\.mp3$/),
    });
    expect(Buffer.from(heard?.audio?.bytes ?? [])).toEqual(Buffer.from(READING));
    const onZaloText = farmer.chat().find((m) => m.from === "bot" && m.text?.includes(TEXT));
    expect(onZaloText?.text).toContain("Kèm theo có một bản ghi âm nhưng chưa gửi được qua Zalo.");
    const [stored] = await b.app.deps.store.broadcasts.list();
    expect(stored?.audio).toMatchObject({ media: "audio", seconds: 95 });
    expect(stored?.photo).toBeUndefined();
  });

  it("goes to Zalo as a link that plays the recording when PUBLIC_URL is set", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const { mttq, farmer } = await ward({
      BROADCAST_APPROVAL: "off",
      PUBLIC_URL: base,
      WEBHOOK_SECRET: "broadcast-audio-secret-0123456789",
      PORT: String(port),
    });
    await broadcastReading(mttq);
    const report = await mttq.waitForBotMessage((m) => m.text.startsWith("Đã gửi xong"), 30_000);
    expect(report.text).not.toContain("Chỉ gửi được chữ");

    const message = await farmer.waitForBotMessage((m) => m.text?.includes(TEXT) ?? false);
    expect(message.text).toContain("Nghe bản ghi âm tại: ");
    const url = new RegExp(`${base}/files/[0-9a-f]{64}\\.mp3`).exec(message.text ?? "")?.[0];
    expect(url, message.text).toBeDefined();
    const served = await fetch(url ?? "");
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("audio/mpeg");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(Buffer.from(READING));
  });
});
