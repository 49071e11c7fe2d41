import type { Readable } from "node:stream";
import type { Agent, request } from "undici";

/**
 * Connections kept open to the Bot API: as many as sends may be on the wire at once at a few
 * thousand a second, all kept between sends. Beyond this many, a call waits for one to come free.
 */
const SENDING_CONNECTIONS = 128;

/** What grammY's client passes to its `fetch`: the method, headers, a JSON text or a form stream. */
interface BotApiRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Readable;
  signal?: AbortSignal | null;
}

/** The one thing grammY's client reads of a response: its JSON body. */
export interface BotApiResponse {
  json(): Promise<unknown>;
}

/** A `fetch` for grammY's `ApiClientOptions.fetch`: only what its client calls. */
export type BotApiFetch = (url: string, init?: BotApiRequestInit) => Promise<BotApiResponse>;

/**
 * The delivery worker's Bot API calls on undici's `request`, with a pool of kept connections.
 * grammY calls node-fetch by default: on the broadcast ceiling, a send's HTTP call (grammY,
 * node-fetch, Node's http client) took about 120 µs of CPU, a third of the bot's work per send;
 * through this, about 60. Node's own `fetch` (undici's WHATWG fetch) took 350 µs, and refuses
 * the AbortSignal grammY builds (a shim's, for its timeouts and a shutdown), which `request`
 * takes. grammY reads nothing of the answer but its JSON body, whatever the status: an error's
 * `ok: false` envelope becomes a GrammyError there, and a body that is not JSON (a gateway's
 * HTML page) or a broken connection becomes an HttpError, as with node-fetch.
 */
export function botApiFetch(): BotApiFetch {
  // undici is loaded on the first call: importing it takes 60–90 ms, which every start would
  // otherwise pay before its first answer (answers go through the bot's own client, not this).
  let client: Promise<{ request: typeof request; dispatcher: Agent }> | undefined;
  return async (url, init = {}) => {
    client ??= import("undici").then((undici) => ({
      request: undici.request,
      dispatcher: new undici.Agent({ connections: SENDING_CONNECTIONS }),
    }));
    const { request, dispatcher } = await client;
    const answer = await request(url, {
      dispatcher,
      method: init.method === "GET" ? "GET" : "POST",
      ...(init.headers ? { headers: init.headers } : {}),
      ...(init.body === undefined ? {} : { body: init.body }),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    return { json: () => answer.body.json() };
  };
}
