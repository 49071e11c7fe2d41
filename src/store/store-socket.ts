import { chmod, rm } from "node:fs/promises";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { REPOSITORY_NAMES, type Store } from "./store.js";

/** The socket through which the CLI hands its changes to a running bot. */
export function storeSocketPath(dataDir: string): string {
  return join(dataDir, "store.sock");
}

interface Call {
  id: number;
  repo: string;
  method: string;
  args: unknown[];
}

/**
 * Bytes (kept files) cross the socket as base64: JSON has no bytes, and a Buffer would
 * otherwise arrive as an array of numbers.
 */
function encode(value: unknown): string {
  return JSON.stringify(value, function (key, item: unknown) {
    const raw: unknown = (this as Record<string, unknown>)[key];
    if (raw instanceof Uint8Array) return { $bytes: Buffer.from(raw).toString("base64") };
    return item;
  });
}

function decode(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) =>
    item && typeof item === "object" && typeof (item as { $bytes?: unknown }).$bytes === "string"
      ? new Uint8Array(Buffer.from((item as { $bytes: string }).$bytes, "base64"))
      : item,
  );
}

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/**
 * Serves the owner's Store on a Unix socket (mode 0600) as JSON lines, so the CLI's writes go
 * through the same in-memory state and files as the bot's: neither loses the other's writes.
 */
export async function serveStore(
  store: Store,
  dataDir: string,
): Promise<{ close(): Promise<void> }> {
  const path = storeSocketPath(dataDir);
  await rm(path, { force: true });
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    const lines = createInterface({ input: socket });
    lines.on("line", async (line) => {
      let call: Call;
      try {
        call = decode(line) as Call;
      } catch {
        socket.destroy();
        return;
      }
      socket.write(`${encode(await answer(store, call))}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, () => resolve());
  });
  await chmod(path, 0o600);
  return {
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(path, { force: true });
    },
  };
}

async function answer(store: Store, call: Call): Promise<Reply> {
  try {
    if (!(REPOSITORY_NAMES as readonly string[]).includes(call.repo)) {
      throw new Error(`unknown repository ${call.repo}`);
    }
    const repo = store[call.repo as keyof Store] as unknown as Record<string, unknown>;
    const method = repo[call.method];
    if (typeof method !== "function" || !Object.hasOwn(repo, call.method)) {
      throw new Error(`unknown method ${call.repo}.${call.method}`);
    }
    const result = await (method as (...args: unknown[]) => Promise<unknown>)(...call.args);
    return { id: call.id, ok: true, result: result ?? null };
  } catch (error) {
    return { id: call.id, ok: false, error: (error as Error).message };
  }
}

/** A Store whose every call is carried out by the process serving the socket. */
export async function connectStore(
  dataDir: string,
): Promise<(Store & { close(): Promise<void> }) | undefined> {
  const socket = await new Promise<Socket | undefined>((resolve) => {
    const connection = createConnection(storeSocketPath(dataDir));
    connection.once("connect", () => resolve(connection));
    connection.once("error", () => resolve(undefined));
  });
  if (!socket) return undefined;
  let nextId = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const lines = createInterface({ input: socket });
  lines.on("line", (line) => {
    const reply = decode(line) as Reply;
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (!pending) return;
    if (reply.ok) pending.resolve(reply.result === null ? undefined : reply.result);
    else pending.reject(new Error(reply.error));
  });
  socket.on("close", () => {
    for (const pending of waiting.values()) pending.reject(new Error("the bot closed the store"));
    waiting.clear();
  });
  const call = (repo: string, method: string, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      socket.write(`${encode({ id, repo, method, args })}\n`);
    });
  const store = Object.fromEntries(
    REPOSITORY_NAMES.map((repo) => [
      repo,
      new Proxy(
        {},
        {
          // "then" must stay undefined, or awaiting a repository would hang on the socket.
          get: (_target, method) =>
            method === "then"
              ? undefined
              : (...args: unknown[]) => call(repo, String(method), args),
        },
      ),
    ]),
  ) as unknown as Store;
  return {
    ...store,
    close: async () => {
      socket.end();
      await new Promise<void>((resolve) => socket.once("close", () => resolve()));
    },
  };
}
