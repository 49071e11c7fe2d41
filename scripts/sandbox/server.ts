import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { BodyTooLargeError, readBody } from "../../src/channels/http-server.js";
import { LOCALES, type Locale } from "../../src/domain/member.js";
import { defaultLocalesDir } from "../../src/i18n.js";
import { CAST, HEAD_OF } from "./cast.js";
import type { PaneView } from "./wire.js";
import { JUMPS, type Jump, type Pane, type PaneSpec, SandboxError, SandboxWorld } from "./world.js";

/** How the sandbox server starts. */
export interface SandboxServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** The bot clock's first reading (default: now). */
  start?: Date;
  /** The panes the page shows when it first loads (default: a head, a member, an official). */
  firstPanes?: Array<Omit<PaneSpec, "lang">>;
}

/** The running sandbox: its address, and how to stop it. */
export interface SandboxServer {
  url: string;
  close(): Promise<void>;
}

/** The panes opened when the page first loads: a head, a member and an official. */
const FIRST_PANES: Array<Omit<PaneSpec, "lang">> = [
  { personaId: `${HEAD_OF}hung-dao.nam-phong-2`, look: "telegram" },
  { personaId: "member", look: "zalo" },
  { personaId: "official", look: "telegram" },
];

const POLL_MS = 120;
const PHOTO_LIMIT = 5 * 1024 * 1024;
/** A recording the bot keeps is at most 20 MB. */
const AUDIO_LIMIT = 20 * 1024 * 1024;
const PROJECT = projectRoot();
const PAGE_DIR = join(PROJECT, "scripts", "sandbox", "page");
const SCRIPT_DIR = join(PROJECT, "dist", "scripts", "sandbox", "page");

/**
 * The sandbox's HTTP server on 127.0.0.1: the page, a small JSON API that plays the user side
 * of the emulators, and Server-Sent Events carrying every new or changed message of each pane.
 */
