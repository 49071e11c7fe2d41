import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  restoreBackup,
  writeBackupTo,
  writeRotatedBackup,
} from "../../../src/features/admin/backups.js";
import { writePhoto } from "../../../src/features/reporting/photo-storage.js";
import { backupFilesFolder } from "../../../src/store/backup-files.js";
import { openLowStore } from "../../../src/store/lowdb/lowdb-store.js";
import { tempDir } from "../../support/processes.js";

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8]);
const SHEET = Buffer.from("PK\u0003\u0004 a spreadsheet sent to 2,000 members");

/** A data folder with a report photo, a queued message's file and a served (temporary) file. */
async function dataDirWithFiles() {
  const dataDir = await tempDir();
  const store = await openLowStore(dataDir);
  const photo = await writePhoto(store.files, "reports/hung-dao.nam-phong-2-2026-W48", "p1", JPEG);
  const payloadId = await store.outbox.savePayload({
    text: "Bảng tổng hợp tuần",
    file: {
      kind: "document",
      fileName: "tong-hop.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      base64: SHEET.toString("base64"),
    },
  });
  await mkdir(join(dataDir, "files", "served"), { recursive: true });
  await writeFile(join(dataDir, "files", "served", "tok.png"), "a temporary link");
  return { dataDir, store, photo, payloadId };
}

const options = (dataDir: string, keep = 14) => ({
  dataDir,
  keep,
  now: () => new Date("2026-11-29T12:00:00Z"),
  timeZone: "Asia/Ho_Chi_Minh",
});

describe("backups keep the files their snapshot refers to", () => {
  it("brings a report photo and a queued message's file back with a restore", async () => {
    const { dataDir, store, photo, payloadId } = await dataDirWithFiles();
    const written = await writeRotatedBackup(store, options(dataDir));
    await store.close();
    expect(written.filesFolder).toBe(backupFilesFolder(written.file));
    expect(written.files).toBe(2);
    // Hard-linked, not copied: a daily backup costs no disk space for unchanged photos.
    const kept = await stat(join(written.filesFolder, photo.file));
    expect(kept.ino).toBe((await stat(join(dataDir, "files", photo.file))).ino);
    expect((await stat(written.filesFolder)).mode & 0o777).toBe(0o700);

    const target = join(await tempDir(), "restored");
    const result = await restoreBackup(target, written.file);
    expect(result).toMatchObject({ ok: true, files: 2 });

    const restoredPhoto = join(target, "files", photo.file);
    expect(new Uint8Array(await readFile(restoredPhoto))).toEqual(JPEG);
    expect((await stat(restoredPhoto)).mode & 0o777).toBe(0o600);
    // Copied, not linked: the restored folder shares nothing with the backup.
    expect((await stat(restoredPhoto)).ino).not.toBe(kept.ino);
    const restored = await openLowStore(target);
    const payload = await restored.outbox.payload(payloadId);
    await restored.close();
    expect(Buffer.from(payload?.file?.base64 ?? "", "base64")).toEqual(SHEET);
    for (const name of await readdir(join(target, "files"))) {
      if (name === "reports") continue;
      expect((await stat(join(target, "files", name))).mode & 0o777).toBe(0o600);
    }
  });

  it("does not keep served files, which are only temporary links", async () => {
    const { dataDir, store } = await dataDirWithFiles();
    const written = await writeBackupTo(store, join(await tempDir(), "snapshot.json"), dataDir);
    await store.close();
    expect(written.filesFolder).toMatch(/snapshot\.files$/);
    expect((await readdir(written.filesFolder)).sort()).not.toContain("served");
    const target = await tempDir();
    await restoreBackup(target, written.file);
    await expect(stat(join(target, "files", "served"))).rejects.toThrow();
  });

  it("removes an old backup's files folder together with its snapshot", async () => {
    const { dataDir, store } = await dataDirWithFiles();
    let day = 0;
    const written = [];
    for (; day < 3; day++) {
      const now = new Date(Date.parse("2026-11-20T19:30:00Z") + day * 86_400_000);
      written.push(await writeRotatedBackup(store, { ...options(dataDir, 2), now: () => now }));
    }
    await store.close();
    expect(written[2]?.removed).toEqual([written[0]?.file]);
    expect((await readdir(join(dataDir, "backups"))).sort()).toEqual([
      "chung-suc-2026-11-22T023000.files",
      "chung-suc-2026-11-22T023000.json",
      "chung-suc-2026-11-23T023000.files",
      "chung-suc-2026-11-23T023000.json",
    ]);
    // The live photo is untouched by removing the old backup's link to it.
    expect((await readdir(join(dataDir, "files", "reports"))).length).toBe(1);
  });

  it("restores a backup written before backups kept files, saying so", async () => {
    const { store } = await dataDirWithFiles();
    const file = join(await tempDir(), "old.json");
    await store.maintenance.backup(file);
    await store.close();
    const result = await restoreBackup(await tempDir(), file);
    expect(result).toMatchObject({ ok: true, files: null });
  });
});
