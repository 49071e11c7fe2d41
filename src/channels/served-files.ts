import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Logger } from "../logger.js";
import type { OutboundFile } from "../messaging/outbound.js";
import type { FileRepository } from "../store/file-repository.js";
import type { HttpRoute } from "./http-server.js";

/** How long a served link works by default. */
export const SERVED_FILE_LIFETIME_MS = 7 * 24 * 3600_000;
/** The path prefix files are served under. */
export const SERVED_FILES_PATH = "/files/";

/** A file published for a platform (or a person) to fetch by link. */
export interface ServedFile {
  /** 32 random bytes in hex: the only thing that opens the file. */
  token: string;
  /** `${PUBLIC_URL}/files/<token><.ext>`. */
  url: string;
  expiresAt: Date;
}

/**
 * Files (charts, photos, spreadsheets) kept in the store's files under `served/` and served from
 * the bot's own HTTP endpoint by unguessable, expiring links: for platforms that fetch media
 * by URL (Zalo's sendPhoto) or cannot carry a file at all.
 */
export interface ServedFiles {
  /** Keeps the file (mode 0600) and returns its link. */
  publish(file: OutboundFile): Promise<ServedFile>;
  /** `GET /files/<token>`: the bytes with their type (a document as a download); 404 when unknown or expired. */
  readonly route: HttpRoute;
  /** Deletes expired files; returns how many went. */
  sweep(): Promise<number>;
  /** How long a link works, in milliseconds. */
  readonly lifetimeMs: number;
}

/** What the served files need. */
export interface ServedFilesOptions {
  /** The store's kept files; served files go under `served/`. */
  files: FileRepository;
  /** `PUBLIC_URL`, without a trailing slash; must be reachable from the internet for Zalo. */
  publicUrl: string;
  now: () => Date;
  logger: Logger;
  /** Default {@link SERVED_FILE_LIFETIME_MS}. */
  lifetimeMs?: number;
}

/** The folder of the kept files that served files go in. */
const SERVED_FOLDER = "served/";

const TOKEN = /^[0-9a-f]{64}$/;
const SWEEP_EVERY_MS = 3600_000;

const metaSchema = z.object({
  kind: z.enum(["photo", "document", "audio"]),
  fileName: z.string(),
  mimeType: z.string(),
  expiresAt: z.string(),
});
type Meta = z.infer<typeof metaSchema>;

/** Builds the served files over a folder; nothing is written until a file is published. */
export function createServedFiles(options: ServedFilesOptions): ServedFiles {
  const { files, now, logger } = options;
  const publicUrl = options.publicUrl.replace(/\/+$/, "");
  const lifetimeMs = options.lifetimeMs ?? SERVED_FILE_LIFETIME_MS;
  let lastSweep = 0;

  async function readMeta(token: string): Promise<Meta | undefined> {
    try {
      const kept = await files.get(metaKey(token));
      if (!kept) return undefined;
      const parsed = metaSchema.safeParse(JSON.parse(Buffer.from(kept.bytes).toString("utf8")));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }
  const bytesKey = (token: string) => `${SERVED_FOLDER}${token}`;
  const metaKey = (token: string) => `${SERVED_FOLDER}${token}.json`;
  const remove = async (token: string) => {
    await files.delete(metaKey(token));
    await files.delete(bytesKey(token));
  };

  async function sweep(): Promise<number> {
    lastSweep = now().getTime();
    const names = (await files.list(SERVED_FOLDER)).map((key) => key.slice(SERVED_FOLDER.length));
    let removed = 0;
    for (const name of names) {
      const token = name.replace(/\.json$/, "");
      if (!TOKEN.test(token) || name === token) continue;
      const meta = await readMeta(token);
      if (!meta || Date.parse(meta.expiresAt) <= now().getTime()) {
        await remove(token);
        removed += 1;
      }
    }
    return removed;
  }

  return {
    async publish(file) {
      if (now().getTime() - lastSweep > SWEEP_EVERY_MS) {
        await sweep().catch((error) => logger.warn({ err: error }, "served files: sweep failed"));
      }
      const token = randomBytes(32).toString("hex");
      const expiresAt = new Date(now().getTime() + lifetimeMs);
      // The bytes first: a link whose description exists always has its bytes.
      await files.put(bytesKey(token), { bytes: file.bytes, mimeType: file.mimeType });
      const meta: Meta = {
        kind: file.kind,
        fileName: file.fileName,
        mimeType: file.mimeType,
        expiresAt: expiresAt.toISOString(),
      };
      await files.put(metaKey(token), {
        bytes: Buffer.from(JSON.stringify(meta)),
        mimeType: "application/json",
      });
      return {
        token,
        url: `${publicUrl}${SERVED_FILES_PATH}${token}${extensionOf(file)}`,
        expiresAt,
      };
    },

    route: {
      method: "GET",
      path: SERVED_FILES_PATH,
      async handle(req, _body, res) {
        const name = (req.url ?? "").split("?")[0]?.slice(SERVED_FILES_PATH.length) ?? "";
        const token = /^([0-9a-f]{64})(?:\.[A-Za-z0-9]{1,8})?$/.exec(name)?.[1];
        const meta = token ? await readMeta(token) : undefined;
        if (!token || !meta || Date.parse(meta.expiresAt) <= now().getTime()) {
          res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
          return;
        }
        const bytes = (await files.get(bytesKey(token)).catch(() => undefined))?.bytes;
        if (!bytes) {
          res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
          return;
        }
        res.writeHead(200, {
          "content-type": safeMimeType(meta.mimeType),
          "content-length": bytes.length,
          "content-disposition": disposition(meta),
          "cache-control": "private, max-age=3600",
          "x-content-type-options": "nosniff",
        });
        res.end(bytes);
      },
    },

    sweep,
    lifetimeMs,
  };
}

/** The file name's extension, if it is a plain one: platforms may judge a link by it. */
function extensionOf(file: OutboundFile): string {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(file.fileName);
  return match ? `.${match[1]?.toLowerCase()}` : "";
}

function safeMimeType(mimeType: string): string {
  return /^[\w.+-]+\/[\w.+-]+$/.test(mimeType) ? mimeType : "application/octet-stream";
}

/**
 * Inline for a photo or a recording (played in the browser); a download under its own name
 * (Vietnamese kept via RFC 5987) for a document.
 */
function disposition(meta: Meta): string {
  if (meta.kind !== "document") return "inline";
  const ascii = meta.fileName
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\w.() -]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(meta.fileName)}`;
}
