import type { Api } from "grammy";
import type { PhotoFetcher } from "../../features/app-deps.js";

/** Downloads a photo a person sent: `getFile`, then the Bot API's file path, capped in size. */
export function telegramPhotoFetcher(api: Api, token: string, apiRoot: string): PhotoFetcher {
  return {
    async fetch(photo, maxBytes) {
      if (photo.size !== undefined && photo.size > maxBytes) throw new PhotoTooLargeError();
      const file = await api.getFile(photo.ref);
      if (!file.file_path) throw new Error("Telegram gave no file path");
      if (file.file_size !== undefined && file.file_size > maxBytes) throw new PhotoTooLargeError();
      const response = await fetch(`${apiRoot}/file/bot${token}/${file.file_path}`, {
        signal: AbortSignal.timeout(30_000),
      });
      if (!response.ok) throw new Error(`photo download failed with HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.byteLength > maxBytes) throw new PhotoTooLargeError();
      return bytes;
    },
  };
}

/** The photo is larger than the cap. */
export class PhotoTooLargeError extends Error {
  constructor() {
    super("photo too large");
    this.name = "PhotoTooLargeError";
  }
}
