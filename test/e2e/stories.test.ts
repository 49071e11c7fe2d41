import { afterEach, describe, expect, it } from "vitest";
import type { ChatMessageView, TelegramUser } from "../../src/testing/telegram/index.js";
import { tickingClock } from "./support/broadcast-bench.js";
import { joined as joinedBy, press, say } from "./support/chat-steps.js";
import { startTelegramBench, type TelegramBench } from "./support/telegram-bench.js";

let bench: TelegramBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

const DEED = "Chị Nông Thị Hoa vận động 12 hộ hiến 350 m² đất làm đường liên xóm.";
const TITLE = "Chị Hoa vận động 12 hộ hiến đất làm đường";

/** Someone joins by an invite made straight in the store, and is welcomed. */
async function joined(
  b: TelegramBench,
  code: string,
  invite: {
    roles: ("member" | "hamlet_head" | "broadcaster" | "approver")[];
    unitId: string;
    orgIds?: string[];
    name: string;
  },
): Promise<TelegramUser> {
  return joinedBy(b, { code, ...invite, orgIds: invite.orgIds ?? [] });
}

/** The people of the story: a head, the women's union broadcaster and an approver of Hưng Đạo, readers. */
async function cast() {
  bench = await startTelegramBench();
  tickingClock(bench);
  const b = bench;
  return {
    b,
    head: await joined(b, "HEADAA", {
      roles: ["hamlet_head"],
      unitId: "hung-dao.nam-phong-2",
      name: "Hoàng Văn Thắng",
    }),
    mai: await joined(b, "MAIBBB", {
      roles: ["broadcaster"],
      unitId: "thuc-phan",
      orgIds: ["hoi-phu-nu"],
      name: "Lý Thị Mai",
    }),
    binh: await joined(b, "BINHCC", {
      roles: ["approver"],
      unitId: "thuc-phan",
      name: "Nông Văn Bình",
    }),
    lan: await joined(b, "LANDDD", {
      roles: ["member"],
      unitId: "hung-dao.nam-phong-1",
      orgIds: ["hoi-phu-nu"],
      name: "Đàm Thị Lan",
    }),
    nam: await joined(b, "NAMEEE", {
      roles: ["member"],
      unitId: "hung-dao.da-quan",
      orgIds: ["hoi-nong-dan"],
      name: "Lục Văn Nam",
    }),
    xuan: await joined(b, "XUANFF", {
      roles: ["member"],
      unitId: "vinh-quang",
      orgIds: ["hoi-phu-nu"],
      name: "Bế Thị Xuân",
    }),
  };
}

/** The head files a report with nothing new but a good deed, with a photo. */
async function nominate(
  head: TelegramUser,
  consent: "Có, người đó đồng ý" | "Chưa hỏi hoặc không đồng ý",
) {
  head.command("/report");
  await head.waitForBotMessage((m) => m.text.includes("Tuần này xóm có những việc gì"));
  await press(head, "Không có gì mới");
  await press(head, "Gương người tốt việc tốt");
  await say(head, DEED);
  head.sendPhoto();
  await head.waitForBotMessage((m) => m.text.includes("đồng ý cho nêu tên công khai"));
  await press(head, consent);
  await press(head, "Xem lại và gửi →");
  const receipt = await press(head, "Gửi báo cáo");
  expect(receipt.text).toContain("Đã nhận báo cáo tuần 23/11 – 29/11/2026");
}

/** The bold parts of a message as the reader sees them. */
function boldOf(message: ChatMessageView): string[] {
  return message.entities
    .filter((e) => e.type === "bold")
    .map((e) => message.text.slice(e.offset, e.offset + e.length));
}

