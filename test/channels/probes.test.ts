import { afterEach, describe, expect, it } from "vitest";
import { type RunningHttpServer, startHttpServer } from "../../src/channels/http-server.js";
import { silentLogger } from "../../src/logger.js";

let server: RunningHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(ready: () => Promise<void>, warnings: string[] = []) {
  server = await startHttpServer(0, [], silentLogger(), "127.0.0.1", {
    warnings: () => warnings,
    ready,
  });
  return (path: string) => fetch(`http://127.0.0.1:${server?.port}${path}`);
}

describe("what a load balancer and a monitor ask", () => {
  it("says ready while the store answers", async () => {
    const get = await serve(async () => undefined);
    const answer = await get("/readyz");
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ready: true });
  });

  it("says not ready, and why, while the store does not answer; alive all the same", async () => {
    const get = await serve(async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
    }, ["zalo: PUBLIC_URL is not set"]);
    const answer = await get("/readyz");
    expect(answer.status).toBe(503);
    expect(await answer.json()).toEqual({
      ready: false,
      reason: "connect ECONNREFUSED 127.0.0.1:5432",
    });
    const health = await get("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, warnings: ["zalo: PUBLIC_URL is not set"] });
  });

  it("says not ready when the store hangs, after a short wait rather than never", async () => {
    const get = await serve(() => new Promise<void>(() => undefined));
    const answer = await get("/readyz");
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({ ready: false });
  });
});
