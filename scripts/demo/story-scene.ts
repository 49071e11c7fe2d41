import type { RunningApp } from "../../src/app.js";
import type { TelegramEmulator } from "../../src/testing/telegram/index.js";
import { makeInvite } from "./admin.js";
import { DemoPerson, type Print } from "./transcript.js";

/** What the story scenes need from the demo script. */
export interface StorySceneEnv {
  app: RunningApp;
  telegram: TelegramEmulator;
  /** Runs the admin CLI against the running bot's data folder; resolves with its stdout. */
  cli: (...args: string[]) => Promise<string>;
  print: Print;
  /** Prints a scene title. */
  scene: (title: string) => void;
  /** The Hội Phụ nữ broadcaster of phường Thục Phán, if the demo already has one (else one joins). */
  broadcaster?: DemoPerson;
  /** An approver of phường Thục Phán other than the broadcaster, if the demo has one (else one joins). */
  approver?: DemoPerson;
}

/** Creates an invite through the CLI, printing the command, and returns its code. */
async function invite(env: StorySceneEnv, args: string[]): Promise<string> {
  return (await makeInvite(env.cli, env.print, args)).code;
}

/** A person who joins with a fresh invite. */
async function joins(env: StorySceneEnv, name: string, args: string[]): Promise<DemoPerson> {
  const code = await invite(env, [...args, "--name", name]);
  const firstName = name.split(" ").at(-1) ?? name;
  const person = new DemoPerson(
    firstName,
    env.telegram.user({ firstName, languageCode: "vi" }),
    env.print,
  );
  await person.says(`/start ${code}`);
  return person;
}

/** Presses the first button of the bot's latest message that has buttons. */
async function pressFirst(person: DemoPerson): Promise<void> {
  const message = [...person.user.chat()]
    .reverse()
    .find((m) => m.from === "bot" && m.buttons.length > 0);
  const label = message?.buttons[0]?.[0];
  if (!label) throw new Error(`${person.name} sees no button`);
  await person.presses(label);
}

/**
 * The demo's model-story scenes (issue 5, item 9): the head of Nam Phong 3 nominates a good
 * deed in the weekly report, with a photo, without having asked the person named; the Hội
 * Phụ nữ broadcaster opens `/stories pending`, edits the title and is refused for lack of
 * consent; she records the agreement after asking and submits it; the approver approves; a
 * member of Hội Phụ nữ receives the story and finds it under `/stories`, where a member of
 * another ward does not.
 */
export async function storyScenes(env: StorySceneEnv): Promise<void> {
  const { print, scene } = env;

  scene("Quản trị viên mời thêm người cho phần gương điển hình");
  const tai = await joins(env, "Nông Văn Tài", [
    "--role",
    "hamlet_head",
    "--unit",
    "hung-dao.nam-phong-3",
  ]);
  const thu = await joins(env, "Hà Thị Thu", [
    "--role",
    "member",
    "--unit",
    "hung-dao.nam-phong-3",
    "--org",
    "hoi-phu-nu",
  ]);
  const xuan = await joins(env, "Bế Thị Xuân", [
    "--role",
    "member",
    "--unit",
    "nung-tri-cao",
    "--org",
    "hoi-phu-nu",
  ]);
  const mai =
    env.broadcaster ??
    (await joins(env, "Lý Thị Mai", [
      "--role",
      "broadcaster",
      "--unit",
      "thuc-phan",
      "--org",
      "hoi-phu-nu",
    ]));
  const binh =
    env.approver ??
    (await joins(env, "Nông Văn Bình", ["--role", "approver", "--unit", "thuc-phan"]));

  scene("Trưởng xóm đề cử một gương người tốt việc tốt ngay trong báo cáo tuần");
  await tai.says("/report");
  await tai.presses("Không có gì mới");
  await tai.presses("Gương người tốt việc tốt");
  await tai.says(
    "Chị Nông Thị Hoa vận động 12 hộ hiến 350 m² đất để mở rộng đường liên xóm. Cả xóm góp 300 ngày công.",
  );
  await tai.sendsPhoto();
  await tai.presses("Chưa hỏi hoặc không đồng ý");
  await tai.presses("Xem lại và gửi →");
  await tai.presses("Gửi báo cáo");

  scene("Cán bộ Hội Phụ nữ xem các gương được đề cử, sửa tiêu đề rồi gửi đăng");
  await mai.says("/stories pending");
  await pressFirst(mai);
  await mai.presses("Sửa tiêu đề");
  await mai.says("Chị Hoa vận động 12 hộ hiến đất làm đường");
  await mai.presses("Gửi đăng →");

  scene("Chị Mai gọi điện hỏi chị Hoa, ghi nhận sự đồng ý, rồi gửi để duyệt");
  await mai.presses("Sự đồng ý của người được nêu tên");
  await mai.presses("Đã đồng ý");
  await mai.presses("Gửi đăng →");
  await mai.presses("Gửi để duyệt");

  scene("Người duyệt tin duyệt gương");
  await binh.reads();
  await binh.presses("Duyệt");

  scene("Hội viên Phụ nữ nhận gương, và đọc lại trong /stories");
  await thu.user
    .waitForBotMessage((m) => m.text.includes("Chị Hoa vận động 12 hộ"), 15_000)
    .catch(() => undefined);
  await thu.reads();
  await mai.user
    .waitForBotMessage((m) => m.text.startsWith("Đã gửi xong"), 15_000)
    .catch(() => undefined);
  await mai.reads();
  await thu.says("/stories");
  print("  (Một hội viên ở phường Nùng Trí Cao không thấy gương của phường Thục Phán)");
  await xuan.says("/stories");
}
