import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type SandboxServer, startSandboxServer } from "../../scripts/sandbox/server.js";
import type { Look } from "../../scripts/sandbox/wire.js";
import { sampleVoiceNote } from "../../src/testing/telegram/sample-audio.js";
import { ROOT, tempDir } from "../support/processes.js";

/** Wednesday 2 December 2026, 09:00 in Hanoi: mid-week, reports open. */
const START = new Date("2026-12-02T02:00:00Z");
const SHOTS = join(ROOT, "out", "sandbox-screenshots");
const WAIT_MS = 20_000;
const BROADCAST_TEXT = "Sáng Chủ nhật mời chị em các xóm ra quân trồng hoa hai bên đường liên xóm.";

/** Debian's chromium on PATH; the tests never download a browser. */
function chromiumPath(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of ["chromium", "chromium-browser"]) {
      if (existsSync(join(dir, name))) return join(dir, name);
    }
  }
  return undefined;
}

// A laptop with only Node skips the browser tests and says so; CI installs chromium and must run them.
const CHROMIUM = chromiumPath();
const skipReason =
  CHROMIUM || process.env.CI
    ? undefined
    : "chromium is not installed (apt-get install -y chromium)";
if (skipReason) console.warn(`Skipping the sandbox page tests: ${skipReason}`);

let sandbox: SandboxServer | undefined;
let browser: BrowserContext | undefined;
let profile: string | undefined;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
});

afterEach(async (context) => {
  // What the page showed when a step failed is the first thing to look at.
  if (context.task.result?.state === "fail") {
    await browser
      ?.pages()[0]
      ?.screenshot({ path: join(SHOTS, "failure.png"), fullPage: true })
      .catch(() => undefined);
  }
  await browser?.close();
  await sandbox?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
  browser = undefined;
  sandbox = undefined;
  profile = undefined;
});

/** A desktop screen, and a phone's (an ordinary Android phone held upright). */
const DESKTOP = { width: 1600, height: 1000 };
const PHONE = { width: 390, height: 844 };

async function openSandbox(viewport = DESKTOP): Promise<Page> {
  sandbox = await startSandboxServer({ port: 0, start: START, firstPanes: [] });
  profile = await tempDir("chung-suc-chromium-");
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM ?? "chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport,
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(WAIT_MS);
  await page.goto(sandbox.url);
  await expect
    .poll(() => page.locator("#persona option").count(), { timeout: WAIT_MS })
    .toBeGreaterThan(1);
  return page;
}

/** Opens a chat pane with the page's form, as a trainer would; resolves once the person has joined. */
async function openPane(page: Page, persona: string, look: Look, name: string): Promise<Locator> {
  await page.getByLabel("Vai").selectOption({ label: persona });
  if (persona !== "Trưởng xóm") await page.getByLabel("Xóm").waitFor({ state: "hidden" });
  await page.getByLabel("Giao diện").selectOption(look);
  await page.getByRole("button", { name: "Mở khung chat" }).click();
  const pane = page.getByRole("region", {
    name: `${name} — ${look === "telegram" ? "Telegram" : "Zalo"}`,
  });
  await bot(pane, "Chào anh/chị").waitFor();
  return pane;
}

/** The bot's messages in a pane containing a text. */
function bot(pane: Locator, text: string | RegExp): Locator {
  return pane.locator("li.msg.bot").filter({ hasText: text }).last();
}

async function type(pane: Locator, text: string): Promise<void> {
  const before = await pane.locator("li.msg").count();
  await pane.getByLabel("Tin nhắn").fill(text);
  await pane.getByRole("button", { name: "Gửi", exact: true }).click();
  // The typed line shows, and the bot answers after it.
  await expect
    .poll(() => pane.locator("li.msg").count(), { timeout: WAIT_MS })
    .toBeGreaterThan(before + 1);
}

/**
 * Picks a choice as the look offers it: a button on Telegram's latest message that has it, or on
 * Zalo the number its line carries in the bot's latest list.
 */