describe("model stories on Telegram", () => {
  it("a good deed nominated in a report is edited, approved and published to the women's union", async () => {
    const { b, head, mai, binh, lan, nam, xuan } = await cast();
    await nominate(head, "Có, người đó đồng ý");

    mai.command("/stories pending");
    const list = await mai.waitForBotMessage((m) => m.text.includes("gương được đề cử"));
    expect(list.text).toContain("(xóm Nam Phong 2, phường Thục Phán)");
    const first = list.buttons.flat()[0] ?? "";
    const card = await press(mai, first);
    expect(card.text).toContain(`Nội dung: ${DEED}`);
    expect(card.text).toContain("Ảnh: có một ảnh.");
    await press(mai, "Sửa tiêu đề");
    await say(mai, TITLE);
    const confirm = await press(mai, "Gửi đăng →");
    expect(confirm.text).toContain(
      `Gửi gương “${TITLE}” đến hội viên Hội Liên hiệp Phụ nữ ở phường Thục Phán.`,
    );
    // Lan, and Mai herself, a member of the union in the commune.
    expect(confirm.text).toContain("Số người nhận: 2 (Telegram 2, Zalo 0).");
    const sent = await press(mai, "Gửi để duyệt");
    expect(sent.text).toContain("để duyệt");

    const request = await binh.waitForBotMessage((m) => m.text.includes("xin duyệt"));
    expect(request.text).toContain(TITLE);
    binh.press(request.messageId, "Duyệt");

    const received = await lan.waitForBotMessage((m) => m.text.includes(TITLE));
    expect(received.photo).toBeDefined();
    expect(received.text).toContain(DEED);
    expect(boldOf(received)).toContain(TITLE);
    await mai.waitForBotMessage((m) => m.text.startsWith("Đã gửi xong"));
    expect(
      b.emulator.chat(nam.id).filter((m) => m.from === "bot" && m.text.includes(TITLE)),
    ).toEqual([]);

    const stored = (await b.app.deps.store.stories.listByStatus("published"))[0];
    expect(stored).toMatchObject({ title: TITLE, orgId: "hoi-phu-nu" });
    expect(stored?.broadcastId).toBeDefined();

    lan.command("/stories");
    const story = await lan.waitForBotMessage((m) => m.text.startsWith(TITLE));
    expect(story.photo).toBeDefined();
    expect(boldOf(story)).toEqual([TITLE]);
    expect(story.text).toContain("Hội Liên hiệp Phụ nữ · xóm Nam Phong 2, phường Thục Phán");

    xuan.command("/stories");
    expect((await xuan.waitForBotMessage()).text).toBe(
      "Chưa có gương người tốt, việc tốt nào được đăng ở xã Vĩnh Quang. Anh/chị quay lại sau nhé.",
    );
  });

  it("a story the ward's Fatherland Front publishes goes to everyone there, labelled, its title apart", async () => {
    const { b, head, binh, lan, nam, xuan } = await cast();
    const thu = await joined(b, "THUGGG", {
      roles: ["broadcaster"],
      unitId: "thuc-phan",
      orgIds: ["mttq"],
      name: "Hoàng Thị Thu",
    });
    await nominate(head, "Có, người đó đồng ý");

    thu.command("/stories pending");
    const list = await thu.waitForBotMessage((m) => m.text.includes("gương được đề cử"));
    await press(thu, list.buttons.flat()[0] ?? "");
    await press(thu, "Sửa tiêu đề");
    await say(thu, TITLE);
    const confirm = await press(thu, "Gửi đăng →");
    expect(confirm.text).toContain(`Gửi gương “${TITLE}” đến mọi người ở phường Thục Phán.`);
    // The head, Lan, Nam, Mai, the approver and Thu herself: everyone of the ward, whatever their organisation.
    expect(confirm.text).toContain("Số người nhận: 6 (Telegram 6, Zalo 0).");
    await press(thu, "Gửi để duyệt");
    const request = await binh.waitForBotMessage((m) => m.text.includes("xin duyệt"));
    binh.press(request.messageId, "Duyệt");
    await thu.waitForBotMessage((m) => m.text.startsWith("Đã gửi xong"));

    for (const reader of [head, lan, nam]) {
      const got = b.emulator
        .chat(reader.id)
        .filter((m) => m.from === "bot" && m.text.includes(TITLE));
      expect(got, reader.id.toString()).toHaveLength(1);
      const lines = got[0]?.text.split("\n") ?? [];
      // Labelled a model story before who tells it, as CONVERSATIONS.md shows it.
      expect(lines[0]).toBe("🌟 Gương điển hình — Ủy ban Mặt trận Tổ quốc phường Thục Phán");
      // The title on a line of its own, in bold, the body after a blank line.
      const title = lines.indexOf(TITLE);
      expect(title).toBe(1);
      expect(lines[title + 1]).toBe("");
      expect(boldOf(got[0] as ChatMessageView)).toContain(TITLE);
    }
    expect(
      b.emulator.chat(xuan.id).filter((m) => m.from === "bot" && m.text.includes(TITLE)),
    ).toEqual([]);
    const stored = (await b.app.deps.store.stories.listByStatus("published"))[0];
    expect(stored).toMatchObject({ title: TITLE, orgId: "mttq" });
  });

  it("refuses to publish a story naming someone who has not agreed, until the agreement is recorded", async () => {
    const { b, head, mai, binh } = await cast();
    await nominate(head, "Chưa hỏi hoặc không đồng ý");
    mai.command("/stories pending");
    const list = await mai.waitForBotMessage((m) => m.text.includes("gương được đề cử"));
    expect(list.text).toContain("người được nêu tên chưa đồng ý");
    await press(mai, list.buttons.flat()[0] ?? "");
    const refused = await press(mai, "Gửi đăng →");
    expect(refused.text).toContain(
      "Chưa đăng được: bài nêu tên một người chưa đồng ý cho nêu tên công khai.",
    );
    expect(await b.app.deps.store.broadcasts.list()).toEqual([]);

    await press(mai, "Sự đồng ý của người được nêu tên");
    await press(mai, "Đã đồng ý");
    await press(mai, "Gửi đăng →");
    await press(mai, "Gửi để duyệt");
    await binh.waitForBotMessage((m) => m.text.includes("xin duyệt"));
    const [story] = await b.app.deps.store.stories.listByStatus("nominated");
    expect(story).toMatchObject({ consent: "agreed", consentRecordedBy: expect.any(String) });
    expect(story?.submission).toBeDefined();
  });

  it("a story a broadcaster writes naming a person waits for their recorded agreement, then goes out labelled and joins /stories", async () => {
    const { b, mai, binh, lan } = await cast();
    const title = "Ông Lò Văn Tình góp 40 ngày công làm đường";
    const text = "Ông Tình (xóm Nam Phong 2) cùng bà con góp 40 ngày công làm 300 m đường bê tông.";
    mai.command("/broadcast");
    await mai.waitForBotMessage((m) => m.text.includes("loại tin nào"));
    await press(mai, "Gương điển hình");
    await say(mai, title);
    const consent = await say(mai, text);
    expect(consent.text).toContain("có nêu tên một người cụ thể không?");
    await press(mai, "Chưa hỏi được người đó");
    await press(mai, "Không kèm ảnh");
    await press(mai, "Cả phường Thục Phán");
    const blocked = await press(mai, "Tất cả hội viên Hội Liên hiệp Phụ nữ");
    expect(blocked.text).toContain("chỉ được đăng khi người đó đã đồng ý");
    expect(blocked.buttons.flat()).not.toContain("Gửi ngay");
    expect(blocked.buttons.flat()).toContain("Sửa một mục");
    expect(await b.app.deps.store.broadcasts.list()).toEqual([]);

    await press(mai, "Sửa một mục");
    await press(mai, "Sự đồng ý của người được nêu tên");
    const preview = await press(mai, "Người đó đã đồng ý qua điện thoại");
    expect(preview.text).toContain("🌟 Gương điển hình");
    await press(mai, "Gửi ngay");
    const request = await binh.waitForBotMessage((m) => m.text.includes("xin duyệt"));
    binh.press(request.messageId, "Duyệt");

    const received = await lan.waitForBotMessage((m) => m.text.includes(title));
    expect(received.text).toContain(
      `🌟 Gương điển hình — Hội Liên hiệp Phụ nữ phường Thục Phán\n${title}\n\n${text}`,
    );
    expect(boldOf(received)).toEqual(
      expect.arrayContaining(["🌟 Gương điển hình — Hội Liên hiệp Phụ nữ phường Thục Phán", title]),
    );
    await mai.waitForBotMessage((m) => m.text.startsWith("Đã gửi xong"));

    lan.command("/stories");
    const story = await lan.waitForBotMessage((m) => m.text.startsWith(title));
    expect(story.text).toContain(text);
    const [stored] = await b.app.deps.store.stories.listByStatus("published");
    expect(stored).toMatchObject({
      title,
      consent: "agreed",
      orgId: "hoi-phu-nu",
      consentRecord: { how: "phone", by: expect.any(String), at: expect.any(String) },
    });
    expect(stored?.consentRecord?.by).toBe(stored?.authorId);
  });
});
