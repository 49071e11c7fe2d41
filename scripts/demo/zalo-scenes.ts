import type { TelegramEmulator } from "../../src/testing/telegram/index.js";
import type { ZaloEmulator } from "../../src/testing/zalo/index.js";
import { DemoPerson, type Print } from "./transcript.js";
import { ZaloDemoPerson } from "./zalo-person.js";

/** What the Zalo scenes need from the demo script. */
export interface ZaloSceneEnv {
  /** The running Zalo emulator the bot polls (ZALO_BOT_TOKEN / ZALO_API_ROOT point at it). */
  zalo: ZaloEmulator;
  /** The Telegram emulator, for the member who is on both. */
  telegram: TelegramEmulator;
  /** Runs the admin CLI against the running bot's data folder; resolves with its stdout. */
  cli: (...args: string[]) => Promise<string>;
  print: Print;
  /** Prints a scene title. */
  scene: (title: string) => void;
  /**
   * An official who already joined on Telegram, to bind Zalo to (their member's name, as
   * invited). Without it the scenes invite one of their own on Telegram first.
   */
  official?: { name: string; person: DemoPerson };
}

/** Creates an invite through the CLI, printing the command (and `note`), and returns its code. */
async function invite(env: ZaloSceneEnv, args: string[], note = ""): Promise<string> {
  const created = JSON.parse(await env.cli("invite", "create", ...args, "--json")) as {
    code: string;
  };
  env.print(`  $ npm run cli -- invite create ${args.map(quoted).join(" ")}`);
  env.print(`  → mã ${created.code}${note}`);
  return created.code;
}

// Zalo has no link that carries a code: the person opens the bot and types it.
const ON_ZALO = " (trên Zalo: gõ mã này cho trợ lý)";

function quoted(arg: string): string {
  return /\s/.test(arg) ? `"${arg}"` : arg;
}

/**
 * The demo's Zalo scenes: a hamlet head joins on Zalo by typing the code, files the weekly
 * report with numbered answers ("1 3", a messy number, a wrong number re-asked), and an
 * official already on Telegram binds Zalo with a `--member` invite, so one member is on both,
 * and asks for the week's status on Zalo ("tình hình").
 */
export async function playZaloScenes(env: ZaloSceneEnv): Promise<void> {
  const { zalo, print, scene } = env;

  scene("Trưởng xóm Nam Phong 1 dùng Zalo: tham gia bằng cách gõ mã mời");
  const headCode = await invite(
    env,
    ["--role", "hamlet_head", "--unit", "hung-dao.nam-phong-1", "--name", "Đàm Văn Sơn"],
    ON_ZALO,
  );
  const son = new ZaloDemoPerson("Sơn", zalo.user({ displayName: "Đàm Sơn" }), print);
  await son.says("xin chào");
  await son.says(headCode.toLowerCase());

  scene("Trưởng xóm báo cáo tuần trên Zalo: không có nút bấm, trả lời bằng số");
  await son.says("báo cáo");
  await son.says("1 3");
  for (const typed of ["800m", "0", "3 triệu rưỡi", "không", "nhiều lắm", "45", "0"]) {
    await son.says(typed);
  }
  await son.says("9");
  await son.picks("Khó khăn, kiến nghị");
  await son.says("Xóm cần thêm 20 bao xi măng để làm nốt đoạn đường lên Khuổi Khiêng.");
  await son.picks("Xem lại và gửi →");
  await son.picks("Gửi báo cáo");

  scene("Cán bộ phường đã dùng Telegram gắn thêm Zalo: một thành viên, hai nơi nhắn tin");
  const official = env.official ?? (await officialOnTelegram(env));
  const { members } = JSON.parse(await env.cli("members", "list", "--json")) as {
    members: { id: string; name: string }[];
  };
  const memberId = members.find((member) => member.name === official.name)?.id;
  if (!memberId) throw new Error(`${official.name} is not a member`);
  const bindCode = await invite(env, ["--member", memberId], ON_ZALO);
  const onZalo = new ZaloDemoPerson(
    official.person.name,
    zalo.user({ displayName: official.name }),
    print,
  );
  await onZalo.says(bindCode);
  await onZalo.says("tình hình");
}

/** Invites an official of phường Thục Phán, who joins on Telegram. */
async function officialOnTelegram(
  env: ZaloSceneEnv,
): Promise<{ name: string; person: DemoPerson }> {
  const name = "Bế Văn Tùng";
  const code = await invite(env, ["--role", "official", "--unit", "thuc-phan", "--name", name]);
  const person = new DemoPerson(
    "Tùng",
    env.telegram.user({ firstName: "Tùng", languageCode: "vi" }),
    env.print,
  );
  await person.says(`/start ${code}`);
  return { name, person };
}
