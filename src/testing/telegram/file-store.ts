import { badRequest } from "./api-error.js";
import { generatePng, imageSize } from "./sample-image.js";

/** What kind of media a stored file is; decides its file_path folder like Telegram's. */
export type FileKind = "photo" | "document" | "video" | "audio" | "animation" | "voice";

/** A file held by the emulator, reachable by file_id and by its download path. */
export interface StoredFile {
  /** The id bots pass back to re-send or getFile it. */
  fileId: string;
  /** The stable id Telegram gives alongside file_id. */
  fileUniqueId: string;
  /** The path under `/file/bot<token>/` to download it. */
  filePath: string;
  /** What kind of media it is. */
  kind: FileKind;
  /** The content. */
  bytes: Uint8Array;
  /** The original name, for documents. */
  fileName?: string;
  /** The MIME type given or guessed. */
  mimeType?: string;
  /** Pixel size, for images. */
  width?: number;
  /** Pixel size, for images. */
  height?: number;
  /** The URL a bot sent it from, when it came by URL. */
  sourceUrl?: string;
}

const FOLDERS: Record<FileKind, string> = {
  photo: "photos",
  document: "documents",
  video: "videos",
  audio: "music",
  animation: "animations",
  voice: "voice",
};

const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv",
  txt: "text/plain",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  zip: "application/zip",
  json: "application/json",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
};

/** The files the emulator has received or generated, like Telegram's file storage. */
export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPath = new Map<string, StoredFile>();
  private counter = 0;

  /** Stores bytes and hands out a new file_id. */
  add(
    kind: FileKind,
    bytes: Uint8Array,
    details: { fileName?: string; mimeType?: string; sourceUrl?: string } = {},
  ): StoredFile {
    this.counter += 1;
    const n = this.counter;
    const extension = extensionOf(kind, details.fileName, bytes);
    const size = kind === "photo" ? imageSize(bytes) : undefined;
    const file: StoredFile = {
      fileId: `EMU${kind.slice(0, 3).toUpperCase()}${n.toString(36).padStart(6, "0")}AAQ`,
      fileUniqueId: `AQAD${n.toString(36).padStart(6, "0")}`,
      filePath: `${FOLDERS[kind]}/file_${n}.${extension}`,
      kind,
      bytes,
      fileName: details.fileName,
      mimeType:
        details.mimeType && details.mimeType !== "application/octet-stream"
          ? details.mimeType
          : (MIME_BY_EXTENSION[extension] ?? details.mimeType),
      ...(size ?? {}),
      sourceUrl: details.sourceUrl,
    };
    this.byId.set(file.fileId, file);
    this.byPath.set(file.filePath, file);
    return file;
  }

  /** A generated small PNG, for photos that users send or that come from unreachable URLs. */
  addGeneratedPhoto(sourceUrl?: string): StoredFile {
    return this.add("photo", generatePng(this.counter + 1), { mimeType: "image/png", sourceUrl });
  }

  /** The file with this id; a wrong id is Telegram's 400. */
  require(fileId: string): StoredFile {
    const file = this.byId.get(fileId);
    if (!file) throw badRequest("wrong file identifier/HTTP URL specified");
    return file;
  }

  /** The file with this id, if any. */
  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  /** The file at this download path, if any. */
  atPath(filePath: string): StoredFile | undefined {
    return this.byPath.get(filePath);
  }
}

function extensionOf(kind: FileKind, fileName: string | undefined, bytes: Uint8Array): string {
  const fromName = fileName?.includes(".") ? fileName.split(".").pop()?.toLowerCase() : undefined;
  if (fromName && /^[a-z0-9]{1,8}$/.test(fromName)) return fromName;
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return "png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return "jpg";
  if (String.fromCharCode(...bytes.slice(0, 4)) === "OggS") return "oga";
  if (String.fromCharCode(...bytes.slice(0, 3)) === "ID3") return "mp3";
  return kind === "photo" ? "jpg" : "dat";
}

/** The Bot API `PhotoSize[]` for a stored image (one size: the emulator does not resize). */
export function photoSizes(file: StoredFile): Array<Record<string, unknown>> {
  return [
    {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      file_size: file.bytes.length,
      width: file.width ?? 0,
      height: file.height ?? 0,
    },
  ];
}

/** The Bot API `Document` object for a stored file. */
export function documentObject(file: StoredFile): Record<string, unknown> {
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_size: file.bytes.length,
    ...(file.fileName ? { file_name: file.fileName } : {}),
    ...(file.mimeType ? { mime_type: file.mimeType } : {}),
  };
}

/** The Bot API `Voice` object for a stored voice note. */
export function voiceObject(file: StoredFile, duration: number): Record<string, unknown> {
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    duration,
    ...(file.mimeType ? { mime_type: file.mimeType } : {}),
    file_size: file.bytes.length,
  };
}

/** The Bot API `Audio` object for a stored audio file. */
export function audioObject(file: StoredFile, duration: number): Record<string, unknown> {
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    duration,
    ...(file.fileName ? { file_name: file.fileName } : {}),
    ...(file.mimeType ? { mime_type: file.mimeType } : {}),
    file_size: file.bytes.length,
  };
}
