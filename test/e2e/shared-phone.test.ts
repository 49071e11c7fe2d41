import { afterEach, describe, expect, it } from "vitest";
import type { TelegramUser } from "../../src/testing/telegram/index.js";
import type { ZaloEmulatorUser } from "../../src/testing/zalo/index.js";
import { runCli } from "../support/cli.js";
import type { InviteFields } from "./support/app-bench.js";
import { reportNumbers } from "./support/broadcast-bench.js";
import { press, say } from "./support/chat-steps.js";
import {
  numberOf,
  playReportScript,
  settled,
  WEEKLY_REPORT,
  zaloReportChat,
} from "./support/report-script.js";
import { startTwoChannelBench, type TwoChannelBench } from "./support/two-channel-bench.js";

let bench: TwoChannelBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

const HUSBAND: InviteFields = {
  code: "HEADNP",
  name: "Hoàng Văn Thắng",
  unitId: "hung-dao.nam-phong-2",
  roles: ["hamlet_head"],
};
const WIFE: InviteFields = {
  code: "MAHPNX",
  name: "Lò Thị Mai",
  unitId: "hung-dao.nam-phong-2",
  roles: ["member"],
  orgIds: ["hoi-phu-nu"],
};

/** Types a text on the shared Zalo phone and resolves with the bot's last answer to it. */
async function type(phone: ZaloEmulatorUser, text: string): Promise<string> {
  return (await settled(phone, await phone.send(text))).text ?? "";
}

/** Someone joins on Telegram by typing their invite code. */
async function onTelegram(b: TwoChannelBench, invite: InviteFields): Promise<TelegramUser> {
  await b.invite(invite);
  const user = b.telegram.user({ firstName: invite.name ?? invite.code });
  await say(user, `/start ${invite.code}`);
  return user;
}

/**
 * A broadcaster sends a campaign message to their ward, to the audience named `whom`;
 * resolves with the preview they saw and the delivery report.
 */
async function broadcast(author: TelegramUser, text: string, whom: string) {
  author.command("/broadcast");
  await author.waitForBotMessage((m) => m.text.includes("loại tin nào"));
  await press(author, "Tin tuyên truyền");
  await say(author, text);
  await press(author, "Không kèm ảnh");
  await press(author, "Cả phường Thục Phán");
  const preview = (await press(author, whom)).text;
  await press(author, "Gửi ngay");
  const done = await author.waitForBotMessage((m) => m.text.startsWith("Đã gửi xong"), 30_000);
  return { preview, report: done.text };
}

/** A Zalo phone on which `first` joined; the other's invite is yet to be typed. */
async function household(first: InviteFields = HUSBAND) {
  const b = await startTwoChannelBench({
    start: new Date("2026-12-02T02:00:00Z"),
    env: { BROADCAST_APPROVAL: "off" },
  });
  bench = b;
  await b.invite(HUSBAND);
  await b.invite(WIFE);
  const phone = b.zalo.user({ displayName: "Nhà anh Thắng" });
  expect(await type(phone, first.code.toLowerCase())).toContain(`Chào anh/chị ${first.name}`);
  return { b, phone };
}

