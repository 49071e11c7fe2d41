import { get as httpGet } from "node:http";
import { badRequest } from "./api-error.js";

/** Whether a URL points at this machine, the only place the emulator may fetch from. */
export function isLoopbackUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
}

/** Downloads a file a bot sent by loopback URL; failures are Telegram's "failed to get HTTP URL content". */
export function fetchLoopback(url: string): Promise<{ bytes: Uint8Array; contentType?: string }> {
  return new Promise((resolve, reject) => {
    const fail = () => reject(badRequest("failed to get HTTP URL content"));
    const req = httpGet(url, (res) => {
      if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) {
        res.resume();
        fail();
        return;
      }
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          bytes: new Uint8Array(Buffer.concat(chunks)),
          contentType: res.headers["content-type"],
        }),
      );
      res.on("error", fail);
    });
    req.setTimeout(5000, () => req.destroy());
    req.on("error", fail);
  });
}
