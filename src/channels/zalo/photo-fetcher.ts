import type { PhotoFetcher } from "../../features/app-deps.js";

/** How long downloading one photo may take. */
const PHOTO_TIMEOUT_MS = 30_000;

/** The photo is larger than the cap. */
export class ZaloPhotoTooLargeError extends Error {
  constructor() {
    super("photo too large");
    this.name = "ZaloPhotoTooLargeError";
  }
}

/**
 * Downloads a photo a person sent on Zalo: its ref is the http(s) URL Zalo gave, fetched with
 * a timeout and read no further than the size cap.
 */
export function zaloPhotoFetcher(fetchFn: typeof fetch = globalThis.fetch): PhotoFetcher {
  return {
    async fetch(photo, maxBytes) {
      if (!URL.canParse(photo.ref) || !/^https?:$/.test(new URL(photo.ref).protocol)) {
        throw new Error("a Zalo photo ref must be an http(s) URL");
      }
      if (photo.size !== undefined && photo.size > maxBytes) throw new ZaloPhotoTooLargeError();
      const response = await fetchFn(photo.ref, { signal: AbortSignal.timeout(PHOTO_TIMEOUT_MS) });
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`photo download failed with HTTP ${response.status}`);
      }
      const declared = Number(response.headers.get("content-length") ?? Number.NaN);
      if (Number.isFinite(declared) && declared > maxBytes) {
        await response.body?.cancel();
        throw new ZaloPhotoTooLargeError();
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      const reader = response.body?.getReader();
      if (!reader) return new Uint8Array();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel();
          throw new ZaloPhotoTooLargeError();
        }
        chunks.push(value);
      }
      const bytes = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return bytes;
    },
  };
}
