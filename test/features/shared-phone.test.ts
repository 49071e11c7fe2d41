import { describe, expect, it } from "vitest";
import type { Member } from "../../src/domain/member.js";
import type { Role } from "../../src/domain/role.js";
import { speakerOf } from "../../src/features/shared-phone.js";
import type { Inbound } from "../../src/messaging/inbound.js";

const AT = "2026-12-02T02:00:00.000Z";

function person(id: string, name: string, roles: Role[]): Member {
  return {
    id,
    name,
    unitId: "hung-dao.nam-phong-2",
    orgIds: [],
    roles: roles.map((role) => ({ role, unitId: "hung-dao.nam-phong-2", orgIds: [] })),
    locale: "vi",
    active: true,
    optedOut: false,
    identities: [{ channel: "zalo", chatId: "shared", boundAt: AT, lastSeenAt: AT }],
    source: "invite",
    createdAt: AT,
  };
}

const said = (fields: Partial<Inbound>): Inbound => ({
  channel: "zalo",
  chatId: "shared",
  updateId: "1",
  receivedAt: new Date(AT),
  kind: "text",
  ...fields,
});

const mai = person("m1", "Lò Thị Mai", ["member"]);
const thang = person("m2", "Hoàng Văn Thắng", ["hamlet_head"]);
const minh = person("m3", "Lục Văn Minh", ["official"]);

describe("who writes on a shared phone", () => {
  it("a report is the hamlet head's, /status the official's, whoever joined first", () => {
    const phone = [mai, thang, minh];
    expect(speakerOf(phone, said({ kind: "command", command: "report" }), [])).toEqual({
      member: thang,
    });
    expect(speakerOf(phone, said({ kind: "command", command: "status" }), [])).toEqual({
      member: minh,
    });
  });

  it("asks whose /mydata it is, and who reports when two heads share the phone", () => {
    const otherHead = person("m4", "Hoàng Văn Cường", ["hamlet_head"]);
    expect(speakerOf([mai, thang], said({ kind: "command", command: "mydata" }), [])).toEqual({
      ask: [mai, thang],
    });
    expect(speakerOf([thang, otherHead], said({ kind: "command", command: "report" }), [])).toEqual(
      { ask: [thang, otherHead] },
    );
  });

  it("a typed answer goes to the dialog under way; a tagged choice to the person it was shown to", () => {
    expect(speakerOf([thang, mai], said({ text: "1,2 km" }), [mai])).toEqual({ member: mai });
    expect(
      speakerOf([thang, mai], said({ kind: "choice", choice: { data: "as:m1:stop:yes" } }), [
        thang,
      ]),
    ).toEqual({ member: mai });
  });

  it("a phone of one needs no question", () => {
    expect(speakerOf([mai], said({ kind: "command", command: "mydata" }), [])).toEqual({
      member: mai,
    });
  });
});
