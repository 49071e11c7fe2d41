import { describe, expect, it } from "vitest";
import { type FieldReading, readFieldAnswer } from "../../src/domain/number-reading.js";
import type { ReportField } from "../../src/domain/report-fields.js";

// Copies of shipped report fields (data/report-fields.json), so the tests read like the real report.
const field = (id: string, label: string, unit: string, max: number, min = 0): ReportField => ({
  id,
  label,
  unit,
  min,
  max,
});
const ROAD = field("roadConcretedM", "new concrete road", "m", 5000);
const CANAL = field("canalM", "canals", "m", 3000);
const PEOPLE_FUNDS = field("fundsPeopleMillionVnd", "people's contributions", "triệu đồng", 2000);
const SPONSOR_FUNDS = field("fundsSponsorMillionVnd", "sponsors", "triệu đồng", 5000);
const LABOUR = field("labourDays", "labour days", "ngày công", 5000);
const LAND = field("landDonatedM2", "donated land", "m²", 20000);
const HOUSES = field("housesRepaired", "houses repaired", "nhà", 50);
const TREES = field("treesPlanted", "trees planted", "cây", 20000);
const CLEANUPS = field("cleanupSessions", "clean-up sessions", "buổi", 14);
const ATTENDEES = field("attendees", "meeting attendees", "lượt", 3000);
const HOUSEHOLDS = field("fiveNoThreeCleanHouseholds", "households in 5 không 3 sạch", "hộ", 200);
const MODELS = field("newModels", "new production models", "mô hình", 10);

/** What the bot should make of an answer. */
type Expected =
  | { value: number }
  | { about: number }
  | "skip"
  | { refused: string; params?: Record<string, string | number> };

type Case = [typed: string, target: ReportField, expected: Expected];

function describeExpected(expected: Expected, target: ReportField): string {
  if (expected === "skip") return "the question is skipped";
  if ("value" in expected) return `${expected.value} ${target.unit}`;
  if ("about" in expected) return `about ${expected.about} ${target.unit}`;
  return `asked again (${expected.refused})`;
}

function check(reading: FieldReading, expected: Expected): void {
  if (expected === "skip") {
    expect(reading).toEqual({ kind: "skip" });
  } else if ("value" in expected) {
    expect(reading).toEqual({ kind: "value", value: expected.value, approximate: false });
  } else if ("about" in expected) {
    expect(reading).toEqual({ kind: "value", value: expected.about, approximate: true });
  } else {
    expect(reading.kind).toBe("refused");
    if (reading.kind !== "refused") return;
    expect(reading.reason.key).toBe(`parse:refusal.${expected.refused}`);
    if (expected.params) expect(reading.reason.params).toMatchObject(expected.params);
  }
}

function conversation(title: string, cases: Case[]): void {
  describe(title, () => {
    for (const [typed, target, expected] of cases) {
      it(`a head types ${JSON.stringify(typed)} for ${target.label} → ${describeExpected(expected, target)}`, () => {
        check(readFieldAnswer(typed, target), expected);
      });
    }
  });
}

conversation("plain numbers with Vietnamese separators", [
  ["350", ROAD, { value: 350 }],
  ["1,5", CANAL, { value: 1.5 }],
  ["1.5", CANAL, { value: 1.5 }],
  ["1,25", CANAL, { value: 1.25 }],
  ["1.25", CANAL, { value: 1.25 }],
  ["1.500", ROAD, { value: 1500 }],
  ["1 500", ROAD, { value: 1500 }],
  ["1.500,5", ROAD, { value: 1500.5 }],
  ["0,5", CANAL, { value: 0.5 }],
  ["0.500", CANAL, { value: 0.5 }],
  ["1.500.000", PEOPLE_FUNDS, { value: 1.5 }],
  ["1,500,000", PEOPLE_FUNDS, { value: 1.5 }],
  ["1 500 000", PEOPLE_FUNDS, { value: 1.5 }],
]);

