import { describe, expect, it } from "vitest";
import {
  FakePublisher,
  head,
  NAM_PHONG_2,
  person,
  reportGoodDeed,
  storiesWorld,
  womenBroadcaster,
} from "./stories-harness.js";

const DEED = "Chị Nông Thị Hoa vận động 12 hộ hiến 350 m² đất làm đường.";

async function nominatedWorld(consent = true) {
  const publisher = new FakePublisher();
  const w = await storiesWorld({ publisher });
  const [headChat, broadcaster] = await w.join(
    head(),
    womenBroadcaster(),
    person("hoa", NAM_PHONG_2, ["hoi-phu-nu"]),
  );
  if (!headChat || !broadcaster) throw new Error("no chat");
  await reportGoodDeed(headChat, DEED, { consent });
  return { w, publisher, headChat, broadcaster };
}

describe("a broadcaster's /stories pending", () => {
  it("lists the nominations of their scope, each with a button", async () => {
    const { broadcaster } = await nominatedWorld();
    await broadcaster.command("/stories pending");
    expect(broadcaster.last()).toBe(
      [
        "Có 1 gương được đề cử đang chờ anh/chị xem:",
        "1. Chị Nông Thị Hoa vận động 12 hộ hiến 350 m² đất làm đường (xóm Nam Phong 2, phường Thục Phán)",
        "Bấm vào một gương để xem, sửa và gửi đăng.",
      ].join("\n"),
    );
    expect(broadcaster.buttons()).toEqual(["1. Chị Nông Thị Hoa vận động 12 hộ hiến 35…"]);
  });

  it("is refused to a member who is not a broadcaster, and empty for another commune's", async () => {
    const { w } = await nominatedWorld();
    const [member, other] = await w.join(
      person("lan", NAM_PHONG_2, ["hoi-phu-nu"]),
      person(
        "vq",
        "vinh-quang",
        ["hoi-phu-nu"],
        [{ role: "broadcaster", unitId: "vinh-quang", orgIds: ["hoi-phu-nu"] }],
      ),
    );
    await member?.command("/stories pending");
    expect(member?.last()).toBe(
      "Việc này dành cho cán bộ tuyên truyền. Nếu anh/chị cần, xin liên hệ cán bộ quản trị.",
    );
    await other?.command("/stories pending");
    expect(other?.last()).toBe(
      "Hiện không có gương nào được đề cử đang chờ trong phạm vi của anh/chị.",
    );
    // A forged press for a story outside their scope opens nothing.
    const [story] = await w.world.store.stories.listByStatus("nominated");
    await other?.pressData(`sty:open:${story?.id}`);
    expect(other?.last()).toBe("Gương này nằm ngoài phạm vi anh/chị được đăng tin.");
  });

  it("shows the list as numbered lines where there are no buttons", async () => {
    const { w } = await nominatedWorld(false);
    const chat = w.numberedChat("broadcaster");
    await chat.command("/stories pending");
    const message = chat.sent().at(-1);
    expect(message?.text).toBe(
      [
        "Có 1 gương được đề cử đang chờ anh/chị xem:",
        "Anh/chị chọn một gương để xem, sửa và gửi đăng.",
        "",
        "Trả lời bằng một số, ví dụ: 1.",
        "1. Chị Nông Thị Hoa vận động 12 hộ hiến 350 m² đất làm đường (xóm Nam Phong 2, phường Thục Phán) — người được nêu tên chưa đồng ý",
      ].join("\n"),
    );
  });

  it("takes up a nomination by numbers where there are no buttons", async () => {
    const { w, publisher } = await nominatedWorld();
    const chat = w.numberedChat("broadcaster");
    await chat.command("/stories pending");
    const open = chat.sent().at(-1)?.choices?.[0]?.[0];
    // The channel turns a typed "1" into the choice it numbers.
    await chat.pressData(open?.data ?? "");
    expect(chat.last()).toContain("5. Gửi đăng →");
    await chat.say("1");
    expect(chat.last()).toContain("Anh/chị gõ tiêu đề mới");
    await chat.say("Hiến đất làm đường");
    await chat.say("5");
    expect(chat.last()).toContain("1. Gửi để duyệt");
    await chat.say("1");
    expect(chat.last()).toContain("Đã gửi gương “Hiến đất làm đường” để duyệt.");
    expect(publisher.submitted).toHaveLength(1);
  });

  it("pages long lists with a 'more' button", async () => {
    const { w, headChat, broadcaster } = await nominatedWorld();
    // Nine more weeks of reports, each with a good deed.
    for (let week = 1; week <= 9; week++) {
      w.world.clock.set(
        new Date(Date.parse("2026-11-25T03:00:00.000Z") + week * 7 * 86_400_000).toISOString(),
      );
      await reportGoodDeed(headChat, `Việc tốt tuần thứ ${week}.`);
    }
    await broadcaster.command("/stories pending");
    expect(broadcaster.last()).toContain("Có 10 gương được đề cử");
    expect(broadcaster.buttons()).toHaveLength(9);
    expect(broadcaster.buttons()[0]).toBe("1. Việc tốt tuần thứ 9");
    expect(broadcaster.buttons().at(-1)).toBe("Xem thêm (2)");
    await broadcaster.press("Xem thêm");
    expect(broadcaster.buttons()).toEqual([
      "1. Việc tốt tuần thứ 1",
      "2. Chị Nông Thị Hoa vận động 12 hộ hiến 35…",
    ]);
  });
});

