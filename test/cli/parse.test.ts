import { describe, expect, it } from "vitest";
import { jsonOf, runCli } from "../support/cli.js";
import { tempDir } from "../support/processes.js";

describe("npm run cli -- parse", () => {
  it("prints the value in the field's unit, as the bot would store it", async () => {
    const env = { DATA_DIR: await tempDir() };
    const km = await runCli(["parse", "1,2 km", "--field", "roadConcretedM"], env);
    expect(km.code).toBe(0);
    expect(km.stdout).toBe("1.200 m\n");
    const money = await runCli(["parse", "500 nghìn", "--field", "fundsPeopleMillionVnd"], env);
    expect(money.stdout).toBe("0,5 triệu đồng\n");
    const none = await runCli(["parse", "ko", "--field", "labourDays"], env);
    expect(none.stdout).toBe("0 ngày công\n");
  });

  it("prints the reason the bot would ask again, and exits 1", async () => {
    const env = { DATA_DIR: await tempDir() };
    const vague = await runCli(["parse", "nhiều", "--field", "roadConcretedM"], env);
    expect(vague.code).toBe(1);
    expect(vague.stdout).toContain("Tôi chưa hiểu số này");
    const wrongUnit = await runCli(["parse", "2 triệu", "--field", "roadConcretedM"], env);
    expect(wrongUnit.code).toBe(1);
    expect(wrongUnit.stdout).toContain("Mục này tính bằng m");
  });

  it("answers in JSON with --json, and in English with DEFAULT_LOCALE=en", async () => {
    const env = { DATA_DIR: await tempDir(), DEFAULT_LOCALE: "en" };
    const run = await runCli(["parse", "khoảng 1.500", "--field", "labourDays", "--json"], env);
    expect(jsonOf(run)).toEqual({
      field: "labourDays",
      text: "khoảng 1.500",
      unit: "ngày công",
      kind: "value",
      value: 1500,
      approximate: true,
    });
    const skip = await runCli(["parse", "bỏ qua", "--field", "labourDays"], env);
    expect(skip.stdout).toBe("Skipped: no number given for this field.\n");
  });

  it("names the fields when the one given does not exist, and needs --field", async () => {
    const env = { DATA_DIR: await tempDir() };
    const unknown = await runCli(["parse", "3", "--field", "roads"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Không có mục "roads"');
    expect(unknown.stderr).toContain("roadConcretedM");
    const missing = await runCli(["parse", "3"], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--field");
  });
});
