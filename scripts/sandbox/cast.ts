import type { Role } from "../../src/domain/role.js";

/** One invite a persona's chat types to join: roles over a unit, for a named person. */
export interface CastInvite {
  name: string;
  roles: Role[];
  unitId: string;
  orgIds?: string[];
}

/**
 * Someone the sandbox can play: the people of the demo's ward, Thục Phán. `key` names the
 * persona's label in `locales/<lang>/sandbox.json` (`persona.<key>`). A persona with two
 * invites is two people of one household typing their codes into the same phone's chat.
 */
export interface Persona {
  id: string;
  key: string;
  /** The name the platform shows for the chat (the phone's owner). */
  displayName: string;
  invites: CastInvite[];
}

const COMMUNE = "thuc-phan";
const WOMEN_UNION = "hoi-phu-nu";

/** The demo's people, ready to be picked. */
export const CAST: readonly Persona[] = [
  {
    id: "broadcaster",
    key: "broadcaster",
    displayName: "Mai",
    invites: [
      { name: "Lý Thị Mai", roles: ["broadcaster"], unitId: COMMUNE, orgIds: [WOMEN_UNION] },
    ],
  },
  {
    id: "approver",
    key: "approver",
    displayName: "Bình",
    invites: [{ name: "Nông Văn Bình", roles: ["approver"], unitId: COMMUNE }],
  },
  {
    id: "official",
    key: "official",
    displayName: "Minh",
    invites: [{ name: "Lục Văn Minh", roles: ["official"], unitId: COMMUNE }],
  },
  {
    id: "member",
    key: "member",
    displayName: "Hoa",
    invites: [
      {
        name: "Nông Thị Hoa",
        roles: ["member"],
        unitId: "hung-dao.nam-phong-2",
        orgIds: [WOMEN_UNION],
      },
    ],
  },
  {
    id: "household",
    key: "household",
    displayName: "Lương Đức",
    invites: [
      {
        name: "Lương Văn Đức",
        roles: ["member"],
        unitId: "hung-dao.da-quan",
        orgIds: ["hoi-nong-dan"],
      },
      {
        name: "Lương Thị Nga",
        roles: ["member"],
        unitId: "hung-dao.da-quan",
        orgIds: [WOMEN_UNION],
      },
    ],
  },
];

/** The persona id of the head of any hamlet: `head-of:<hamlet id>`. */
export const HEAD_OF = "head-of:";

// The demo's hamlet heads, and synthetic names for the hamlets the demo does not name.
const DEMO_HEADS: Record<string, string> = {
  "hung-dao.nam-phong-2": "Hoàng Văn Thắng",
  "hung-dao.nam-phong-1": "Đàm Văn Sơn",
  "hung-dao.da-quan": "Lương Văn Cường",
  "hung-dao.dong-chup": "Nông Văn Hải",
};
const HEAD_NAMES = [
  "Hà Văn Quý",
  "Triệu Văn Hùng",
  "Đinh Văn Khánh",
  "Mã Văn Lực",
  "La Văn Tuấn",
  "Sầm Văn Hưng",
];

/** The head of a hamlet, under a synthetic name that stays the same for that hamlet. */
export function headOf(hamletId: string): Persona {
  let hash = 0;
  for (const char of hamletId) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  const name = DEMO_HEADS[hamletId] ?? HEAD_NAMES[hash % HEAD_NAMES.length] ?? "Hà Văn Quý";
  return {
    id: `${HEAD_OF}${hamletId}`,
    key: "headOf",
    displayName: name.split(" ").at(-1) ?? name,
    invites: [{ name, roles: ["hamlet_head"], unitId: hamletId }],
  };
}

/** The persona with this id, or undefined. */
export function personaById(id: string): Persona | undefined {
  if (id.startsWith(HEAD_OF)) return headOf(id.slice(HEAD_OF.length));
  return CAST.find((persona) => persona.id === id);
}