async function choose(pane: Locator, look: Look, label: string): Promise<void> {
  if (look === "telegram") {
    const before = await pane.locator("li.msg").allInnerTexts();
    await pane
      .locator("li.msg.bot")
      .getByRole("button", { name: label, exact: true })
      .last()
      .click();
    // The press answers with a new message or an edit of the one pressed.
    await expect
      .poll(() => pane.locator("li.msg").allInnerTexts(), { timeout: WAIT_MS })
      .not.toEqual(before);
    return;
  }
  const line = new RegExp(
    `^(\\d+)\\. (?:✓ )?${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`,
    "m",
  );
  const texts = await pane.locator("li.msg.bot").allInnerTexts();
  const number = texts
    .map((text) => line.exec(text)?.[1])
    .filter(Boolean)
    .pop();
  if (!number)
    throw new Error(`No line "${label}" in the Zalo chat:\n${texts.slice(-2).join("\n---\n")}`);
  await type(pane, number);
}

/** Whether the look shows this choice in the bot's latest message. */
async function offers(pane: Locator, look: Look, label: string): Promise<boolean> {
  const last = pane.locator("li.msg.bot").last();
  if (look === "telegram")
    return (await last.getByRole("button", { name: label, exact: true }).count()) > 0;
  return ((await last.textContent()) ?? "").includes(`. ${label}`);
}

describe.skipIf(skipReason !== undefined).each<Look>(["telegram", "zalo"])(
  "the sandbox page in the %s look",
  (look) => {
    it("files a head's report that an official's /status then shows with its chart, and carries a broadcast to a member's pane", async () => {
      const page = await openSandbox();

      // A hamlet head files this week's report: roads, 1,25 km new.
      const head = await openPane(page, "Trưởng xóm", look, "Hoàng Văn Thắng");
      // Above the chat, the printed card he was handed, named after him, with the code he typed.
      const card = head.locator("li.msg.card").first();
      await card.getByText("Thẻ mời phát cho Hoàng Văn Thắng").waitFor();
      const cardImage = card.getByRole("img", { name: "Thẻ mời của Hoàng Văn Thắng" });
      await expect
        .poll(() => cardImage.evaluate((img: HTMLImageElement) => img.naturalWidth))
        .toBeGreaterThan(400);
      const cardFile = await card
        .getByRole("link", { name: /^Tải về hoang-van-thang-/ })
        .getAttribute("download");
      // The chat's first line is the code he typed ("/start CODE" on Telegram, "CODE" on Zalo).
      const typed = /(\w+)\s*$/.exec(
        (await head.locator("li.msg.user").first().textContent()) ?? "",
      )?.[1];
      expect(cardFile).toBe(`hoang-van-thang-${typed}.png`);
      await choose(head, look, "Báo cáo tuần này");
      await choose(head, look, "Đường giao thông");
      // Zalo takes the numbers of all the jobs at once; Telegram ticks them, then "Xong".
      if (look === "telegram") await choose(head, look, "Xong ✓");
      await type(head, "1.250 m");
      while (!(await offers(head, look, "Xem lại và gửi →"))) await type(head, "0");
      await choose(head, look, "Xem lại và gửi →");
      await choose(head, look, "Gửi báo cáo");
      await bot(head, "Đã nhận báo cáo").waitFor();

      // The commune official asks for the status: the report just filed is in it, with the chart.
      const official = await openPane(page, "Cán bộ phường Thục Phán", look, "Lục Văn Minh");
      await type(official, "/status");
      // The report filed a moment ago is counted, and its 1.250 m of new road is in the results.
      await bot(official, /Báo cáo: 1\/\d+ xóm/).waitFor();
      await bot(official, /Đường bê tông hóa mới: 1,\d+ km/).waitFor();
      const chart = official.locator("li.msg.bot img").last();
      await chart.waitFor();
      await expect
        .poll(() => chart.evaluate((img: HTMLImageElement) => img.naturalWidth), {
          timeout: WAIT_MS,
        })
        .toBeGreaterThan(200);
      await official.screenshot({ path: join(SHOTS, `${look}-status.png`) });

      // A Women's Union broadcast, approved, arrives in a member's pane.
      const member = await openPane(page, "Hội viên Hội Phụ nữ", look, "Nông Thị Hoa");
      const broadcaster = await openPane(
        page,
        "Cán bộ Hội Phụ nữ phường (gửi tin)",
        look,
        "Lý Thị Mai",
      );
      const approver = await openPane(page, "Người duyệt tin của phường", look, "Nông Văn Bình");
      await type(broadcaster, "/broadcast");
      await choose(broadcaster, look, "Tin tuyên truyền");
      await type(broadcaster, BROADCAST_TEXT);
      await choose(broadcaster, look, "Không kèm ảnh");
      await choose(broadcaster, look, "Cả phường Thục Phán");
      await choose(broadcaster, look, "Tất cả hội viên Hội Liên hiệp Phụ nữ");
      await choose(broadcaster, look, "Gửi ngay");
      await bot(approver, BROADCAST_TEXT).waitFor();
      await choose(approver, look, "Duyệt");
      await bot(member, BROADCAST_TEXT).waitFor();

      await page.screenshot({ path: join(SHOTS, `${look}-page.png`), fullPage: true });
    }, 180_000);
  },
);

