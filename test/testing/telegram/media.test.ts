import { Api, GrammyError, InputFile, InputMediaBuilder } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import {
  generatePng,
  sampleVoiceNote,
  startTelegramEmulator,
  type TelegramEmulator,
} from "../../../src/testing/telegram/index.js";

let emulator: TelegramEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start() {
  emulator = await startTelegramEmulator({ rateLimits: false });
  const user = emulator.user({ id: 700, firstName: "Hoa" });
  return { emulator, user, api: new Api(emulator.token, { apiRoot: emulator.apiRoot }) };
}

describe("files and media", () => {
  it("shows an album uploaded by multipart as photos of one media group with the uploaded bytes", async () => {
    const { user, api } = await start();
    const first = generatePng(1);
    const second = generatePng(2);
    const sent = await api.sendMediaGroup(700, [
      InputMediaBuilder.photo(new InputFile(first), {
        caption: "<b>Đường</b> mới",
        parse_mode: "HTML",
      }),
      InputMediaBuilder.photo(new InputFile(second)),
    ]);
    expect(sent.map((m) => m.message_id)).toEqual([1, 2]);
    const photos = user.chat();
    expect(photos.map((m) => Buffer.from(m.photo?.bytes ?? []))).toEqual([
      Buffer.from(first),
      Buffer.from(second),
    ]);
    expect(new Set(photos.map((m) => m.mediaGroupId)).size).toBe(1);
    expect(photos[0]?.caption).toBe("Đường mới");
    expect(photos[0]?.entities).toEqual([{ type: "bold", offset: 0, length: 5 }]);
  });

  it("re-sends an album by file_id as JSON", async () => {
    const { user, api } = await start();
    const a = await api.sendPhoto(700, new InputFile(generatePng(3)));
    const b = await api.sendPhoto(700, new InputFile(generatePng(4)));
    const ids = [a, b].map((m) => m.photo?.[0]?.file_id as string);
    await api.sendMediaGroup(
      700,
      ids.map((id) => InputMediaBuilder.photo(id)),
    );
    expect(
      user
        .chat()
        .slice(2)
        .map((m) => m.photo?.fileId),
    ).toEqual(ids);
  });

  it("gives back the exact bytes through getFile and the download path", async () => {
    const { emulator, user, api } = await start();
    const bytes = new TextEncoder().encode("hamlet,roads_m\nNà Cạn,1500\n");
    const sent = await api.sendDocument(700, new InputFile(bytes, "báo cáo.csv"), {
      caption: "Tuần 23/11",
    });
    const file = await api.getFile(sent.document?.file_id as string);
    const download = await fetch(`${emulator.apiRoot}/file/bot${emulator.token}/${file.file_path}`);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(Buffer.from(bytes));
    expect(user.lastBotMessage()?.document?.fileName).toBe("báo cáo.csv");
    expect(user.lastBotMessage()?.text).toBe("Tuần 23/11");
    const wrongPath = await fetch(
      `${emulator.apiRoot}/file/bot${emulator.token}/documents/nope.csv`,
    );
    expect(wrongPath.status).toBe(404);
  });

  it("accepts a photo by URL without leaving the machine, and refuses captions over 1024", async () => {
    const { user, api } = await start();
    await api.sendPhoto(700, "https://example.org/chart.png");
    expect(user.lastBotMessage()?.photo?.bytes.length).toBeGreaterThan(0);
    const error = await api
      .sendPhoto(700, new InputFile(generatePng(5)), { caption: "x".repeat(1025) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).description).toBe("Bad Request: message caption is too long");
  });

  it("refuses bytes that are not an image as a photo, like Telegram", async () => {
    const { api } = await start();
    const error = await api
      .sendPhoto(700, new InputFile(new TextEncoder().encode("not a picture")))
      .catch((e: unknown) => e);
    expect((error as GrammyError).description).toBe("Bad Request: IMAGE_PROCESS_FAILED");
  });

  it("plays a voice note and an audio file the bot sends, and re-sends a voice note by file_id", async () => {
    const { emulator, user, api } = await start();
    const note = sampleVoiceNote(4);
    const sent = await api.sendVoice(700, new InputFile(note, "ghi-am.ogg"), {
      duration: 4,
      caption: "Ghi âm của xóm",
    });
    expect(sent.voice?.duration).toBe(4);
    expect(user.lastBotMessage()?.audio).toMatchObject({ kind: "voice", duration: 4 });
    expect(Buffer.from(user.lastBotMessage()?.audio?.bytes ?? [])).toEqual(Buffer.from(note));
    expect(user.lastBotMessage()?.text).toBe("Ghi âm của xóm");
    const file = await api.getFile(sent.voice?.file_id as string);
    const download = await fetch(`${emulator.apiRoot}/file/bot${emulator.token}/${file.file_path}`);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(Buffer.from(note));

    await api.sendVoice(700, sent.voice?.file_id as string);
    expect(user.lastBotMessage()?.audio?.fileId).toBe(sent.voice?.file_id);
    const wrongKind = await api
      .sendAudio(700, sent.voice?.file_id as string)
      .catch((e: unknown) => e);
    expect((wrongKind as GrammyError).description).toBe(
      "Bad Request: can't use file of type Voice as Audio",
    );

    const reading = await api.sendAudio(700, new InputFile(note, "bai-doc-tieng-tay.mp3"), {
      duration: 95,
    });
    expect(reading.audio?.file_name).toBe("bai-doc-tieng-tay.mp3");
    expect(user.lastBotMessage()?.audio).toMatchObject({ kind: "audio", duration: 95 });
  });

  it("hands the bot a voice note a user records, with its length", async () => {
    const { user, api } = await start();
    user.sendVoice(7);
    const [update] = await api.getUpdates();
    expect(update?.message?.voice).toMatchObject({ duration: 7, mime_type: "audio/ogg" });
    const file = await api.getFile(update?.message?.voice?.file_id as string);
    expect(file.file_path).toMatch(/^voice\/file_\d+\.oga$/);
  });
});
