/**
 * A label reduced to what a person would type for it: lower case, no diacritics, no ticks or
 * punctuation, single spaces; so "xong" matches "Xong ✓" and "khong co gi moi" its label.
 */
export function typedForm(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