describe("one Zalo phone shared by a husband and wife", () => {
  it("the wife's invite typed on his phone asks first, then adds her beside him: both listed, each with their own role", async () => {
    const { b, phone } = await household();

    const asked = await type(phone, "mahpnx");
    expect(asked).toContain(
      "Điện thoại này đang dùng cho Hoàng Văn Thắng. Thêm Lò Thị Mai vào cùng điện thoại này?",
    );
    expect(asked).toMatch(/1\. Đồng ý\n2\. Không/);
    expect(asked).not.toContain("bấm");
    const added = await type(phone, "1");
    expect(added).toContain("Đã thêm Lò Thị Mai vào điện thoại này.");
    expect(added).toContain("Chào anh/chị Lò Thị Mai");

    const listed = await runCli(["members", "list"], { DATA_DIR: b.dataDir });
    expect(listed.code).toBe(0);
    const thang = listed.lines.find((line) => line.includes("Hoàng Văn Thắng"));
    const mai = listed.lines.find((line) => line.includes("Lò Thị Mai"));
    expect(thang).toContain("Trưởng xóm ở hung-dao.nam-phong-2");
    expect(thang).not.toContain("hoi-phu-nu");
    expect(mai).toContain("hoi-phu-nu");
    expect(mai).not.toContain("Trưởng xóm");
    for (const line of [thang, mai]) expect(line).toContain("zalo");

    // Her /mydata is hers, once she says who she is.
    const who = await type(phone, "/mydata");
    expect(who).toContain("Anh/chị là ai?");
    const data = await type(phone, String(numberOf(phone, "Lò Thị Mai")));
    expect(data).toContain("Lò Thị Mai");
    expect(data).not.toContain("Hoàng Văn Thắng");

    // Her /stop is hers: the confirmation comes back to her, and he still receives news.
    expect(await type(phone, "/stop")).toContain("Anh/chị là ai?");
    expect(await type(phone, String(numberOf(phone, "Lò Thị Mai")))).toContain(
      "ngừng nhận tin tuyên truyền",
    );
    await type(phone, String(numberOf(phone, "Ngừng nhận tin")));
    const { store } = b.app.deps;
    const [him, her] = await store.members.membersOfChat("zalo", phone.id);
    expect(her).toMatchObject({ name: "Lò Thị Mai", optedOut: true });
    expect(him).toMatchObject({ name: "Hoàng Văn Thắng", optedOut: false });

    // Erasing her leaves him on the phone, and the phone answers him alone.
    const forgot = await runCli(["members", "forget", her?.id ?? ""], { DATA_DIR: b.dataDir });
    expect(forgot.code).toBe(0);
    const left = await store.members.membersOfChat("zalo", phone.id);
    expect(left.map((m) => m.name)).toEqual(["Hoàng Văn Thắng"]);
    const mine = await type(phone, "/mydata");
    expect(mine).toContain("Hoàng Văn Thắng");
    expect(mine).not.toContain("Anh/chị là ai?");
  });

  it("the head's report stays his; a broadcast to both arrives once; her Hội Phụ nữ news arrives addressed to her", async () => {
    // Her phone first this time, so "báo cáo" must find the head rather than take the first.
    const { b, phone } = await household(WIFE);
    expect(await type(phone, "headnp")).toContain("Thêm Hoàng Văn Thắng vào cùng điện thoại này?");
    await type(phone, "1");
    const { store } = b.app.deps;
    const people = await store.members.membersOfChat("zalo", phone.id);
    expect(people.map((m) => m.name)).toEqual(["Lò Thị Mai", "Hoàng Văn Thắng"]);
    const [mai, thang] = people;

    const answers = await playReportScript(zaloReportChat(phone), WEEKLY_REPORT);
    expect(answers.at(-1)).toContain("Đã nhận báo cáo tuần");
    const reports = await store.reports.listByAuthor(thang?.id ?? "");
    expect(reports).toHaveLength(1);
    expect(await store.reports.listByAuthor(mai?.id ?? "")).toEqual([]);

    const mttq = await onTelegram(b, {
      code: "MTTQTP",
      name: "Hoàng Thị Thu",
      unitId: "thuc-phan",
      roles: ["broadcaster"],
      orgIds: ["mttq"],
    });
    const toEveryone = "Mời bà con dự Ngày hội Đại đoàn kết toàn dân tộc tại nhà văn hóa.";
    const { preview, report } = await broadcast(mttq, toEveryone, "Mọi người ở phường Thục Phán");
    expect(preview).toContain("Số người nhận: 2 (Telegram 1, Zalo 1).");
    expect(preview).toContain(
      "Trong đó 1 máy là điện thoại dùng chung của 2 người; mỗi máy nhận một tin.",
    );
    const texts = () => phone.chat().flatMap((m) => (m.from === "bot" && m.text ? [m.text] : []));
    expect(texts().filter((t) => t.includes(toEveryone))).toHaveLength(1);
    // The author and one shared phone: two messages, however many people read them.
    expect(reportNumbers(report)).toMatchObject({ sent: 2, failed: 0 });
    // For both of them: it names neither.
    expect(texts().find((t) => t.includes(toEveryone))).not.toContain("Gửi anh/chị");

    const hpn = await onTelegram(b, {
      code: "HPNTPA",
      name: "Nông Thị Hoa",
      unitId: "thuc-phan",
      roles: ["broadcaster"],
      orgIds: ["hoi-phu-nu"],
    });
    const toWomen = "Chi hội Phụ nữ họp bàn làm đường hoa vào tối thứ Năm.";
    await broadcast(hpn, toWomen, "Tất cả hội viên Hội Liên hiệp Phụ nữ");
    const forHer = texts().filter((t) => t.includes(toWomen));
    expect(forHer).toHaveLength(1);
    expect(forHer[0]).toMatch(/^Gửi anh\/chị Lò Thị Mai:\n/);
  });

  it("a reminder for the head says it is for him, and its number opens his report", async () => {
    const { b, phone } = await household(WIFE);
    await type(phone, "headnp");
    await type(phone, "1");

    // Friday 04/12/2026 08:00 in Cao Bằng, the first reminder slot of the week.
    b.clock.now = new Date("2026-12-04T01:00:00Z");
    await b.app.jobs.catchUp();
    await b.app.delivery.whenIdle();
    const reminder = await phone.waitForBotMessage((m) =>
      (m.text ?? "").includes("chưa có báo cáo tuần này"),
    );
    expect(reminder.text).toMatch(
      /^Gửi anh\/chị Hoàng Văn Thắng:\nXóm Nam Phong 2 chưa có báo cáo/,
    );
    const opened = await type(phone, String(numberOf(phone, "Báo cáo ngay")));
    expect(opened).toContain("Báo cáo tuần 30/11 – 06/12/2026");
  });
});