describe("taking up a nomination", () => {
  it("edits the title and text, then submits it: the broadcasting side gets it for the audience", async () => {
    const { w, publisher, broadcaster } = await nominatedWorld();
    await broadcaster.command("/stories pending");
    await broadcaster.press("1.");
    const card = broadcaster.last();
    expect(card).toContain("Gương được đề cử số 1 — xóm Nam Phong 2, phường Thục Phán");
    expect(card).toContain("Đề cử trong báo cáo tuần 23/11 – 29/11/2026.");
    expect(card).toContain(`Nội dung: ${DEED}`);
    expect(card).toContain("Người được nêu tên: đã đồng ý cho nêu tên công khai.");
    expect(broadcaster.buttons()).toEqual([
      "Sửa tiêu đề",
      "Sửa nội dung",
      "Sự đồng ý của người được nêu tên",
      "Gắn tiêu chí",
      "Gửi đăng →",
      "Để sau",
      "Không đăng gương này",
    ]);

    await broadcaster.press("Sửa tiêu đề");
    expect(broadcaster.last()).toContain("Anh/chị gõ tiêu đề mới (tối đa 120 ký tự).");
    await broadcaster.say("Chị Hoa vận động hiến đất làm đường");
    expect(broadcaster.last()).toContain("Tiêu đề: Chị Hoa vận động hiến đất làm đường");
    await broadcaster.press("Sửa nội dung");
    await broadcaster.say("Chị Nông Thị Hoa (xóm Nam Phong 2) vận động 12 hộ hiến 350 m² đất.");
    await broadcaster.press("Gắn tiêu chí");
    await broadcaster.press("Giao thông");
    await broadcaster.press("Xong");
    expect(broadcaster.last()).toContain("Tiêu chí: Giao thông");

    await broadcaster.press("Gửi đăng");
    expect(broadcaster.last()).toBe(
      [
        "Gửi gương “Chị Hoa vận động hiến đất làm đường” đến hội viên Hội Liên hiệp Phụ nữ ở phường Thục Phán.",
        // Hoa, and the broadcaster herself, a member of the union in the commune.
        "Số người nhận: 2 (Telegram 2, Zalo 0).",
        "Tin sẽ được gửi đi sau khi người duyệt tin đồng ý.",
      ].join("\n"),
    );
    await broadcaster.press("Gửi để duyệt");
    expect(broadcaster.last()).toBe(
      "Đã gửi gương “Chị Hoa vận động hiến đất làm đường” để duyệt. Khi người duyệt đồng ý, tin sẽ được gửi đi và gương sẽ có trong mục /stories.",
    );

    expect(publisher.submitted).toHaveLength(1);
    expect(publisher.submitted[0]).toMatchObject({
      by: "broadcaster",
      audience: { orgIds: ["hoi-phu-nu"], areaIds: ["thuc-phan"], roles: [] },
      story: {
        title: "Chị Hoa vận động hiến đất làm đường",
        text: "Chị Nông Thị Hoa (xóm Nam Phong 2) vận động 12 hộ hiến 350 m² đất.",
        orgId: "hoi-phu-nu",
        criterionIds: ["hamlet-ntm/giao-thong"],
      },
    });
    const [stored] = await w.world.store.stories.listByStatus("nominated");
    expect(stored).toMatchObject({
      editedBy: "broadcaster",
      submission: { broadcastId: "b1", by: "broadcaster" },
    });

    // It now waits for approval, and cannot be taken up twice.
    await broadcaster.command("/stories pending");
    expect(broadcaster.last()).toBe(
      [
        "Hiện không có gương nào được đề cử đang chờ trong phạm vi của anh/chị.",
        "Đã gửi đăng, đang chờ duyệt (1):",
        "• Chị Hoa vận động hiến đất làm đường",
      ].join("\n"),
    );
    await broadcaster.pressData(`sty:open:${stored?.id}`);
    expect(broadcaster.last()).toBe("Gương này đã được gửi đăng và đang chờ duyệt.");
  });

  it("refuses to publish a story naming a person who has not agreed, saying why", async () => {
    const { publisher, broadcaster } = await nominatedWorld(false);
    await broadcaster.command("/stories pending");
    await broadcaster.press("1.");
    expect(broadcaster.last()).toContain(
      "Người được nêu tên: CHƯA đồng ý (hoặc chưa được hỏi), nên chưa đăng được.",
    );
    await broadcaster.press("Gửi đăng");
    expect(broadcaster.last()).toContain(
      "Chưa đăng được: bài nêu tên một người chưa đồng ý cho nêu tên công khai. Khi người đó đã đồng ý, anh/chị ghi nhận ở mục “Sự đồng ý của người được nêu tên”, hoặc sửa bài để không nêu tên ai.",
    );
    expect(broadcaster.last()).toContain("Anh/chị muốn làm gì với gương này?");
    expect(publisher.submitted).toEqual([]);

    // Once the agreement is recorded, it goes.
    await broadcaster.press("Sự đồng ý");
    await broadcaster.press("Đã đồng ý");
    await broadcaster.press("Gửi đăng");
    await broadcaster.press("Gửi để duyệt");
    expect(publisher.submitted[0]?.story).toMatchObject({
      consent: "agreed",
      consentRecordedBy: "broadcaster",
    });
  });

  it("keeps edits for later, or sets a nomination aside for good", async () => {
    const { w, broadcaster } = await nominatedWorld();
    await broadcaster.command("/stories pending");
    await broadcaster.press("1.");
    await broadcaster.press("Sửa tiêu đề");
    await broadcaster.say("Hiến đất làm đường");
    await broadcaster.press("Để sau");
    expect(broadcaster.last()).toBe(
      "Đã lưu các chỗ sửa của gương “Hiến đất làm đường”. Gương vẫn chờ trong danh sách để gửi đăng sau.",
    );
    await broadcaster.command("/stories pending");
    expect(broadcaster.last()).toContain(
      "1. Hiến đất làm đường (xóm Nam Phong 2, phường Thục Phán)",
    );

    await broadcaster.press("1.");
    await broadcaster.press("Không đăng gương này");
    await broadcaster.press("Không đăng");
    expect(broadcaster.last()).toBe(
      "Đã để gương “Hiến đất làm đường” sang một bên; gương sẽ không được đăng.",
    );
    expect((await w.world.store.stories.listByStatus("set-aside")).length).toBe(1);
    await broadcaster.command("/stories pending");
    expect(broadcaster.last()).toBe(
      "Hiện không có gương nào được đề cử đang chờ trong phạm vi của anh/chị.",
    );
  });

  it("keeps the story waiting, with its edits, when the broadcasting side refuses", async () => {
    const { w, publisher, broadcaster } = await nominatedWorld();
    publisher.refuseWith = "broadcast:refusal.out-of-scope";
    await broadcaster.command("/stories pending");
    await broadcaster.press("1.");
    await broadcaster.press("Sửa tiêu đề");
    await broadcaster.say("Hiến đất");
    await broadcaster.press("Gửi đăng");
    await broadcaster.press("Gửi để duyệt");
    expect(broadcaster.last()).toContain(
      "Người nhận đã chọn nằm ngoài phạm vi anh/chị được phép gửi.",
    );
    const [story] = await w.world.store.stories.listByStatus("nominated");
    expect(story).toMatchObject({ title: "Hiến đất" });
    expect(story?.submission).toBeUndefined();
  });
});
