import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../src/testing/free-port.js";
import { startTwoChannelBench, type TwoChannelBench } from "./support/two-channel-bench.js";

const SECRET = "webhook-secret-0123456789";
const PATHS = [
  { platform: "Telegram", path: "/telegram/webhook", header: "x-telegram-bot-api-secret-token" },
  { platform: "Zalo", path: "/zalo/webhook", header: "x-bot-api-secret-token" },
] as const;

let bench: TwoChannelBench;
afterEach(async () => {
  await bench?.stop();
});

async function webhookBench(): Promise<{ port: number }> {
  const port = await freePort();
  bench = await startTwoChannelBench({
    env: { PUBLIC_URL: `http://127.0.0.1:${port}`, WEBHOOK_SECRET: SECRET, PORT: String(port) },
  });
  return { port };
}

/**
 * Starts a POST announcing `declaredBytes` but sends only the first kilobyte and never ends:
 * resolves with the status once the server answers, which it can do only without waiting for
 * the rest.
 */
function statusOfUnfinishedPost(
  port: number,
  path: string,
  headers: Record<string, string>,
  declaredBytes: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": declaredBytes,
        },
      },
      (res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
        req.destroy();
      },
    );
    // The server may close the connection while the client still writes; the status is what counts.
    req.on("error", (error) => (req.writableEnded ? undefined : reject(error)));
    req.write(Buffer.alloc(1024, 0x20));
  });
}

describe.each(PATHS)("the $platform webhook at its limits", ({ path, header }) => {
  it("answers 413 to a body announced as too large, before reading it, and keeps serving", async () => {
    const { port } = await webhookBench();
    expect(await statusOfUnfinishedPost(port, path, { [header]: SECRET }, 50_000_000)).toBe(413);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
  });

  it("answers 413 to a streamed body once it passes the limit", async () => {
    const { port } = await webhookBench();
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", [header]: SECRET },
      body: new Blob([`{"pad":"${"x".repeat(1_100_000)}"}`]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it("answers 401 to a wrong secret from the headers alone, without reading the body", async () => {
    const { port } = await webhookBench();
    const status = await statusOfUnfinishedPost(
      port,
      path,
      { [header]: "wrong-000000000000000" },
      500_000,
    );
    expect(status).toBe(401);
  });

  it("answers 400 to a body that is not JSON, and keeps serving", async () => {
    const { port } = await webhookBench();
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", [header]: SECRET },
      body: '{"update_id": 1, "message": {',
    });
    expect(response.status).toBe(400);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
  });
});
