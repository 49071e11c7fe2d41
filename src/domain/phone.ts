/**
 * A Vietnamese phone number in one canonical form (`0912345678`), so the same person's
 * number matches however a spreadsheet wrote it: "0912 345 678", "+84 912.345.678",
 * "84912345678", or "912345678" from a cell that lost its leading 0. Returns undefined when
 * the text is not a phone number.
 */
export function normalisePhone(text: string): string | undefined {
  let digits = text.normalize("NFKC").replace(/[\s.\-()]/g, "");
  if (digits.startsWith("+84")) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith("0084")) digits = `0${digits.slice(4)}`;
  else if (digits.startsWith("84") && digits.length === 11) digits = `0${digits.slice(2)}`;
  // A spreadsheet that took the number for a figure dropped its leading 0.
  else if (/^[1-9]\d{8,9}$/.test(digits)) digits = `0${digits}`;
  // Mobiles have 10 digits, landlines 11; older listings may still carry 9- or 10-digit forms.
  return /^0\d{8,10}$/.test(digits) ? digits : undefined;
}
