import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { tempDir } from "../support/processes.js";

async function file(text: string): Promise<string> {
  const path = join(await tempDir(), "rename.csv");
  await writeFile(path, text);
  return path;
}

const week = (w: number) => ["summary", "--area", "thuc-phan", "--period", `2026-W${w}`];

describe("units import renaming a hamlet from a date", () => {
  it("names xóm Nam Phong 2 a tổ dân phố from that week on, and keeps the old name before", async () => {
    const env = { DATA_DIR: await tempDir() };
    const csv = await file(
      "id,name,kind,from\nhung-dao.nam-phong-2,Tổ dân phố Nam Phong 2,hamlet,2026-11-23\n",
    );
    const run = await runCli(["units", "import", csv], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Đã thêm 0, cập nhật 1, giữ nguyên 0.");

    // Each CLI run syncs the shipped units first, as a bot's start does: the rename stays.
    const after = (await runCli(week(48), env)).stdout;
    expect(after).toContain("Tổ dân phố Nam Phong 2");
    expect(after).not.toContain("Xóm Nam Phong 2");
    const before = (await runCli(week(47), env)).stdout;
    expect(before).toContain("Xóm Nam Phong 2");
    expect(before).not.toContain("Tổ dân phố Nam Phong 2");

    // The unit list names it as today, says from when, and writes dates as people read them.
    const list = (await runCli(["units", "list", "--under", "thuc-phan"], env)).stdout;
    const row = list.split("\n").find((line) => line.startsWith("hung-dao.nam-phong-2 ")) ?? "";
    expect(row).toContain("Tổ dân phố Nam Phong 2");
    expect(row).toContain("tên “Tổ dân phố Nam Phong 2” từ 23/11/2026");
    const all = (await runCli(["units", "list"], env)).stdout;
    expect(all).toContain("đến 30/06/2025");
    expect(all).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("refuses a rename of a unit that does not exist, or a date that does not, importing nothing", async () => {
    const env = { DATA_DIR: await tempDir() };
    const csv = await file(
      "id,name,kind,from\nhung-dao.khong-co,Tổ dân phố Không Có,hamlet,2026-11-23\nhung-dao.nam-phong-2,Tổ dân phố Nam Phong 2,hamlet,2026-02-30\n",
    );
    const run = await runCli(["units", "import", csv], env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('chưa có đơn vị "hung-dao.khong-co"');
    expect(run.stderr).toContain('"2026-02-30" không phải là ngày hợp lệ');
    expect((await runCli(week(48), env)).stdout).not.toContain("Tổ dân phố");
  });
});