conversation("lengths in metres and kilometres", [
  ["1,2 km", ROAD, { value: 1200 }],
  ["1.2km", ROAD, { value: 1200 }],
  ["1,2 ki-lô-mét", ROAD, { value: 1200 }],
  ["2 cây số", ROAD, { value: 2000 }],
  ["300m", ROAD, { value: 300 }],
  ["300 mét", ROAD, { value: 300 }],
  ["300 met", ROAD, { value: 300 }],
  ["0,25 km", CANAL, { value: 250 }],
  ["1,15 km", ROAD, { value: 1150 }],
  ["1 km 2", ROAD, { value: 1200 }],
  ["1 km 200", ROAD, { value: 1200 }],
  ["1 km 200 m", ROAD, { value: 1200 }],
  ["1 km rưỡi", ROAD, { value: 1500 }],
  ["nửa km", ROAD, { value: 500 }],
  ["1 mét 75", CANAL, { value: 1.75 }],
]);

conversation("areas in m², sào and hectares", [
  ["350 m2", LAND, { value: 350 }],
  ["350m²", LAND, { value: 350 }],
  ["350 mét vuông", LAND, { value: 350 }],
  ["350 m vuông", LAND, { value: 350 }],
  ["350 mét", LAND, { value: 350 }],
  ["1m2", LAND, { value: 1 }],
  ["2 sào", LAND, { value: 720 }],
  ["nửa sào", LAND, { value: 180 }],
  ["1 sào rưỡi", LAND, { value: 540 }],
  ["1 sào 5 thước", LAND, { value: 480 }],
  ["3 thước", LAND, { value: 72 }],
  ["0,5 ha", LAND, { value: 5000 }],
  ["0,07 ha", LAND, { value: 700 }],
  ["1 héc ta", LAND, { value: 10000 }],
  ["1 hecta", LAND, { value: 10000 }],
  ["2 ha", LAND, { value: 20000 }],
]);

conversation("money, converted into triệu đồng", [
  ["2", PEOPLE_FUNDS, { value: 2 }],
  ["2 triệu", PEOPLE_FUNDS, { value: 2 }],
  ["2 trieu", PEOPLE_FUNDS, { value: 2 }],
  ["2tr", PEOPLE_FUNDS, { value: 2 }],
  ["2 triệu đồng", PEOPLE_FUNDS, { value: 2 }],
  ["2.000.000 đ", PEOPLE_FUNDS, { value: 2 }],
  ["2.000.000đ", PEOPLE_FUNDS, { value: 2 }],
  ["2.000.000 vnđ", PEOPLE_FUNDS, { value: 2 }],
  ["2 000 000 VND", PEOPLE_FUNDS, { value: 2 }],
  ["2000000", PEOPLE_FUNDS, { value: 2 }],
  ["150000", PEOPLE_FUNDS, { value: 0.15 }],
  ["250.000 đồng", PEOPLE_FUNDS, { value: 0.25 }],
  ["500 nghìn", PEOPLE_FUNDS, { value: 0.5 }],
  ["500 ngàn", PEOPLE_FUNDS, { value: 0.5 }],
  ["500 nghin", PEOPLE_FUNDS, { value: 0.5 }],
  ["500k", PEOPLE_FUNDS, { value: 0.5 }],
  ["500K", PEOPLE_FUNDS, { value: 0.5 }],
  ["333 nghìn", PEOPLE_FUNDS, { value: 0.333 }],
  ["1,5 triệu", PEOPLE_FUNDS, { value: 1.5 }],
  ["2.5tr", PEOPLE_FUNDS, { value: 2.5 }],
  ["2 triệu rưỡi", PEOPLE_FUNDS, { value: 2.5 }],
  ["2 triệu 5", PEOPLE_FUNDS, { value: 2.5 }],
  ["2tr5", PEOPLE_FUNDS, { value: 2.5 }],
  ["2 triệu 500", PEOPLE_FUNDS, { value: 2.5 }],
  ["2 triệu 500 nghìn", PEOPLE_FUNDS, { value: 2.5 }],
  ["2 củ", PEOPLE_FUNDS, { value: 2 }],
  ["2 củ 5", PEOPLE_FUNDS, { value: 2.5 }],
  ["nửa triệu", PEOPLE_FUNDS, { value: 0.5 }],
  ["hai triệu", PEOPLE_FUNDS, { value: 2 }],
  ["hai triệu năm trăm nghìn", PEOPLE_FUNDS, { value: 2.5 }],
  ["1 tỷ 2", SPONSOR_FUNDS, { value: 1200 }],
  ["1,5 tỷ", SPONSOR_FUNDS, { value: 1500 }],
  ["1 tỉ", SPONSOR_FUNDS, { value: 1000 }],
  ["1 tỷ 2 trăm", SPONSOR_FUNDS, { value: 1200 }],
  ["2 triệu 150", PEOPLE_FUNDS, { value: 2.15 }],
  ["1tr2", PEOPLE_FUNDS, { value: 1.2 }],
  ["triệu rưỡi", PEOPLE_FUNDS, { value: 1.5 }],
  ["hai trăm nghìn", PEOPLE_FUNDS, { value: 0.2 }],
  ["Đóng góp được 3 triệu ạ", PEOPLE_FUNDS, { value: 3 }],
]);

