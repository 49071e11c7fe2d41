import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningHttpServer, startHttpServer } from "../../src/channels/http-server.js";
import { createServedFiles, type ServedFiles } from "../../src/channels/served-files.js";
import { silentLogger } from "../../src/logger.js";
import { openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { tempDir } from "../support/processes.js";

let server: RunningHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setUp(): Promise<{
  files: ServedFiles;
  clock: { now: Date };
  dir: string;
  base: string;
}> {
  const dataDir = await tempDir();
  const dir = join(dataDir, "files", "served");
  const store = await openLowStore(dataDir);
  const clock = { now: new Date("2026-11-25T03:00:00Z") };
  let base = "";
  const files = createServedFiles({
    files: store.files,
    publicUrl: "http://placeholder",
    now: () => clock.now,
    logger: silentLogger(),
  });
  server = await startHttpServer(0, [files.route], silentLogger(), "127.0.0.1");
  base = `http://127.0.0.1:${server.port}`;
  return { files, clock, dir, base };
}

const local = (url: string, base: string) => url.replace("http://placeholder", base);
const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);

describe("files served by link", () => {
  it("keeps each file readable by its owner only, under an unguessable 64-hex token", async () => {
    const { files, dir } = await setUp();
    const a = await files.publish({
      kind: "photo",
      fileName: "a.png",
      mimeType: "image/png",
      bytes: PNG,
    });
    const b = await files.publish({
      kind: "photo",
      fileName: "a.png",
      mimeType: "image/png",
      bytes: PNG,
    });
    expect(a.token).toMatch(/^[0-9a-f]{64}$/);
    expect(b.token).not.toBe(a.token);
    expect(a.url).toBe(`http://placeholder/files/${a.token}.png`);
    for (const name of await readdir(dir)) {
      expect((await stat(join(dir, name))).mode & 0o777, name).toBe(0o600);
    }
  });

  it("serves a photo inline with its type, a document as a download, and 404 for unknown links", async () => {
    const { files, base } = await setUp();
    const photo = await files.publish({
      kind: "photo",
      fileName: "c.png",
      mimeType: "image/png",
      bytes: PNG,
    });
    const got = await fetch(local(photo.url, base));
    expect(got.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(PNG);

    const sheet = await files.publish({
      kind: "document",
      fileName: "Báo cáo tuần.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      bytes: PNG,
    });
    const download = await fetch(local(sheet.url, base));
    expect(download.headers.get("content-disposition")).toBe(
      `attachment; filename="Bao cao tuan.xlsx"; filename*=UTF-8''${encodeURIComponent("Báo cáo tuần.xlsx")}`,
    );
    await download.arrayBuffer();

    for (const path of [
      `/files/${"a".repeat(64)}`,
      "/files/",
      "/files/../../etc/passwd",
      `/files/${photo.token.toUpperCase()}`,
    ]) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
  });

  it("stops serving after 7 days, and a sweep deletes what expired", async () => {
    const { files, clock, dir, base } = await setUp();
    const old = await files.publish({
      kind: "photo",
      fileName: "o.png",
      mimeType: "image/png",
      bytes: PNG,
    });
    clock.now = new Date(clock.now.getTime() + 6 * 86_400_000);
    const fresh = await files.publish({
      kind: "photo",
      fileName: "f.png",
      mimeType: "image/png",
      bytes: PNG,
    });
    expect((await fetch(local(old.url, base))).status).toBe(200);
    clock.now = new Date(clock.now.getTime() + 1 * 86_400_000 + 1000);
    expect((await fetch(local(old.url, base))).status).toBe(404);
    expect(await files.sweep()).toBe(1);
    expect((await readdir(dir)).sort()).toEqual([fresh.token, `${fresh.token}.json`].sort());
    expect((await fetch(local(fresh.url, base))).status).toBe(200);
  });
});
