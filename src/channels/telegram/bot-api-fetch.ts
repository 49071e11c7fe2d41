import type { Readable } from "node:stream";
import type { Agent, Dispatcher } from "undici";

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
 * The delivery worker's Bot API calls on undici's `dispatch`, with a pool of kept connections.
 * grammY calls node-fetch by default: on the broadcast ceiling, a send's HTTP call (grammY,
 * node-fetch, Node's http client) took about 120 µs of CPU, a third of the bot's work per send.
 * undici's `request` took about 110 µs on this machine, a third of it making a stream of each
 * answer; `dispatch` hands the answer's bytes over as they come, about 80 µs. Node's own `fetch`
 * took 350 µs, and refuses the AbortSignal grammY builds (a shim's, for its timeouts and a
 * shutdown). grammY reads nothing of the answer but its JSON body, whatever the status: an
 * error's `ok: false` envelope becomes a GrammyError there, and a body that is not JSON (a
 * gateway's HTML page) or a broken connection becomes an HttpError, as with node-fetch.
 */
export function botApiFetch(): BotApiFetch {
  // undici is loaded on the first call: importing it takes 60–90 ms, which every start would
  // otherwise pay before its first answer (answers go through the bot's own client, not this).
  let pool: Promise<Agent> | undefined;
  return async (url, init = {}) => {
    pool ??= import("undici").then(
      (undici) => new undici.Agent({ connections: SENDING_CONNECTIONS }),
    );
    const body = await answerOf(await pool, url, init);
    return { json: async () => JSON.parse(body) as unknown };
  };
}

/** The answer's body as text, once it has all come; rejects on a broken call or an abort. */
function answerOf(pool: Agent, url: string, init: BotApiRequestInit): Promise<string> {
  const signal = init.signal ?? undefined;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const chunks: Buffer[] = [];
    let stop: ((reason: Error) => void) | undefined;
    const onAbort = () => stop?.(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const settle = () => signal?.removeEventListener("abort", onAbort);
    // The origin is everything before the path: `http://host:port` of `http://host:port/bot…`.
    const pathStart = url.indexOf("/", url.indexOf("//") + 2);
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart: (controller) => {
        stop = (reason) => controller.abort(reason);
      },
      onResponseData: (_controller, chunk) => {
        chunks.push(chunk);
      },
      onResponseEnd: () => {
        settle();
        resolve(Buffer.concat(chunks).toString("utf8"));
      },
      onResponseError: (_controller, error) => {
        settle();
        reject(error);
      },
    };
    pool.dispatch(
      {
        origin: url.slice(0, pathStart),
        path: url.slice(pathStart),
        method: init.method === "GET" ? "GET" : "POST",
        headers: init.headers ?? {},
        body: init.body ?? null,
      },
      handler,
    );
  });
}
