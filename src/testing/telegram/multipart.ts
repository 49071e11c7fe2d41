/** One file part of a multipart/form-data body. */
export interface UploadedFile {
  /** The form field name the client used (grammY uses a random id referenced as `attach://<id>`). */
  fieldName: string;
  /** The file name the client gave, if any. */
  fileName?: string;
  /** The part's content type, if any. */
  contentType?: string;
  /** The raw bytes. */
  bytes: Uint8Array;
}

/** A multipart/form-data body split into plain text fields and files. */
export interface MultipartBody {
  /** Text fields by name. */
  fields: Record<string, string>;
  /** File parts by field name. */
  files: Map<string, UploadedFile>;
}

/** The boundary from a `multipart/form-data; boundary=...` content type, or undefined. */
export function multipartBoundary(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/**
 * Splits a multipart/form-data body. Lenient on header spelling because grammY writes
 * `content-disposition:form-data;name="x";filename=a b.jpg` (no spaces, unquoted file name).
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartBody {
  const fields: Record<string, string> = {};
  const files = new Map<string, UploadedFile>();
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  if (start < 0) throw new Error("multipart body has no boundary");
  while (true) {
    start += delimiter.length;
    // "--" right after a delimiter closes the body.
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break;
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
    const next = body.indexOf(delimiter, start);
    if (next < 0) throw new Error("multipart body is not closed");
    // The part ends with CRLF before the next delimiter.
    let end = next;
    if (body[end - 2] === 0x0d && body[end - 1] === 0x0a) end -= 2;
    readPart(body.subarray(start, end), fields, files);
    start = next;
  }
  return { fields, files };
}

function readPart(
  part: Buffer,
  fields: Record<string, string>,
  files: Map<string, UploadedFile>,
): void {
  const headerEnd = part.indexOf("\r\n\r\n");
  if (headerEnd < 0) throw new Error("multipart part has no header");
  const headers = part.subarray(0, headerEnd).toString("utf8").split("\r\n");
  const content = part.subarray(headerEnd + 4);
  let name: string | undefined;
  let fileName: string | undefined;
  let contentType: string | undefined;
  for (const line of headers) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === "content-type") contentType = value;
    if (key !== "content-disposition") continue;
    name =
      /(?:^|;)\s*name="([^"]*)"/i.exec(value)?.[1] ?? /(?:^|;)\s*name=([^;]*)/i.exec(value)?.[1];
    const file = /(?:^|;)\s*filename=(?:"([^"]*)"|(.*))$/i.exec(value);
    if (file) fileName = (file[1] ?? file[2] ?? "").trim();
  }
  if (name === undefined) throw new Error("multipart part has no name");
  if (fileName !== undefined) {
    files.set(name, {
      fieldName: name,
      fileName: fileName || undefined,
      contentType,
      bytes: new Uint8Array(content),
    });
  } else {
    fields[name] = content.toString("utf8");
  }
}