export async function startSandboxServer(options: SandboxServerOptions): Promise<SandboxServer> {
  let base = "";
  const startWorld = () => SandboxWorld.start({ start: options.start, uploadBase: () => base });
  let world = await startWorld();
  let firstLoad = true;
  /** World changes (open, reset, jumps) go one at a time. */
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const listeners = new Set<ServerResponse>();
  const sent = new Map<string, Map<string, string>>();

  const broadcast = (event: string, data: unknown) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const listener of listeners) listener.write(frame);
  };
  const paneView = (pane: Pane): PaneView => ({
    id: pane.id,
    personaId: pane.spec.personaId,
    look: pane.spec.look,
    name: pane.persona.invites.map((invite) => invite.name).join(" · "),
  });
  const publishPanes = () => {
    broadcast("panes", {
      panes: world.openPanes().map(paneView),
      clock: world.now().toISOString(),
    });
  };
  const poll = setInterval(() => {
    for (const pane of world.openPanes()) {
      const known = sent.get(pane.id) ?? new Map<string, string>();
      sent.set(pane.id, known);
      for (const message of pane.messages()) {
        const key = JSON.stringify(message);
        if (known.get(message.id) === key) continue;
        known.set(message.id, key);
        broadcast("message", { pane: pane.id, message });
      }
    }
  }, POLL_MS);

  const openPane = async (spec: PaneSpec): Promise<Pane> => {
    const pane = await world.openPane(spec);
    publishPanes();
    return pane;
  };

  const api: Record<string, (body: Record<string, unknown>, id?: string) => Promise<unknown>> = {
    "GET setup": async () =>
      exclusive(async () => {
        if (firstLoad && world.openPanes().length === 0) {
          firstLoad = false;
          for (const spec of options.firstPanes ?? FIRST_PANES)
            await openPane({ ...spec, lang: "vi" });
        }
        return {
          personas: CAST.map((persona) => ({ id: persona.id, key: persona.key })),
          hamlets: await world.hamlets(),
          jumps: Object.keys(JUMPS),
          panes: world.openPanes().map(paneView),
          clock: world.now().toISOString(),
          timeZone: world.config.timeZone,
          strings: await pageStrings(),
        };
      }),
    "POST panes": async (body) => exclusive(async () => paneView(await openPane(paneSpec(body)))),
    "DELETE panes": async (_body, id) => {
      world.closePane(id ?? "");
      sent.delete(id ?? "");
      publishPanes();
      return {};
    },
    "POST send": async (body, id) => {
      await paneOf(id).send(text(body.text));
      return {};
    },
    "POST press": async (body, id) => {
      await paneOf(id).press(text(body.messageId), text(body.button));
      return {};
    },
    "POST clock": async (body) =>
      exclusive(async () => {
        const to = text(body.to);
        if (!(to in JUMPS)) throw new SandboxError("badRequest");
        await world.jump(to as Jump);
        publishPanes();
        return { clock: world.now().toISOString() };
      }),
    "POST reset": async () =>
      exclusive(async () => {
        const specs = world.openPanes().map((pane) => pane.spec);
        await world.stop();
        world = await startWorld();
        sent.clear();
        broadcast("reset", {});
        for (const spec of specs) await openPane(spec);
        return { panes: world.openPanes().map(paneView) };
      }),
  };

  const paneOf = (id: string | undefined): Pane => {
    const pane = world.pane(id ?? "");
    if (!pane) throw new SandboxError("unknownPane");
    return pane;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const key = error instanceof SandboxError ? error.key : "failed";
      if (!res.headersSent) json(res, error instanceof SandboxError ? 400 : 500, { error: key });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sandbox");
    const path = url.pathname;
    const method = req.method ?? "GET";
    if (method === "GET" && (path === "/" || path === "/index.html")) {
      return file(res, join(PAGE_DIR, "index.html"), "text/html; charset=utf-8");
    }
    if (method === "GET" && path === "/style.css") {
      return file(res, join(PAGE_DIR, "style.css"), "text/css; charset=utf-8");
    }
    if (method === "GET" && /^\/[a-z-]+\.js$/.test(path)) {
      return file(res, join(SCRIPT_DIR, path.slice(1)), "text/javascript; charset=utf-8");
    }
    if (method === "GET" && path === "/api/events") return events(res);
    if (method === "GET" && path.startsWith("/media/telegram/")) {
      const found = world.telegramFile(decodeURIComponent(path.slice("/media/telegram/".length)));
      if (!found) return notFound(res);
      return bytes(res, found.bytes, found.mimeType ?? "application/octet-stream", found.name);
    }
    if (method === "GET" && path.startsWith("/media/card/")) {
      const card = world.card(decodeURIComponent(path.slice("/media/card/".length)));
      if (!card) return notFound(res);
      return bytes(res, card.png, "image/png", card.fileName);
    }
    if (method === "GET" && path === "/media/link")
      return proxyLink(res, url.searchParams.get("u"));
    if (method === "GET" && path.startsWith("/uploads/")) {
      const upload = world.upload(path.slice("/uploads/".length));
      if (!upload) return notFound(res);
      return bytes(res, upload.bytes, upload.mimeType);
    }
    if (method === "POST" && /^\/api\/panes\/[a-z0-9]+\/photo$/.test(path)) {
      const id = path.split("/")[3];
      const body = await bodyOf(req, PHOTO_LIMIT);
      const mimeType = req.headers["content-type"] ?? "";
      if (!/^image\/(png|jpeg)$/.test(mimeType)) throw new SandboxError("notAPhoto");
      const caption = url.searchParams.get("caption") ?? undefined;
      await paneOf(id).sendPhoto(body, mimeType, caption || undefined);
      return json(res, 200, {});
    }
    if (method === "POST" && /^\/api\/panes\/[a-z0-9]+\/audio$/.test(path)) {
      const id = path.split("/")[3];
      const body = await bodyOf(req, AUDIO_LIMIT);
      if (!/^audio\//.test(req.headers["content-type"] ?? "")) throw new SandboxError("notAudio");
      const name = url.searchParams.get("name") || "ghi-am.ogg";
      const caption = url.searchParams.get("caption") ?? undefined;
      await paneOf(id).sendAudio(body, name, caption || undefined);
      return json(res, 200, {});
    }
    const route = apiRoute(method, path);
    if (!route) return notFound(res);
    const handler = api[route.name];
    if (!handler) return notFound(res);
    const raw = method === "POST" ? await bodyOf(req, 64 * 1024) : new Uint8Array();
    const body = raw.length > 0 ? parseJson(raw) : {};
    return json(res, 200, await handler(body, route.id));
  }

  function events(res: ServerResponse): void {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
    });
    listeners.add(res);
    // A page (re)connecting gets every pane's chat so far.
    for (const pane of world.openPanes()) {
      for (const message of pane.messages()) {
        res.write(`event: message\ndata: ${JSON.stringify({ pane: pane.id, message })}\n\n`);
      }
    }
    res.on("close", () => listeners.delete(res));
  }

  async function proxyLink(res: ServerResponse, link: string | null): Promise<void> {
    if (!link || !world.servesLink(link)) return notFound(res);
    const answer = await fetch(link);
    if (!answer.ok) return notFound(res);
    const name = new URL(link).pathname.split("/").pop();
    const type = answer.headers.get("content-type") ?? "application/octet-stream";
    return bytes(res, new Uint8Array(await answer.arrayBuffer()), type, name);
  }

  try {
    await new Promise<void>((done, fail) => {
      server.once("error", fail);
      server.listen(options.port, "127.0.0.1", done);
    });
  } catch (error) {
    clearInterval(poll);
    await world.stop();
    throw error;
  }
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/`,
    async close() {
      clearInterval(poll);
      for (const listener of listeners) listener.end();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await queue;
      await world.stop();
    },
  };
}

/** The page's texts in both languages, from `locales/<lang>/sandbox.json`. */
async function pageStrings(): Promise<Record<string, unknown>> {
  const dir = defaultLocalesDir();
  const strings: Record<string, unknown> = {};
  for (const lang of LOCALES) {
    strings[lang] = JSON.parse(await readFile(join(dir, lang, "sandbox.json"), "utf8"));
  }
  return strings;
}

function apiRoute(method: string, path: string): { name: string; id?: string } | undefined {
  const paneAction = /^\/api\/panes\/([a-z0-9]+)(?:\/(send|press))?$/.exec(path);
  if (paneAction) {
    const [, id, action] = paneAction;
    if (method === "DELETE" && !action) return { name: "DELETE panes", id };
    if (method === "POST" && action) return { name: `POST ${action}`, id };
    return undefined;
  }
  const plain = /^\/api\/([a-z]+)$/.exec(path);
  return plain ? { name: `${method} ${plain[1]}` } : undefined;
}

function paneSpec(body: Record<string, unknown>): PaneSpec {
  const look = body.look;
  const lang = body.lang;
  if (look !== "telegram" && look !== "zalo") throw new SandboxError("badRequest");
  if (!LOCALES.includes(lang as Locale)) throw new SandboxError("badRequest");
  return { personaId: text(body.personaId), look, lang: lang as Locale };
}

function text(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 4000) {
    throw new SandboxError("badRequest");
  }
  return value;
}

function parseJson(raw: Uint8Array): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw).toString("utf8"));
    if (typeof value === "object" && value !== null) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new SandboxError("badRequest");
}

/** A request's body, refused as too large past `limit` bytes. */
async function bodyOf(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  try {
    return await readBody(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new SandboxError("tooLarge");
    throw error;
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

function notFound(res: ServerResponse): void {
  json(res, 404, { error: "notFound" });
}

async function file(res: ServerResponse, path: string, type: string): Promise<void> {
  const content = await readFile(path).catch(() => undefined);
  if (!content) return notFound(res);
  res.writeHead(200, { "content-type": type, "cache-control": "no-store" });
  res.end(content);
}

function bytes(res: ServerResponse, content: Uint8Array, type: string, name?: string): void {
  res.writeHead(200, {
    "content-type": type,
    ...(name
      ? { "content-disposition": `inline; filename*=UTF-8''${encodeURIComponent(name)}` }
      : {}),
  });
  res.end(content);
}

/** The project's root: the folder holding package.json above this file (in src or dist). */
function projectRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("package.json not found above the sandbox");
    dir = parent;
  }
  return resolve(dir);
}
