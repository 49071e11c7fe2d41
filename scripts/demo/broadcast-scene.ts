import type { RunningApp } from "../../src/app.js";
import type { TelegramEmulator } from "../../src/testing/telegram/index.js";
import { makeInvite } from "./admin.js";
import { DemoPerson, type Print } from "./transcript.js";

/** What the broadcast scenes need from the demo script. */
export interface BroadcastSceneEnv {
  app: RunningApp;
  telegram: TelegramEmulator;
  /** Runs the admin CLI against the running bot's data folder; resolves with its stdout. */
  cli: (...args: string[]) => Promise<string>;
  print: Print;
  /** Prints a scene title. */
  scene: (title: string) => void;
  /** A member of Hội Phụ nữ in phường Thục Phán who already joined, if the demo has one (she reads it). */
  reader?: DemoPerson;
}

/** Creates an invite through the CLI, printing the command, and returns its code. */
async function invite(env: BroadcastSceneEnv, args: string[]): Promise<string> {
  return (await makeInvite(env.cli, env.print, args)).code;
}

/**
 * The demo's broadcast scenes: a broadcaster of Hội Phụ nữ in phường Thục Phán composes a campaign
 * message with the preview and its counts, an approver approves it, members receive it (one
 * of them has blocked the bot: the send is refused, marked, and counted), the author gets the
 * completion report, the admin reads the audit trail, and a member opts out with /stop.
 */
export async function broadcastScenes(
  env: BroadcastSceneEnv,
): Promise<{ broadcaster: DemoPerson; approver: DemoPerson }> {
  const { telegram, print, scene } = env;

  scene("Quản trị viên phân quyền tuyên truyền và duyệt tin cho phường Thục Phán");
  const broadcasterCode = await invite(env, [
    "--role",
    "broadcaster",
    "--unit",
    "thuc-phan",
    "--org",
    "hoi-phu-nu",
    "--name",
    "Lý Thị Mai",
  ]);
  const approverCode = await invite(env, [
    "--role",
    "approver",
    "--unit",
    "thuc-phan",
    "--name",
    "Nông Văn Bình",
  ]);
  const memberCode = await invite(env, [
    "--role",
    "member",
    "--unit",
    "hung-dao.nam-phong-1",
    "--org",
    "hoi-phu-nu",
    "--name",
    "Đàm Thị Lan",
  ]);
  const mai = new DemoPerson("Mai", telegram.user({ firstName: "Mai", languageCode: "vi" }), print);
  const binh = new DemoPerson(
    "Bình",
    telegram.user({ firstName: "Bình", languageCode: "vi" }),
    print,
  );
  const lanUser = telegram.user({ firstName: "Lan", languageCode: "vi" });
  const lan = new DemoPerson("Lan", lanUser, print);
  await mai.says(`/start ${broadcasterCode}`);
  await binh.says(`/start ${approverCode}`);
  await lan.says(`/start ${memberCode}`);
  print("  (Lan chặn trợ lý trên điện thoại; trợ lý chưa biết điều đó)");
  telegram.blockChat(lanUser.id);

  scene("Cán bộ Hội Phụ nữ soạn tin tuyên truyền, xem trước đúng như người nhận sẽ thấy");
  await mai.says("/broadcast");
  await mai.presses("Tin tuyên truyền");
  await mai.says(
    "Sáng Chủ nhật 06/12, mời chị em các xóm ra quân trồng hoa hai bên đường liên xóm. Mỗi hộ mang theo cuốc, xẻng.",
  );
  await mai.presses("Không kèm ảnh");
  await mai.presses("Cả phường Thục Phán");
  await mai.presses("Tất cả hội viên Hội Liên hiệp Phụ nữ");
  await mai.presses("Gửi ngay");

  scene("Người duyệt tin xem và duyệt");
  await binh.reads();
  await binh.presses("Duyệt");

  scene("Hội viên nhận tin; người đã chặn trợ lý được đánh dấu, không gửi lại");
  if (env.reader) await env.reader.reads();
  // Messages to one chat go at most one a second: wait for the report before printing.
  await mai.user
    .waitForBotMessage((m) => m.text.startsWith("Đã gửi xong"), 15_000)
    .catch(() => undefined);
  await mai.reads();

  scene("Quản trị viên xem nhật ký tin bằng dòng lệnh");
  print("  $ npm run cli -- broadcasts list");
  for (const line of (await env.cli("broadcasts", "list")).trimEnd().split("\n"))
    print(`  ${line}`);
  print("  $ npm run cli -- broadcasts show 1");
  for (const line of (await env.cli("broadcasts", "show", "1")).trimEnd().split("\n")) {
    print(`  ${line}`);
  }

  if (env.reader) {
    scene("Hội viên không muốn nhận tin nữa");
    await env.reader.says("/stop");
    await env.reader.presses(env.reader.user.chat().at(-1)?.buttons[0]?.[0] ?? "Ngừng nhận tin");
  }
  return { broadcaster: mai, approver: binh };
}