conversation("numbers written in words", [
  ["một trăm", TREES, { value: 100 }],
  ["mười", TREES, { value: 10 }],
  ["mười lăm", TREES, { value: 15 }],
  ["hai mươi mốt", TREES, { value: 21 }],
  ["hai mốt", TREES, { value: 21 }],
  ["hai mươi lăm", TREES, { value: 25 }],
  ["hai lăm", TREES, { value: 25 }],
  ["ba mươi tư", TREES, { value: 34 }],
  ["năm mươi", TREES, { value: 50 }],
  ["năm mươi nhăm", TREES, { value: 55 }],
  ["hai chục", TREES, { value: 20 }],
  ["ba trăm rưỡi", ROAD, { value: 350 }],
  ["ba trăm tư", TREES, { value: 340 }],
  ["trăm mốt", TREES, { value: 110 }],
  ["một trăm linh năm", TREES, { value: 105 }],
  ["một trăm lẻ năm", TREES, { value: 105 }],
  ["một nghìn hai trăm", TREES, { value: 1200 }],
  ["một nghìn hai", TREES, { value: 1200 }],
  ["nghìn rưỡi", TREES, { value: 1500 }],
  ["hai nghìn không trăm năm mươi", TREES, { value: 2050 }],
  ["tám trăm", TREES, { value: 800 }],
  ["tam tram", TREES, { value: 800 }],
  ["hai muoi mot", TREES, { value: 21 }],
  ["bảy", HOUSES, { value: 7 }],
  ["1k2", TREES, { value: 1200 }],
]);

conversation("estimates are kept, and marked as estimates", [
  ["khoảng 300m", ROAD, { about: 300 }],
  ["350 m (khoảng)", ROAD, { about: 350 }],
  ["khoang 300", ROAD, { about: 300 }],
  ["tầm 300", ROAD, { about: 300 }],
  ["tam 300", ROAD, { about: 300 }],
  ["tầm ba trăm", ROAD, { about: 300 }],
  ["gần 2 km", ROAD, { about: 2000 }],
  ["hơn 100", TREES, { about: 100 }],
  ["~300", ROAD, { about: 300 }],
  ["300+", ATTENDEES, { about: 300 }],
  ["chừng 50", ATTENDEES, { about: 50 }],
  ["độ 200", ROAD, { about: 200 }],
  ["trên 200 cây", TREES, { about: 200 }],
  ["ước tính 1,5 km", ROAD, { about: 1500 }],
  ["xấp xỉ 400", ROAD, { about: 400 }],
  ["about 300", ROAD, { about: 300 }],
]);

conversation("nothing this week", [
  ["0", ROAD, { value: 0 }],
  ["không", ROAD, { value: 0 }],
  ["khong", ROAD, { value: 0 }],
  ["KHÔNG", ROAD, { value: 0 }],
  ["ko", ROAD, { value: 0 }],
  ["k", ROAD, { value: 0 }],
  ["k có", PEOPLE_FUNDS, { value: 0 }],
  ["không có", ROAD, { value: 0 }],
  ["ko có gì", ROAD, { value: 0 }],
  ["chưa", ROAD, { value: 0 }],
  ["không mét", ROAD, { value: 0 }],
  ["Không có ạ", ROAD, { value: 0 }],
  ["chưa có", HOUSES, { value: 0 }],
  ["none", ROAD, { value: 0 }],
  ["no", ROAD, { value: 0 }],
  ["0 m", ROAD, { value: 0 }],
]);

