import { timingSafeEqual } from "node:crypto";
import { ZALO_SECRET_HEADER } from "./limits.js";

/**
 * True when a webhook request carries exactly our secret in `X-Bot-Api-Secret-Token`; any
 * other request must be rejected. Compared in constant time so the secret cannot be guessed
 * byte by byte from response times.
 */
export function hasZaloSecret(
  headers: Record<string, string | string[] | undefined>,
  secretToken: string,
): boolean {
  const sent = headers[ZALO_SECRET_HEADER.toLowerCase()] ?? headers[ZALO_SECRET_HEADER];
  if (typeof sent !== "string") return false;
  const expected = Buffer.from(secretToken, "utf8");
  const given = Buffer.from(sent, "utf8");
  return expected.length === given.length && timingSafeEqual(expected, given);
}
