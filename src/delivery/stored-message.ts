import type { Outbound } from "../messaging/outbound.js";
import type { StoredOutbound } from "../store/outbox-repository.js";

/** An Outbound as the outbox stores it: file bytes as base64, so the store port stays JSON. */
export function toStoredOutbound(message: Outbound): StoredOutbound {
  const { file, ...rest } = message;
  if (!file) return rest;
  const { bytes, ...meta } = file;
  return { ...rest, file: { ...meta, base64: Buffer.from(bytes).toString("base64") } };
}

/** A stored message back as the Outbound a channel sends. */
export function fromStoredOutbound(message: StoredOutbound): Outbound {
  const { file, ...rest } = message;
  if (!file) return rest;
  const { base64, ...meta } = file;
  return { ...rest, file: { ...meta, bytes: new Uint8Array(Buffer.from(base64, "base64")) } };
}
