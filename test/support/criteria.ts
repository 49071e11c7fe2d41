/**
 * The criteria of the shipped hamlet NTM set, by their ids within the set: what tests that
 * bring a hamlet to the NTM standard must mark as met. Written out here (not read from
 * `data/`) so a test also notices when the shipped set changes.
 */
export const HAMLET_NTM_CRITERIA = [
  "giao-thong",
  "dien",
  "nha-o",
  "van-hoa",
  "thong-tin",
  "san-xuat",
  "lao-dong",
  "thu-nhap",
  "ngheo-da-chieu",
  "giao-duc",
  "y-te",
  "moi-truong",
  "he-thong-chinh-tri",
  "an-ninh-trat-tu",
] as const;