describe.skipIf(skipReason !== undefined)("a recording in the sandbox", () => {
  it("goes out with a broadcast from a Telegram pane and plays in a member's Zalo pane", async () => {
    const page = await openSandbox();
    const member = await openPane(page, "Hội viên Hội Phụ nữ", "zalo", "Nông Thị Hoa");
    const broadcaster = await openPane(
      page,
      "Cán bộ Hội Phụ nữ phường (gửi tin)",
      "telegram",
      "Lý Thị Mai",
    );
    const approver = await openPane(
      page,
      "Người duyệt tin của phường",
      "telegram",
      "Nông Văn Bình",
    );
    await type(broadcaster, "/broadcast");
    await choose(broadcaster, "telegram", "Tin tuyên truyền");
    await type(broadcaster, BROADCAST_TEXT);
    // The reading in Tày, recorded on a phone, attached where a photo could be.
    const before = await broadcaster.locator("li.msg").count();
    await broadcaster.getByLabel("Gửi ảnh hoặc ghi âm").setInputFiles({
      name: "bai-doc-tieng-tay.ogg",
      mimeType: "audio/ogg",
      buffer: Buffer.from(sampleVoiceNote(3)),
    });
    await expect
      .poll(() => broadcaster.locator("li.msg").count(), { timeout: WAIT_MS })
      .toBeGreaterThan(before + 1);
    await broadcaster.locator("li.msg.user audio").waitFor();
    await choose(broadcaster, "telegram", "Cả phường Thục Phán");
    await choose(broadcaster, "telegram", "Tất cả hội viên Hội Liên hiệp Phụ nữ");
    await choose(broadcaster, "telegram", "Gửi ngay");
    await bot(approver, BROADCAST_TEXT).waitFor();
    await approver.locator("li.msg.bot audio").waitFor();
    await choose(approver, "telegram", "Duyệt");

    // On Zalo the recording is a link to play: the pane plays it and offers it to download.
    await bot(member, "Nghe bản ghi âm tại").waitFor();
    const player = bot(member, "Nghe bản ghi âm tại").getByLabel("Ghi âm");
    const source = await player.getAttribute("src");
    const heard = await page.request.get(new URL(source ?? "", sandbox?.url).toString());
    expect(heard.ok()).toBe(true);
    expect(
      Buffer.from(await heard.body())
        .subarray(0, 4)
        .toString("latin1"),
    ).toBe("OggS");
    await page.screenshot({ path: join(SHOTS, "recording.png"), fullPage: true });
  }, 180_000);
});

describe.skipIf(skipReason !== undefined)("a household's shared phone in the sandbox", () => {
  it("opens one Zalo chat for two people: the second code asks, and both are on the phone", async () => {
    const page = await openSandbox();
    const phone = await openPane(
      page,
      "Hai người dùng chung một điện thoại",
      "zalo",
      "Lương Văn Đức · Lương Thị Nga",
    );
    await bot(phone, "Thêm Lương Thị Nga vào cùng điện thoại này?").waitFor();
    await bot(phone, "Đã thêm Lương Thị Nga vào điện thoại này.").waitFor();
    await bot(phone, "Chào anh/chị Lương Văn Đức").waitFor();
    await bot(phone, "Chào anh/chị Lương Thị Nga").waitFor();
    // Whose data: the phone asks, since two people use it.
    await type(phone, "/mydata");
    await bot(phone, "Anh/chị là ai?").waitFor();
  }, 120_000);
});

