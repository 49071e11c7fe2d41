import { afterAll, describe, expect, it } from "vitest";
import { type RunningHttpServer, startHttpServer } from "../../src/channels/http-server.js";
import { createServedFiles } from "../../src/channels/served-files.js";
import { silentLogger } from "../../src/logger.js";
import { openPgStore, type PgStore } from "../../src/store/postgres/pg-store.js";
import { postgresSkipReason, TEST_DATABASE_URL, TestSchema } from "../support/postgres.js";

const skipReason = await postgresSkipReason();
if (skipReason) console.warn(`Skipping the files served by any instance: ${skipReason}`);

const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);

describe.skipIf(skipReason !== undefined)("files of instances sharing PostgreSQL", () => {
  const schema = new TestSchema();
  const stores: PgStore[] = [];
  const servers: RunningHttpServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.close();
    for (const store of stores) await store.close();
    await schema.drop();
  });

  /** An instance's served files, behind its own HTTP server. */
  async function instance() {
    const store = await openPgStore(TEST_DATABASE_URL, { schema: schema.name });
    stores.push(store);
    const files = createServedFiles({
      files: store.files,
      publicUrl: "http://balancer",
      now: () => new Date("2026-11-25T03:00:00Z"),
      logger: silentLogger(),
    });
    const server = await startHttpServer(0, [files.route], silentLogger(), "127.0.0.1");
    servers.push(server);
    return { store, files, base: `http://127.0.0.1:${server.port}` };
  }

  it("serves a link one instance published from another, and a photo one kept", async () => {
    const a = await instance();
    const b = await instance();
    const chart = await a.files.publish({
      kind: "photo",
      fileName: "bieu-do.png",
      mimeType: "image/png",
      bytes: PNG,
    });
    // The load balancer sends Zalo's fetch of the link to the other instance.
    const fetched = await fetch(chart.url.replace("http://balancer", b.base));
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await fetched.arrayBuffer())).toEqual(PNG);

    await a.store.files.put("reports/nam-phong-2@2026-W48/1.jpg", {
      bytes: PNG,
      mimeType: "image/jpeg",
    });
    expect(await b.store.files.get("reports/nam-phong-2@2026-W48/1.jpg")).toEqual({
      bytes: PNG,
      mimeType: "image/jpeg",
    });
  });
});
