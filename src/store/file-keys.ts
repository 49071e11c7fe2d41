import { extname } from "node:path";

const MIME_TYPES: Record<string, string> = {
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".webp": "image/webp",
  ".gif": "image/gif",
  ".ogg": "audio/ogg",
  ".oga": "audio/ogg",
  ".mp3": "audio/mpeg",
  ".m4a": "audio/mp4",
  ".pdf": "application/pdf",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** A key is relative segments of safe characters: never absolute, never `..`. */
const SAFE_KEY = /^(?:[A-Za-z0-9@_-][A-Za-z0-9@._-]*\/)*[A-Za-z0-9@_-][A-Za-z0-9@._-]*$/;

/** True when a key is a safe relative path a kept file may live under. */
export function isFileKey(key: string): boolean {
  return SAFE_KEY.test(key);
}

/** The media type a key's extension names. */
export function mimeTypeOf(key: string): string {
  return MIME_TYPES[extname(key).toLowerCase()] ?? "application/octet-stream";
}
