import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../src/testing/free-port.js";
import type { ZaloEmulatorOptions } from "../../src/testing/zalo/index.js";
import { startZaloBench, type ZaloBench } from "./support/zalo-bench.js";

const SECRET = "zalo-webhook-secret-0123456789";
// A 1×1 PNG, standing in for a chart.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

let bench: ZaloBench;
afterEach(async () => {
  await bench?.stop();
});

async function webhookBench(
  emulator: ZaloEmulatorOptions = {},
): Promise<{ bench: ZaloBench; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  bench = await startZaloBench({
    emulator,
    env: { PUBLIC_URL: base, WEBHOOK_SECRET: SECRET, PORT: String(port) },
  });
  return { bench, base };
}

const botMessages = (user: { chat(): { from: string }[] }) =>
  user.chat().filter((m) => m.from === "bot");

describe("Zalo in webhook mode", () => {
  it("registers its webhook with the secret and answers updates pushed to it", async () => {
    const { bench, base } = await webhookBench();
    expect(bench.emulator.webhook()).toEqual({ url: `${base}/zalo/webhook`, secretToken: SECRET });
    const user = bench.emulator.user({ displayName: "W" });
    await user.send("xin chào");
    expect((await user.waitForBotMessage()).text).toContain("trợ lý tự động");
    expect(bench.emulator.webhookDeliveries().map((d) => d.status)).toEqual([200]);
  });

  it("refuses a wrong or missing secret with 401 and handles nothing", async () => {
    const { bench, base } = await webhookBench();
    const user = bench.emulator.user({ displayName: "X" });
    const update = {
      ok: true,
      result: {
        event_name: "message.text.received",
        message: {
          message_id: "forged-1",
          date: 1_764_400_000_000,
          from: { id: user.id, display_name: "X", is_bot: false },
          chat: { id: user.id, chat_type: "PRIVATE" },
          text: "xin chào",
        },
      },
    };
    for (const secret of [undefined, "wrong-secret-0000000000000", `${SECRET}x`]) {
      const response = await fetch(`${base}/zalo/webhook`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(secret === undefined ? {} : { "x-bot-api-secret-token": secret }),
        },
        body: JSON.stringify(update),
      });
      expect(response.status).toBe(401);
    }
    // Nothing was handled: no answer, and the update id was never claimed.
    expect(bench.emulator.calls({ method: "sendMessage" })).toHaveLength(0);
    const now = bench.clock.now.toISOString();
    expect(await bench.app.deps.store.claims.has("zalo:update:forged-1", now)).toBe(false);
  });

  it("handles the same update only once when Zalo delivers it twice", async () => {
    const { bench } = await webhookBench();
    const user = bench.emulator.user({ displayName: "D" });
    const messageId = await user.send("xin chào");
    await user.waitForBotMessage();
    await bench.emulator.redeliver(messageId);
    const attempts = bench.emulator.webhookDeliveries().filter((d) => d.messageId === messageId);
    expect(attempts.map((d) => d.status)).toEqual([200, 200]);
    expect(botMessages(user)).toHaveLength(1);
  });

  it("reads both the wrapped {ok,result} body and the bare update", async () => {
    const { bench } = await webhookBench({ bareNumericIds: true });
    await bench.invite({ code: "WAREUP", roles: ["member"], unitId: "hung-dao.da-quan" });
    const user = bench.emulator.user({ displayName: "B" });
    await user.send("xin chào");
    expect((await user.waitForBotMessage()).text).toContain("trợ lý tự động");
    bench.emulator.configure({ webhookBody: "bare" });
    await user.send("WAREUP");
    expect((await user.waitForBotMessage()).text).toContain("Chào anh/chị");
    const [member] = await bench.app.deps.store.members.list();
    expect(member?.identities[0]?.chatId).toBe(user.id);
  });

  it("refuses a body that is not JSON (400), skips one that is not an update (200), and goes on", async () => {
    const { bench, base } = await webhookBench();
    for (const [body, status] of [
      ["{not json", 400],
      ['{"ok":true,"result":{"event_name":"message.text.received"}}', 200],
    ] as const) {
      const response = await fetch(`${base}/zalo/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-bot-api-secret-token": SECRET },
        body,
      });
      expect(response.status).toBe(status);
    }
    expect(bench.emulator.calls({ method: "sendMessage" })).toHaveLength(0);
    const user = bench.emulator.user({ displayName: "N" });
    await user.send("xin chào");
    expect((await user.waitForBotMessage()).text).toContain("trợ lý tự động");
  });

  it("sends a chart by a link Zalo can fetch: the PNG bytes; an unknown link is 404", async () => {
    const { bench, base } = await webhookBench({ verifyPhotos: true });
    const user = bench.emulator.user({ displayName: "C" });
    await user.send("xin chào");
    await user.waitForBotMessage();
    await bench.app.channel("zalo")?.lane.sender.send(user.id, {
      text: "Xã Hưng Đạo — tuần 23/11 – 29/11/2026",
      file: { kind: "photo", fileName: "bieu-do.png", mimeType: "image/png", bytes: PNG },
    });
    const photo = await user.waitForBotMessage((m) => m.kind === "photo");
    expect(photo.caption).toBe("Xã Hưng Đạo — tuần 23/11 – 29/11/2026");
    expect(photo.photoUrl).toMatch(new RegExp(`^${base}/files/[0-9a-f]{64}\\.png$`));
    const served = await fetch(photo.photoUrl ?? "");
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);

    const unknown = await fetch(`${base}/files/${"0".repeat(64)}.png`);
    expect(unknown.status).toBe(404);
    const traversal = await fetch(`${base}/files/..%2F..%2Fconfig.json`);
    expect(traversal.status).toBe(404);
  });

  it("a served link stops working once it expires", async () => {
    const { bench } = await webhookBench();
    const user = bench.emulator.user({ displayName: "E" });
    await user.send("xin chào");
    await user.waitForBotMessage();
    await bench.app.channel("zalo")?.lane.sender.send(user.id, {
      text: "",
      file: { kind: "photo", fileName: "bieu-do.png", mimeType: "image/png", bytes: PNG },
    });
    const photo = await user.waitForBotMessage((m) => m.kind === "photo");
    expect((await fetch(photo.photoUrl ?? "")).status).toBe(200);
    bench.clock.now = new Date(bench.clock.now.getTime() + 8 * 86_400_000);
    expect((await fetch(photo.photoUrl ?? "")).status).toBe(404);
  });

  it("sends a spreadsheet as a download link in the text", async () => {
    const { bench, base } = await webhookBench();
    const user = bench.emulator.user({ displayName: "S" });
    await user.send("xin chào");
    await user.waitForBotMessage();
    const bytes = Buffer.from("PK fake xlsx bytes");
    await bench.app.channel("zalo")?.lane.sender.send(user.id, {
      text: "Bảng tính tuần này.",
      file: {
        kind: "document",
        fileName: "bảng-tính.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        bytes,
      },
    });
    const message = await user.waitForBotMessage();
    expect(message.text).toContain("Bảng tính tuần này.");
    const url = new RegExp(`${base}/files/[0-9a-f]{64}\\.xlsx`).exec(message.text ?? "")?.[0];
    expect(url).toBeDefined();
    const served = await fetch(url ?? "");
    expect(served.headers.get("content-disposition")).toContain("attachment");
    expect(served.headers.get("content-disposition")).toContain(
      encodeURIComponent("bảng-tính.xlsx"),
    );
    expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);
  });
});

describe("Zalo without PUBLIC_URL", () => {
  it("says how to get a chart instead of sending a link nobody could open", async () => {
    bench = await startZaloBench();
    const user = bench.emulator.user({ displayName: "P" });
    await user.send("xin chào");
    await user.waitForBotMessage();
    await bench.app.channel("zalo")?.lane.sender.send(user.id, {
      text: "Xã Hưng Đạo — tuần 23/11 – 29/11/2026",
      file: { kind: "photo", fileName: "bieu-do.png", mimeType: "image/png", bytes: PNG },
    });
    const message = await user.waitForBotMessage();
    expect(message.kind).toBe("text");
    expect(message.text).toContain("Xã Hưng Đạo");
    expect(message.text).toContain("nhờ cán bộ quản trị gửi giúp");
    expect(message.text).not.toContain("Telegram");
    expect(bench.emulator.calls({ method: "sendPhoto" })).toHaveLength(0);
  });
});
