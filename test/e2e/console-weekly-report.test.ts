import { afterEach, describe, expect, it } from "vitest";
import { CONSOLE, consoleChannel } from "../support/console-channel.js";
import { type AppBench, startAppBench } from "./support/app-bench.js";
import {
  consoleReportChat,
  playReportScript,
  type ReportScriptStep,
} from "./support/report-script.js";

const HAMLET = "hung-dao.nam-phong-2";
const WEEK = "2026-W48";

let bench: AppBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

/** The report as the head means it; the console turns each pick into the number it carries. */
const SCRIPT: ReportScriptStep[] = [
  { do: "open" },
  { do: "pick", labels: ["Đường giao thông", "Đóng góp của nhân dân và xã hội hóa"] },
  { do: "type", text: "1,2 km" },
  { do: "type", text: "ko" },
  { do: "type", text: "2 triệu" },
  { do: "type", text: "0" },
  { do: "type", text: "1.500" },
  { do: "type", text: "0" },
  { do: "choose", label: "Tiêu chí mới đạt" },
  { do: "pick", labels: ["Giao thông", "Điện"] },
  { do: "choose", label: "Xem lại và gửi →" },
  { do: "choose", label: "Gửi báo cáo" },
];

describe("a third channel, a console with numbered menus only", () => {
  it("takes a hamlet head from an invite to a stored weekly report", async () => {
    const terminal = consoleChannel();
    bench = await startAppBench({}, { channels: [terminal] }, async () => undefined);
    expect(bench.app.channels.map((running) => running.id)).toEqual([CONSOLE]);
    await bench.invite({
      code: "K7PM3Q",
      roles: ["hamlet_head"],
      unitId: HAMLET,
      name: "Hoàng Văn Thắng",
    });
    const head = terminal.person("thang");

    const welcome = await head.type("/start K7PM3Q");
    expect(welcome).toContain("Hoàng Văn Thắng");
    expect(welcome).toContain("xóm Nam Phong 2");

    const answers = await playReportScript(consoleReportChat(head), SCRIPT);
    expect(answers[0]).toContain("Trả lời bằng các số, ví dụ: 1 3.");
    expect(answers[0]).toContain("1. Đường giao thông");
    expect(answers.at(-2)).toContain("• Đường bê tông hóa mới: 1.200 m");
    expect(answers.at(-2)).toContain("• Tiêu chí mới đạt: Giao thông; Điện");
    expect(answers.at(-1)).toMatch(
      /Đã nhận báo cáo tuần 23\/11 – 29\/11\/2026 của xóm Nam Phong 2 \(số 2026-48-\d{4}\)/,
    );
    // The head typed numbers only, never a label.
    const typed = head.lines().filter((line) => line.from === "person");
    expect(typed.map((line) => line.text)).toContain("1 3");
    expect(typed.map((line) => line.text)).not.toContain("Gửi báo cáo");

    const [member] = await bench.app.deps.store.members.list();
    expect(member?.identities.map((identity) => identity.channel)).toEqual([CONSOLE]);
    const stored = await bench.app.deps.store.reports.get(HAMLET, WEEK);
    expect(stored).toMatchObject({
      authorId: member?.id,
      groups: ["roads", "contributions"],
      values: {
        roadConcretedM: 1200,
        roadRepairedM: 0,
        fundsPeopleMillionVnd: 2,
        fundsSponsorMillionVnd: 0,
        labourDays: 1500,
        landDonatedM2: 0,
      },
      late: false,
    });
    expect(stored?.criteriaClaimed).toHaveLength(2);
  });
});
