import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cardLinks, inviteChannels } from "../../src/cli/invite-output.js";
import { parseConfig } from "../../src/config.js";
import { createI18n, translatorFor } from "../../src/i18n.js";
import { inviteCardSvg } from "../../src/render/invite-card.js";
import { jsonOf, runCli } from "../support/cli.js";
import { tempDir } from "../support/processes.js";

const ZALO_LINK = "https://zalo.me/s/1234567890123456789/";
const NEW_HEAD = ["invite", "create", "--role", "hamlet_head", "--unit", "hung-dao.nam-phong-2"];

/** The height of a PNG, from its IHDR chunk. */
function pngHeight(png: Buffer): number {
  expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
  return png.readUInt32BE(20);
}

describe("invite create and Zalo", () => {
  it("tells how to join on Zalo: type the code; with ZALO_BOT_LINK, where the bot is too", async () => {
    const dir = await tempDir();
    const plain = await runCli(NEW_HEAD, { DATA_DIR: dir, DEFAULT_LOCALE: "en" });
    expect(plain.code).toBe(0);
    const code = /Invite code: (\S+)/.exec(plain.stdout)?.[1] ?? "";
    expect(plain.lines).toContain(`On Zalo: send the code ${code} to the bot.`);

    const linked = await runCli(NEW_HEAD, { DATA_DIR: dir, ZALO_BOT_LINK: ZALO_LINK });
    expect(linked.code).toBe(0);
    const linkedCode = /Mã mời: (\S+)/.exec(linked.stdout)?.[1] ?? "";
    expect(linked.lines).toContain(
      `Trên Zalo: mở trợ lý tại ${ZALO_LINK} (hoặc quét mã QR Zalo trên thẻ mời), rồi gửi mã ${linkedCode} cho trợ lý.`,
    );
  });

  it("gives zaloLink in --json: the bot's link when set, else null", async () => {
    const dir = await tempDir();
    const without = jsonOf(await runCli([...NEW_HEAD, "--json"], { DATA_DIR: dir }));
    expect(without.zaloLink).toBeNull();
    const withLink = jsonOf(
      await runCli([...NEW_HEAD, "--json"], { DATA_DIR: dir, ZALO_BOT_LINK: ZALO_LINK }),
    );
    expect(withLink).toMatchObject({ zaloLink: ZALO_LINK, telegramLink: null });
    expect(withLink.code).toEqual(expect.any(String));
  });

  it("puts a second QR code on the card, for Zalo, when ZALO_BOT_LINK is set", async () => {
    const dir = await tempDir();
    const files = await tempDir();
    const env = { DATA_DIR: dir, TELEGRAM_BOT_USERNAME: "chungsuc_bot" };
    const single = join(files, "telegram-only.png");
    const double = join(files, "telegram-and-zalo.png");
    expect((await runCli([...NEW_HEAD, "--qr", single], env)).code).toBe(0);
    const run = await runCli([...NEW_HEAD, "--qr", double, "--json"], {
      ...env,
      ZALO_BOT_LINK: ZALO_LINK,
    });
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toMatchObject({ card: double, zaloLink: ZALO_LINK });
    // Two codes sit side by side, each smaller than the one alone: the card is shorter.
    const heightAlone = pngHeight(await readFile(single));
    const heightBoth = pngHeight(await readFile(double));
    expect(heightBoth).toBeLessThan(heightAlone - 100);
  });

  it("says on the card that Zalo's code only opens the bot: the code is still to be sent", async () => {
    const t = translatorFor(createI18n("vi"), "vi");
    const qr = () => ({ size: 21, dark: () => false });
    const card = async (env: Record<string, string>) => {
      const config = parseConfig({ TELEGRAM_BOT_USERNAME: "b_bot", ...env });
      const channels = await inviteChannels({ config, t, warn: () => undefined });
      return inviteCardSvg(
        { code: "K7PM3Q", links: cardLinks(channels, "K7PM3Q"), locale: "vi", t },
        qr,
      );
    };
    expect(await card({ ZALO_BOT_LINK: ZALO_LINK })).toContain(
      "Trên Zalo: quét mã QR Zalo để mở trợ lý,",
    );
    expect(await card({})).not.toContain("Trên Zalo");
  });
});
