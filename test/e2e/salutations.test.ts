import { afterEach, describe, expect, it } from "vitest";
import { press, say } from "./support/chat-steps.js";
import { startTwoChannelBench, type TwoChannelBench } from "./support/two-channel-bench.js";

let bench: TwoChannelBench;
afterEach(async () => {
  await bench?.stop();
});

describe("how the assistant addresses people", () => {
  it("asks a newcomer once how to address them on Telegram, then greets them so", async () => {
    bench = await startTwoChannelBench();
    await bench.invite({
      code: "K7PM3Q",
      roles: ["hamlet_head"],
      unitId: "hung-dao.nam-phong-2",
      name: "Hoàng Văn Thắng",
    });
    const head = bench.telegram.user({ firstName: "Thắng" });
    const welcome = await say(head, "/start K7PM3Q");
    expect(welcome.text).toContain("Chào anh/chị Hoàng Văn Thắng!");
    expect(welcome.text).toContain("Trợ lý nên gọi anh/chị thế nào cho phải?");
    expect(welcome.buttons).toEqual([
      ["Báo cáo tuần này", "Hướng dẫn"],
      ["Anh", "Chị", "Ông"],
      ["Bà", "Bác", "Em"],
    ]);

    const thanks = await press(head, "Anh");
    expect(thanks.text).toBe("Cảm ơn anh Thắng! Từ nay trợ lý gọi như vậy.");
    const [member] = await bench.app.deps.store.members.list();
    expect(member?.salutation).toBe("anh");

    const again = await say(head, "/start");
    expect(again.text).toContain("Chào anh Thắng!");
    expect(again.text).not.toContain("gọi anh/chị thế nào");
  });

  it("asks on Zalo by numbers, and asks nobody whose invite said it", async () => {
    bench = await startTwoChannelBench();
    await bench.invite({
      code: "HEADHQ",
      roles: ["hamlet_head"],
      unitId: "hung-dao.hong-quang-2",
      name: "Lương Văn Tình",
    });
    const elder = bench.zalo.user({ displayName: "Tình" });
    await elder.whenHandled(await elder.send("headhq"));
    const question = elder.lastBotMessage();
    expect(question?.text).toContain("Chào anh/chị Lương Văn Tình!");
    expect(question?.text).toContain("Trợ lý nên gọi anh/chị thế nào cho phải?");
    // The welcome's own lines keep their numbers; the six ways of addressing follow them.
    expect(question?.text).toContain("2. Hướng dẫn");
    expect(question?.text).toContain("7. Bác");
    await elder.whenHandled(await elder.send("bác"));
    expect(elder.lastBotMessage()?.text).toBe("Cảm ơn bác Tình! Từ nay trợ lý gọi như vậy.");

    await bench.invite({
      code: "WYXCND",
      roles: ["member"],
      unitId: "hung-dao.nam-phong-1",
      orgIds: ["hoi-phu-nu"],
      name: "Nông Thị Lan",
      salutation: "chị",
    });
    const woman = bench.zalo.user({ displayName: "Lan" });
    await woman.whenHandled(await woman.send("wyxcnd"));
    const bot = woman.chat().filter((m) => m.from === "bot");
    expect(bot.map((m) => m.text)).toEqual([expect.stringContaining("Chào chị Lan!")]);
  });
});
