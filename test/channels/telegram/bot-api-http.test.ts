import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { BotApiHttp } from "../../../src/channels/telegram/bot-api-http.js";

/** A Bot API that takes every call and answers none: each call holds a connection. */
async function silentApi() {
  const held: ServerResponse[] = [];
  const server = createServer((_request: IncomingMessage, response: ServerResponse) => {
    held.push(response);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    held,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

let closeApi: (() => void) | undefined;
afterEach(() => closeApi?.());

describe("the Bot API client's calls", () => {
  it("end at once when cut, also while waiting for a free connection (a poll cut by a stop)", async () => {
    const api = await silentApi();
    closeApi = api.close;
    const http = new BotApiHttp({ token: "1:a", apiRoot: api.apiRoot });
    // Every connection the client keeps is busy with a call the API does not answer.
    const cuts = Array.from({ length: 128 }, () => new AbortController());
    const busy = cuts.map((cut) =>
      http
        .fetch(`${api.apiRoot}/bot1:a/getUpdates`, { body: "{}", signal: cut.signal })
        .catch((error: unknown) => error),
    );
    await expect.poll(() => api.held.length, { timeout: 10_000 }).toBe(128);

    const stop = new AbortController();
    const poll = http.fetch(`${api.apiRoot}/bot1:a/getUpdates`, {
      body: "{}",
      signal: stop.signal,
    });
    // Once the call is handed to the connections (promises settle before the next turn).
    await new Promise((turn) => setImmediate(turn));
    stop.abort(new Error("stopping"));
    await expect(poll).rejects.toThrow("stopping");

    for (const cut of cuts) cut.abort(new Error("done"));
    expect(await Promise.all(busy)).toHaveLength(128);
  });
});
