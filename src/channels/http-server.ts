import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger.js";

/** The most bytes a webhook body may have. */
const MAX_BODY_BYTES = 1_000_000;

/** One endpoint of the bot's own HTTP server. */
export interface HttpRoute {
  method: "GET" | "POST";
  /** An exact path, or a prefix ending in "/" (e.g. "/files/"). */
  path: string;
  handle(request: IncomingMessage, body: Buffer, response: ServerResponse): Promise<void>;
  /** Checked on the headers alone, before any of the body is read: false answers 401. */
  admits?(request: IncomingMessage): boolean;
}

/** The running HTTP server: webhooks, the health check and served files. */
export interface RunningHttpServer {
  port: number;
  close(): Promise<void>;
}

/** What a load balancer and a monitor ask of the process. */
export interface Probes {
  /** The setup problems an operator should fix, listed by `/healthz`. */
  warnings(): readonly string[];
  /** Resolves when the process can do its work (its store answers); `/readyz`. */
  ready(): Promise<void>;
}

/** How long `/readyz` waits for the store before saying "not ready". */
const READY_TIMEOUT_MS = 2_000;

/**
 * Starts the HTTP server with the probes and the given routes. `/healthz` answers 200 while the
 * process runs (alive), listing any warnings so a half-working setup shows; `/readyz` answers
 * 200 only while the store answers, so a load balancer sends updates elsewhere meanwhile.
 */
export async function startHttpServer(
  port: number,
  routes: HttpRoute[],
  logger: Logger,
  host = "0.0.0.0",
  probes: Probes = { warnings: () => [], ready: async () => undefined },
): Promise<RunningHttpServer> {
  const json = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  const all: HttpRoute[] = [
    {
      method: "GET",
      path: "/healthz",
      handle: async (_req, _body, res) => {
        const warnings = probes.warnings();
        json(res, 200, warnings.length > 0 ? { ok: true, warnings } : { ok: true });
      },
    },
    {
      method: "GET",
      path: "/readyz",
      handle: async (_req, _body, res) => {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error("the store did not answer in time")),
            READY_TIMEOUT_MS,
          );
        });
        try {
          await Promise.race([probes.ready(), late]);
          json(res, 200, { ready: true });
        } catch (error) {
          logger.warn({ err: error }, "not ready: the store does not answer");
          json(res, 503, { ready: false, reason: (error as Error).message });
        } finally {
          clearTimeout(timer);
        }
      },
    },
    ...routes,
  ];
  const server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const route = all.find(
      (r) =>
        r.method === req.method &&
        (r.path.endsWith("/") ? path.startsWith(r.path) : path === r.path),
    );
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    if (route.admits && !route.admits(req)) {
      logger.warn({ path: route.path }, "http request with a wrong or missing secret");
      res.writeHead(401, { connection: "close" }).end();
      return;
    }
    // A body announced as too large is refused before a byte of it is read.
    if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) {
      res.writeHead(413, { connection: "close" }).end();
      return;
    }
    try {
      const body = await readBody(req);
      await route.handle(req, body, res);
    } catch (error) {
      logger.error({ err: error, path: route.path }, "http request failed");
      if (!res.headersSent)
        res.writeHead(error instanceof BodyTooLargeError ? 413 : 500, { connection: "close" });
      res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

/** Compares a secret header with the expected secret in constant time. */
export function secretMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** A request body longer than its limit: answered 413. */
export class BodyTooLargeError extends Error {}

/** Reads a request body whole, giving up as soon as it passes `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