conversation("skipping a question", [
  ["bỏ qua", ROAD, "skip"],
  ["bo qua", ROAD, "skip"],
  ["Bỏ qua ạ", ROAD, "skip"],
  ["skip", ROAD, "skip"],
  ["/skip", ROAD, "skip"],
  ["-", ROAD, "skip"],
  ["—", ROAD, "skip"],
]);

conversation("the way phones and fingers type", [
  ["１２０", TREES, { value: 120 }],
  ["１,５ km", ROAD, { value: 1500 }],
  ["300.", ROAD, { value: 300 }],
  ["300!!", ROAD, { value: 300 }],
  ["  350  ", ROAD, { value: 350 }],
  ["(300)", ROAD, { value: 300 }],
  ["300 👍", ROAD, { value: 300 }],
  ["KHOẢNG 300 M", ROAD, { about: 300 }],
  ["300m ạ", ROAD, { value: 300 }],
  ["Làm được 250 m đường", ROAD, { value: 250 }],
  ["khoảng 300".normalize("NFD"), ROAD, { about: 300 }],
  ["hai triệu".normalize("NFD"), PEOPLE_FUNDS, { value: 2 }],
  ["2 căn nhà", HOUSES, { value: 2 }],
  ["12 người", ATTENDEES, { value: 12 }],
  ["120 cây xanh", TREES, { value: 120 }],
  ["5 triệu tiền mặt", PEOPLE_FUNDS, { value: 5 }],
  ["30 lượt người", ATTENDEES, { value: 30 }],
  ["3 buổi", CLEANUPS, { value: 3 }],
  ["2 hộ", HOUSEHOLDS, { value: 2 }],
  ["2 mô hình", MODELS, { value: 2 }],
  ["2 cái", MODELS, { value: 2 }],
  ["3 căn", HOUSES, { value: 3 }],
  ["50 ngày công", LABOUR, { value: 50 }],
  ["50 công", LABOUR, { value: 50 }],
  ["1,5 ngày công", LABOUR, { value: 1.5 }],
]);

