import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";
import type { StoredOutbound } from "./outbox-repository.js";

/** A stored message without its bytes: a file is kept apart, under its content hash. */
export interface PayloadDoc extends Omit<StoredOutbound, "file"> {
  id: string;
  file?: {
    kind: "photo" | "document" | "audio";
    fileName: string;
    mimeType: string;
    sha256: string;
    seconds?: number;
  };
}

/**
 * The document a message is stored as, and its file's bytes: content-addressed, so the
 * recipients of one broadcast share one stored message, in every adapter alike.
 */
export function payloadDocument(message: StoredOutbound): { doc: PayloadDoc; bytes?: Buffer } {
  const { file, ...content } = message;
  if (!file) return { doc: { id: contentId(content), ...content } };
  const bytes = Buffer.from(file.base64, "base64");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const body = {
    ...content,
    file: {
      kind: file.kind,
      fileName: file.fileName,
      mimeType: file.mimeType,
      sha256,
      ...(file.seconds === undefined ? {} : { seconds: file.seconds }),
    },
  };
  return { doc: { id: contentId(body), ...body }, bytes };
}

/** The message a stored document and its file's bytes make. */
export function storedOutbound(doc: PayloadDoc, bytes: Uint8Array | undefined): StoredOutbound {
  const { id: _id, file, ...content } = doc;
  if (!file) return structuredClone(content);
  return {
    ...structuredClone(content),
    file: {
      kind: file.kind,
      fileName: file.fileName,
      mimeType: file.mimeType,
      base64: Buffer.from(bytes ?? []).toString("base64"),
      ...(file.seconds === undefined ? {} : { seconds: file.seconds }),
    },
  };
}

function contentId(body: object): string {
  return createHash("sha256").update(canonicalJson(body)).digest("hex").slice(0, 32);
}
