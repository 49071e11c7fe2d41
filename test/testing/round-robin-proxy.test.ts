import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../src/testing/free-port.js";
import { type RoundRobinProxy, startRoundRobinProxy } from "../../src/testing/round-robin-proxy.js";

/** An instance that answers each POST with its name and the body it read. */
async function instance(port: number, name: string): Promise<Server> {
  const server = createServer(async (req, res) => {
    const body = Buffer.concat(await req.toArray()).toString();
    res.writeHead(200).end(`${name}:${body}`);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return server;
}

/** An instance killed mid-request: it reads the post, then drops the connection unanswered. */
async function dyingInstance(port: number): Promise<Server> {
  const server = createServer((req) => req.socket.destroy());
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return server;
}

const post = async (proxy: RoundRobinProxy, body: string) => {
  const response = await fetch(`${proxy.base}/zalo/webhook`, { method: "POST", body });
  return { status: response.status, text: await response.text() };
};

describe("the round-robin proxy in front of several instances", () => {
  const servers: Server[] = [];
  let proxy: RoundRobinProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    for (const server of servers.splice(0)) server.close();
  });

  it("hands requests to the instances in turn", async () => {
    const ports = [await freePort(), await freePort(), await freePort()];
    servers.push(...(await Promise.all(ports.map((port, i) => instance(port, `i${i}`)))));
    proxy = await startRoundRobinProxy(ports);
    const answers = [];
    for (let n = 0; n < 6; n++) answers.push((await post(proxy, `u${n}`)).text);
    expect(answers).toEqual(["i0:u0", "i1:u1", "i2:u2", "i0:u3", "i1:u4", "i2:u5"]);
    expect([...proxy.served.values()]).toEqual([2, 2, 2]);
  });

  it("loses no update posted at once while two of three instances are down", async () => {
    const [down1, live, down2] = [await freePort(), await freePort(), await freePort()];
    servers.push(await instance(live, "live"));
    proxy = await startRoundRobinProxy([down1, live, down2]);
    const bodies = Array.from({ length: 60 }, (_, n) => `u${n}`);
    const answers = await Promise.all(bodies.map((body) => post(proxy as RoundRobinProxy, body)));
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(answers.map((answer) => answer.text)).toEqual(bodies.map((body) => `live:${body}`));
  });

  it("posts an update again to another instance when the one holding it dies unanswered", async () => {
    const [dying, live] = [await freePort(), await freePort()];
    servers.push(await dyingInstance(dying), await instance(live, "live"));
    proxy = await startRoundRobinProxy([dying, live]);
    expect(await post(proxy, "u1")).toEqual({ status: 200, text: "live:u1" });
    expect(await post(proxy, "u2")).toEqual({ status: 200, text: "live:u2" });
  });

  it("answers 502 when no instance answers", async () => {
    proxy = await startRoundRobinProxy([await freePort(), await freePort()]);
    expect((await post(proxy, "u1")).status).toBe(502);
  });
});
