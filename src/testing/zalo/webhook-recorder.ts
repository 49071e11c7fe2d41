import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the recorder received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A loopback HTTP server standing in for a bot's webhook endpoint. */
export interface WebhookRecorder {
  /** `http://127.0.0.1:<port>/webhook`. */
  readonly url: string;
  /** Requests received so far, oldest first. */
  requests(): RecordedRequest[];
  /** Resolves once `count` requests have arrived (or rejects after `timeoutMs`, default 5000). */
  waitForRequests(count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Starts a recorder on 127.0.0.1 that answers every request with `status` (default 200). */
export async function startWebhookRecorder(status = 200): Promise<WebhookRecorder> {
  const received: RecordedRequest[] = [];
  const listeners = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.writeHead(status).end();
      for (const listener of [...listeners]) listener();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    requests: () => [...received],
    waitForRequests(count, timeoutMs = 5000) {
      if (received.length >= count) return Promise.resolve([...received]);
      return new Promise((resolve, reject) => {
        const listener = (): void => {
          if (received.length < count) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve([...received]);
        };
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(
            new Error(`${received.length} of ${count} webhook requests within ${timeoutMs} ms`),
          );
        }, timeoutMs);
        listeners.add(listener);
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
