import type { RunningApp } from "../../src/app.js";
import type { TelegramEmulator } from "../../src/testing/telegram/index.js";
import { makeInvite, type RunCli } from "./admin.js";
import { DemoPerson, type Print } from "./transcript.js";

/** What the week's scenes need from the demo script. */
export interface WeekSceneEnv {
  telegram: TelegramEmulator;
  cli: RunCli;
  print: Print;
  scene: (title: string) => void;
  /** The running bot (replaced when a scene restarts it). */
  app: () => RunningApp;
  /** Stops the bot and starts it again on the same data folder. */
  restart: () => Promise<void>;
  /** Moves the demo's clock. */
  jumpTo: (instant: Date) => void;
}

/** The people the later scenes go on with. */
export interface WeekCast {
  hoa: DemoPerson;
  minh: DemoPerson;
}

/**
 * The week of a commune on Telegram: people join by invite, heads report (messy numbers, a
 * restart mid-report, a replaced report), Friday's reminder, an official's review.
 */
export async function playWeekScenes(env: WeekSceneEnv): Promise<WeekCast> {
  const { telegram, cli, print, scene } = env;
  const person = (name: string) => new DemoPerson(name, telegram.user({ firstName: name }), print);

  scene("Quản trị viên tạo mã mời bằng dòng lệnh, trong khi trợ lý đang chạy");
  const thangCode = await makeInvite(cli, print, [
    "--role",
    "hamlet_head",
    "--unit",
    "hung-dao.nam-phong-2",
    "--name",
    "Hoàng Văn Thắng",
  ]);
  const hoaCode = await makeInvite(cli, print, [
    "--role",
    "member",
    "--unit",
    "hung-dao.nam-phong-2",
    "--org",
    "hoi-phu-nu",
    "--name",
    "Nông Thị Hoa",
  ]);

  scene("Trưởng xóm bấm liên kết trên thẻ mời");
  const thang = person("Thắng");
  await thang.says(`/start ${thangCode.code}`);

  scene("Hội viên Phụ nữ tham gia bằng mã, rồi chuyển sang tiếng Anh");
  const hoa = person("Hoa");
  await hoa.says(`/join ${hoaCode.code}`);
  await hoa.says("/lang");
  await hoa.presses("English");
  await hoa.says("/help");

  scene("Trưởng xóm báo cáo tuần, gõ số theo thói quen");
  await thang.presses("Báo cáo tuần này");
  await thang.presses("Đường giao thông");
  await thang.presses("Đóng góp của nhân dân và xã hội hóa");
  await thang.presses("Xong ✓");
  for (const typed of ["1,2 km", "ko", "2 triệu", "bỏ qua", "1.500", "khoảng 300 m2"]) {
    await thang.says(typed);
  }
  await thang.presses("Xem lại và gửi →");
  await thang.presses("Gửi báo cáo");

  scene("Trưởng xóm khác báo cáo dở thì trợ lý khởi động lại; anh ấy làm tiếp đúng chỗ");
  const cuongCode = await makeInvite(cli, print, [
    "--role",
    "hamlet_head",
    "--unit",
    "hung-dao.da-quan",
    "--name",
    "Lương Văn Cường",
  ]);
  const cuong = person("Cường");
  await cuong.says(`/start ${cuongCode.code}`);
  await cuong.says("/report");
  await cuong.presses("Môi trường, cảnh quan");
  await cuong.presses("Xong ✓");
  await cuong.says("nhiều lắm");
  await cuong.says("120 cây");
  print("  (trợ lý khởi động lại)");
  await env.restart();
  await cuong.says("2");
  await cuong.says("200 m");
  await cuong.presses("Xem lại và gửi →");
  await cuong.presses("Gửi báo cáo");

  scene("Trưởng xóm Nam Phong 2 gửi lại báo cáo tuần: bản mới thay bản cũ");
  await thang.says("/report");
  await thang.presses("Đường giao thông");
  await thang.presses("Xong ✓");
  await thang.says("1.250 m");
  await thang.says("0");
  await thang.presses("Xem lại và gửi →");
  await thang.presses("Gửi báo cáo");
  await thang.says("/myreports");

  scene("Thứ Sáu 08:00: trợ lý nhắc những xóm chưa báo cáo");
  const haiCode = await makeInvite(cli, print, [
    "--role",
    "hamlet_head",
    "--unit",
    "hung-dao.dong-chup",
    "--name",
    "Nông Văn Hải",
  ]);
  const hai = person("Hải");
  await hai.says(`/start ${haiCode.code}`);
  env.jumpTo(new Date("2026-12-04T01:00:00Z"));
  print("  (đồng hồ: thứ Sáu 04/12/2026, 08:00 — chạy lịch nhắc báo cáo)");
  await env.app().jobs.catchUp();
  await hai.reads();
  print("  (Thắng và Cường đã báo cáo nên không bị nhắc)");

  scene("Cán bộ phường xem báo cáo và trả lại một báo cáo để sửa");
  const minhCode = await makeInvite(cli, print, [
    "--role",
    "official",
    "--unit",
    "thuc-phan",
    "--name",
    "Lục Văn Minh",
  ]);
  const minh = person("Minh");
  await minh.says(`/start ${minhCode.code}`);
  await minh.says("/reports");
  await minh.presses("Xóm Đà Quận");
  await minh.presses("Trả lại để sửa");
  await minh.says("Anh ghi rõ số buổi vệ sinh là của cả tuần hay một ngày nhé.");
  await cuong.reads();

  return { hoa, minh };
}