/**
 * The contrast ratio (WCAG 2) of an element's text against the first background behind it
 * that is painted, run in the page.
 */
function contrastOf(element: Element): number {
  const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
    const linear = (c: number) => {
      const v = c / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  let behind: Element | null = element;
  let background = "rgb(255, 255, 255)";
  while (behind) {
    const painted = getComputedStyle(behind).backgroundColor;
    const alpha = rgb(painted)[3];
    if (painted !== "transparent" && alpha !== 0) {
      background = painted;
      break;
    }
    behind = behind.parentElement;
  }
  const [light, dark] = [
    luminance(rgb(getComputedStyle(element).color)),
    luminance(rgb(background)),
  ].sort((a, b) => b - a);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

describe.skipIf(skipReason !== undefined)("the sandbox page on a phone", () => {
  it("fits a phone's width, is used from the keyboard, and its texts are readable", async () => {
    const page = await openSandbox(PHONE);
    const head = await openPane(page, "Trưởng xóm", "telegram", "Hoàng Văn Thắng");

    // Nothing wider than the phone: no sideways scrolling, the chat within the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    const box = await head.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);

    // From the keyboard alone: type and press Enter, then reach a button and press Enter.
    await head.getByLabel("Tin nhắn").focus();
    await page.keyboard.type("/report");
    await page.keyboard.press("Enter");
    const roads = head
      .locator("li.msg.bot")
      .last()
      .getByRole("button", { name: "Đường giao thông" });
    await roads.waitFor();
    await roads.focus();
    await page.keyboard.press("Enter");
    await head.getByRole("button", { name: "✓ Đường giao thông" }).waitFor();

    // Texts against their backgrounds: at least 4.5:1, as WCAG asks of body text.
    for (const selector of [
      "h1",
      ".intro",
      "li.msg.bot",
      "li.msg.user",
      ".buttons button",
      ".composer button",
      "label",
    ]) {
      const ratios = await page.locator(selector).evaluateAll((elements, source) => {
        const measure = new Function(`return (${source})`)() as (element: Element) => number;
        return elements.filter((e) => (e as HTMLElement).offsetParent !== null).map(measure);
      }, contrastOf.toString());
      expect(ratios.length, selector).toBeGreaterThan(0);
      for (const ratio of ratios) expect(ratio, selector).toBeGreaterThanOrEqual(4.5);
    }
    await page.screenshot({ path: join(SHOTS, "phone.png"), fullPage: true });
  }, 120_000);
});

describe.skipIf(skipReason !== undefined)("the sandbox page's controls", () => {
  it("moves the bot's clock to Friday 08:00 so an unreported head is reminded, and 'Làm lại từ đầu' returns to the start", async () => {
    const page = await openSandbox();
    await page.getByLabel("Vai").selectOption({ label: "Trưởng xóm" });
    await page.getByLabel("Xóm").selectOption({ label: "Xóm Đà Quận (Phường Thục Phán)" });
    const head = await openPane(page, "Trưởng xóm", "telegram", "Lương Văn Cường");
    await expect(bot(head, "chưa có báo cáo tuần này").count()).resolves.toBe(0);

    await page.getByRole("button", { name: "Sang thứ Sáu 08:00 (nhắc báo cáo)" }).click();
    await page
      .locator("#clock-now")
      .filter({ hasText: /Thứ Sáu.*4\/12\/2026/ })
      .waitFor();
    await bot(head, "Xóm Đà Quận chưa có báo cáo tuần này").waitFor();

    await page.getByRole("button", { name: "Làm lại từ đầu" }).click();
    await page.getByRole("status").filter({ hasText: "Đã làm lại từ đầu" }).waitFor();
    // The same people, joined afresh on Wednesday: the reminder is gone with the old week.
    await page
      .locator("#clock-now")
      .filter({ hasText: /Thứ Tư.*2\/12\/2026/ })
      .waitFor();
    await bot(head, "Chào anh/chị Lương Văn Cường").waitFor();
    await expect(bot(head, "chưa có báo cáo tuần này").count()).resolves.toBe(0);
  }, 120_000);
});
