import type { Readable } from "node:stream";
import { GrammyError, HttpError } from "grammy";
import type { Agent, Dispatcher } from "undici";

/**
 * Connections kept open to the Bot API: as many as sends may be on the wire at once at a few
 * thousand a second, all kept between sends. Beyond this many, a call waits for one to come free.
 */
const SENDING_CONNECTIONS = 128;

const JSON_HEADERS = { "content-type": "application/json" };

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

/** Where the calls go and how long one may stay unanswered. */
export interface BotApiHttpOptions {
  token: string;
  apiRoot: string;
  /** How long a `call` may stay unanswered (30 s unless told); `fetch` keeps grammY's. */
  timeoutSeconds?: number;
}

/**
 * Bot API calls on undici's `dispatch`, over a pool of kept connections: the delivery worker's
 * (`call`, and `fetch` for its files) and those of the bot's own grammY client (`fetch`).
 *
 * Text and deletions go out by `call`, straight from their JSON: through grammY's client a
 * call also built an abort controller (a shim's, whose listeners cost more than Node's), a
 * timer, two promises raced against the answer and a proxy-bound method: 5–6% of the bot's
 * work per send on the broadcast ceiling, and garbage to collect besides.
 * Here the timeout is undici's own (it keeps one timer per connection anyway) and an answer
 * becomes the same GrammyError or HttpError grammY would make, so one mapping of failures
 * serves both paths. Files (multipart uploads) still go through grammY, with `fetch`.
 *
 * On the HTTP client: grammY calls node-fetch by default, about 120 µs of CPU a call on this
 * machine; undici's `request` about 110 µs, a third of it making a stream of each answer;
 * `dispatch`, which hands the answer's bytes over as they come, about 80 µs. Node's own
 * `fetch` took 350 µs, and refuses the AbortSignal grammY builds.
 */
export class BotApiHttp {
  private agent: Promise<Agent> | undefined;
  private readonly origin: string;
  private readonly methodPath: string;
  private readonly timeoutMs: number;

  constructor(options: BotApiHttpOptions) {
    const root = new URL(options.apiRoot);
    this.origin = root.origin;
    this.methodPath = `${root.pathname.replace(/\/$/, "")}/bot${options.token}/`;
    this.timeoutMs = (options.timeoutSeconds ?? 30) * 1000;
  }

  /**
   * Calls a method with a JSON payload and resolves with its result; rejects with a GrammyError
   * when Telegram refuses it (`ok: false`), an HttpError when the call fails or the answer is
   * not the Bot API's (a gateway's HTML page), or nothing came within the timeout.
   */
  async call<T>(method: string, payload: Record<string, unknown>): Promise<T> {
    let answer: unknown;
    try {
      const text = await answerOf(await this.connections(), {
        origin: this.origin,
        path: this.methodPath + method,
        method: "POST",
        headers: JSON_HEADERS,
        body: JSON.stringify(payload),
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      answer = JSON.parse(text);
    } catch (error) {
      throw new HttpError(`Network request for '${method}' failed!`, error);
    }
    if (isResult(answer)) return answer.result as T;
    if (isRefusal(answer)) {
      throw new GrammyError(`Call to '${method}' failed!`, answer, method, payload);
    }
    throw new HttpError(`Network request for '${method}' failed!`, answer);
  }

  /**
   * A `fetch` for grammY's `ApiClientOptions.fetch`. grammY reads nothing of the answer but
   * its JSON body, whatever the status: an error's `ok: false` envelope becomes a GrammyError
   * there, and a body that is not JSON or a broken connection becomes an HttpError. grammY
   * keeps its own timeout and abort signal.
   */
  readonly fetch: BotApiFetch = async (url, init = {}) => {
    const pathStart = url.indexOf("/", url.indexOf("//") + 2);
    const body = await answerOf(
      await this.connections(),
      {
        // The origin is everything before the path: `http://host:port` of `http://host:port/bot…`.
        origin: url.slice(0, pathStart),
        path: url.slice(pathStart),
        method: init.method === "GET" ? "GET" : "POST",
        headers: init.headers ?? {},
        body: init.body ?? null,
      },
      init.signal ?? undefined,
    );
    return { json: async () => JSON.parse(body) as unknown };
  };

  /**
   * Only undici's Agent is loaded, on the first call: its index loads all of undici (fetch,
   * WebSocket, caches…), 110 ms of a start here before the first poll; the Agent alone 35 ms.
   */
  private connections(): Promise<Agent> {
    this.agent ??= import("undici/lib/dispatcher/agent.js").then(
      ({ default: UndiciAgent }) => new UndiciAgent({ connections: SENDING_CONNECTIONS }),
    );
    return this.agent;
  }
}

/**
 * The answer's body as text, once it has all come; rejects on a broken call or an abort. An
 * abort ends the call at once, also while it still waits for a connection: undici hands over
 * the means to abort only once the request goes on one, and the runner's poll cut by a stop
 * must not go on for its 30 s.
 */
function answerOf(
  agent: Agent,
  request: Dispatcher.DispatchOptions,
  signal?: AbortSignal,
): Promise<string> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const chunks: Buffer[] = [];
    let aborted = false;
    let controller: Dispatcher.DispatchController | undefined;
    const onAbort = () => {
      aborted = true;
      controller?.abort(signal?.reason);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const settle = () => signal?.removeEventListener("abort", onAbort);
    agent.dispatch(request, {
      onRequestStart: (started) => {
        controller = started;
        if (aborted) started.abort(signal?.reason);
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
    });
  });
}

/** A Bot API answer that went through: `{ ok: true, result }`. */
function isResult(answer: unknown): answer is { ok: true; result: unknown } {
  return typeof answer === "object" && answer !== null && (answer as { ok?: unknown }).ok === true;
}

/** Telegram's refusal: `{ ok: false, error_code, description, parameters? }`. */
function isRefusal(
  answer: unknown,
): answer is { ok: false; error_code: number; description: string; parameters?: object } {
  if (typeof answer !== "object" || answer === null) return false;
  const { ok, error_code, description } = answer as Record<string, unknown>;
  return ok === false && typeof error_code === "number" && typeof description === "string";
}