describe("a phone shared with an official", () => {
  const OFFICIAL: InviteFields = {
    code: "CDTPHN",
    name: "Nông Văn Cán",
    unitId: "thuc-phan",
    roles: ["official"],
  };

  it("/help lists what each person there can do, by name", async () => {
    const { b, phone } = await household(WIFE);
    await b.invite(OFFICIAL);
    await type(phone, "headnp");
    await type(phone, "1");
    const help = await type(phone, "/help");
    expect(help).toContain("Việc riêng của Hoàng Văn Thắng:\n/report");
    expect(help).toContain("Việc riêng của Lò Thị Mai:\n/stop");
    expect(help).not.toContain("/status");
    expect(help).toContain("/mydata");
  });

  it("the Monday escalation and the weekly summary for the official start with “Gửi <name>:”", async () => {
    const { b, phone } = await household(HUSBAND);
    await b.invite(OFFICIAL);
    await type(phone, "cdtphn");
    await type(phone, "1");
    const help = await type(phone, "/help");
    expect(help).toContain("Việc riêng của Nông Văn Cán:\n/status");

    // Monday 07/12/2026 09:30 in Cao Bằng: the escalation of the week Nam Phong 2 did not report.
    b.clock.now = new Date("2026-12-07T02:30:00Z");
    await b.app.jobs.catchUp();
    await b.app.delivery.whenIdle();
    const escalation = await phone.waitForBotMessage((m) =>
      (m.text ?? "").includes("chưa có báo cáo:"),
    );
    expect(escalation.text).toMatch(/^Gửi anh\/chị Nông Văn Cán:\nTuần 30\/11 – 06\/12\/2026/);
    // 12:45: the week's summary.
    b.clock.now = new Date("2026-12-07T05:45:00Z");
    await b.app.jobs.catchUp();
    await b.app.delivery.whenIdle();
    const summary = await phone.waitForBotMessage((m) =>
      /TỔNG HỢP|tuần 30\/11/.test(m.text ?? m.caption ?? ""),
    );
    expect(summary.text ?? summary.caption).toMatch(/^Gửi anh\/chị Nông Văn Cán:\n/);
  });
});

describe("one Telegram account shared by a husband and wife", () => {
  it("asks with buttons; 'Không' adds nobody and keeps the code, 'Đồng ý' adds her", async () => {
    const b = await startTwoChannelBench({ start: new Date("2026-12-02T02:00:00Z") });
    bench = b;
    await b.invite(HUSBAND);
    await b.invite(WIFE);
    const phone = b.telegram.user({ firstName: "Thắng" });
    expect((await say(phone, "/start HEADNP")).text).toContain("Chào anh/chị Hoàng Văn Thắng");

    const asked = await say(phone, "/start MAHPNX");
    expect(asked.text).toContain("Thêm Lò Thị Mai vào cùng điện thoại này?");
    expect(asked.buttons).toEqual([["Đồng ý", "Không"]]);
    expect((await press(phone, "Không")).text).toBe(
      "Không thêm ai. Mã mời vẫn dùng được trên điện thoại của Lò Thị Mai.",
    );
    const { store } = b.app.deps;
    expect((await store.members.list()).map((m) => m.name)).toEqual(["Hoàng Văn Thắng"]);

    await say(phone, "/start MAHPNX");
    expect((await press(phone, "Đồng ý")).text).toContain("Đã thêm Lò Thị Mai vào điện thoại này.");
    const onChat = await store.members.membersOfChat("telegram", String(phone.id));
    expect(onChat.map((m) => m.name)).toEqual(["Hoàng Văn Thắng", "Lò Thị Mai"]);
    expect((await say(phone, "/lang")).buttons).toEqual([["Hoàng Văn Thắng"], ["Lò Thị Mai"]]);
  });
});
