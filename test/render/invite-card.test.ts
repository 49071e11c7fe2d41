import { describe, expect, it } from "vitest";
import { cardLinks, inviteChannels } from "../../src/cli/invite-output.js";
import { parseConfig } from "../../src/config.js";
import { createI18n, translatorFor } from "../../src/i18n.js";
import { inviteCardSvg, type QrMatrix, renderInviteCard } from "../../src/render/invite-card.js";

const i18n = createI18n("vi");
const vi = translatorFor(i18n, "vi");

/** A stand-in QR encoder that records what it was asked to encode. */
function recordingQr(encoded: string[]): (text: string) => QrMatrix {
  return (text) => {
    encoded.push(text);
    return { size: 21, dark: (row, col) => (row + col) % 2 === 0 };
  };
}

describe("the invite card", () => {
  it("shows the Telegram link's QR code, the code in large type and the instructions in Vietnamese", () => {
    const encoded: string[] = [];
    const svg = inviteCardSvg(
      {
        code: "K7PM3Q",
        links: [{ label: "Telegram", url: "https://t.me/chungsuc_bot?start=K7PM3Q" }],
        expiresOn: "2026-12-13",
        locale: "vi",
        t: vi,
      },
      recordingQr(encoded),
    );
    expect(encoded).toEqual(["https://t.me/chungsuc_bot?start=K7PM3Q"]);
    expect(svg).toContain(">K7PM3Q</text>");
    expect(svg).toContain("Thẻ mời tham gia Chung Sức");
    expect(svg).toContain("Quét mã QR");
    expect(svg).toContain("13/12/2026");
  });

  it("encodes the code itself when there is no link, and both links side by side when there are two", async () => {
    const alone: string[] = [];
    inviteCardSvg({ code: "K7PM3Q", links: [], locale: "vi", t: vi }, recordingQr(alone));
    expect(alone).toEqual(["K7PM3Q"]);

    const both: string[] = [];
    const channels = await inviteChannels({
      config: parseConfig({ TELEGRAM_BOT_USERNAME: "b_bot", ZALO_BOT_LINK: "https://zalo.me/b" }),
      t: vi,
      warn: () => undefined,
    });
    const svg = inviteCardSvg(
      { code: "K7PM3Q", links: cardLinks(channels, "K7PM3Q"), locale: "vi", t: vi },
      recordingQr(both),
    );
    // Zalo first: most people in the province have nothing else.
    expect(both).toEqual(["https://zalo.me/b", "https://t.me/b_bot?start=K7PM3Q"]);
    expect(svg).toContain(">Telegram</text>");
    expect(svg).toContain(">Zalo</text>");
  });

  it("escapes text that would break the SVG", () => {
    const svg = inviteCardSvg({ code: "A<&>", links: [], locale: "vi", t: vi }, recordingQr([]));
    expect(svg).toContain(">A&#60;&#38;&#62;</text>");
  });

  it("renders to a PNG", async () => {
    const png = await renderInviteCard({
      code: "K7PM3Q",
      links: [{ label: "Telegram", url: "https://t.me/b?start=K7PM3Q" }],
      locale: "en",
      t: translatorFor(i18n, "en"),
    });
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(900);
  });
});