conversation("answers the bot asks again, saying why", [
  ["nhiều", ROAD, { refused: "unreadable", params: { example: "length", unitName: "m" } }],
  ["ít", ROAD, { refused: "unreadable" }],
  ["vài", TREES, { refused: "unreadable", params: { example: "count" } }],
  ["vài trăm", TREES, { refused: "unreadable" }],
  ["mấy chục", TREES, { refused: "unreadable" }],
  ["", ROAD, { refused: "unreadable" }],
  ["???", ROAD, { refused: "unreadable" }],
  ["abc", ROAD, { refused: "unreadable" }],
  ["km", ROAD, { refused: "unreadable" }],
  ["triệu", PEOPLE_FUNDS, { refused: "unreadable", params: { example: "money" } }],
  ["1.2.3", ROAD, { refused: "unreadable" }],
  ["1/2", ROAD, { refused: "unreadable" }],
  ["50%", ROAD, { refused: "unreadable" }],
  ["300 m 200 m", ROAD, { refused: "unreadable" }],
  ["2 triệu 15", PEOPLE_FUNDS, { refused: "unreadable" }],
  ["hai triệu mười lăm", PEOPLE_FUNDS, { refused: "unreadable" }],
  ["1 sào 5", LAND, { refused: "unreadable" }],
  ["khoảng", ROAD, { refused: "unreadable" }],
  ["12 0000", ROAD, { refused: "unreadable" }],
  ["200-300", ROAD, { refused: "range" }],
  ["200 - 300", ROAD, { refused: "range" }],
  ["200 – 300", ROAD, { refused: "range" }],
  ["2-3 km", ROAD, { refused: "range" }],
  ["200 đến 300", ROAD, { refused: "range" }],
  ["từ 200 đến 300 m", ROAD, { refused: "range" }],
  ["200 hoặc 300", ROAD, { refused: "range" }],
  ["hai ba trăm", ROAD, { refused: "range" }],
  ["một hai", HOUSES, { refused: "range" }],
  ["-5", ROAD, { refused: "negative" }],
  ["-300m", ROAD, { refused: "negative" }],
  ["- 5", ROAD, { refused: "negative" }],
  ["âm 5", ROAD, { refused: "negative" }],
  ["1,500", ROAD, { refused: "ambiguousSeparator", params: { asDecimal: 1.5, asThousands: 1500 } }],
  ["2 triệu", ROAD, { refused: "wrongUnit", params: { given: "triệu", unitName: "m" } }],
  ["2 củ", ROAD, { refused: "wrongUnit", params: { given: "củ" } }],
  ["1m2", ROAD, { refused: "wrongUnit", params: { given: "m2" } }],
  ["300 m2", ROAD, { refused: "wrongUnit" }],
  ["2 sào", ROAD, { refused: "wrongUnit", params: { given: "sào" } }],
  ["300 cây", ROAD, { refused: "wrongUnit", params: { given: "cây" } }],
  ["1 km", LAND, { refused: "wrongUnit", params: { given: "km" } }],
  ["1 ha", PEOPLE_FUNDS, { refused: "wrongUnit", params: { given: "ha", unitName: "triệu đồng" } }],
  ["300 m", PEOPLE_FUNDS, { refused: "wrongUnit" }],
  ["1 triệu", TREES, { refused: "wrongUnit" }],
  ["2 mét", TREES, { refused: "wrongUnit" }],
  // A count of the wrong things: 80 people are not 80 production models.
  ["80 người", MODELS, { refused: "wrongUnit", params: { given: "người", unitName: "mô hình" } }],
  ["3 hộ", MODELS, { refused: "wrongUnit", params: { given: "hộ" } }],
  ["5 buổi", TREES, { refused: "wrongUnit", params: { given: "buổi" } }],
  ["20 cây", HOUSEHOLDS, { refused: "wrongUnit", params: { given: "cây" } }],
  ["2 ngày công", HOUSES, { refused: "wrongUnit" }],
  ["6 km", ROAD, { refused: "tooLarge", params: { value: 6000, max: 5000, unitName: "m" } }],
  ["6000", ROAD, { refused: "tooLarge", params: { value: 6000, max: 5000 } }],
  ["1.005 km", ROAD, { refused: "tooLarge" }],
  ["3 ha", LAND, { refused: "tooLarge", params: { value: 30000, max: 20000 } }],
  ["3 tỷ", PEOPLE_FUNDS, { refused: "tooLarge", params: { value: 3000, max: 2000 } }],
  ["60", HOUSES, { refused: "tooLarge", params: { value: 60, max: 50 } }],
  ["15 buổi", CLEANUPS, { refused: "tooLarge", params: { max: 14 } }],
  ["1,5 nhà", HOUSES, { refused: "notWhole", params: { value: 1.5 } }],
  ["2,5 buổi", CLEANUPS, { refused: "notWhole" }],
  [
    "0",
    field("x", "a field that needs at least one", "buổi", 10, 1),
    { refused: "tooSmall", params: { min: 1 } },
  ],
]);

describe("what the bot does not read", () => {
  it("refuses an answer far longer than any number, rather than reading it", () => {
    const reading = readFieldAnswer(`${"3".repeat(5)} ${"a".repeat(300)}`, ROAD);
    expect(reading).toMatchObject({ kind: "refused", reason: { key: "parse:refusal.unreadable" } });
  });

  it("never hands back floating-point noise", () => {
    for (const typed of ["1,15 km", "0,07 ha", "1,1 km", "2,3 km", "0,3 km", "4,35 km"]) {
      const reading = readFieldAnswer(typed, typed.endsWith("ha") ? LAND : ROAD);
      expect(reading.kind).toBe("value");
      if (reading.kind === "value") expect(String(reading.value)).toMatch(/^\d+(\.\d{1,2})?$/);
    }
  });
});
