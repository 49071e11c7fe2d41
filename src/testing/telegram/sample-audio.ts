/**
 * Bytes shaped like a phone's voice note: an Ogg page carrying an Opus identification header,
 * then about as many bytes as `seconds` of speech at 16 kbit/s would take. Not playable (the
 * emulator never plays anything); enough for a bot that sniffs the container from its first
 * bytes, and different for different lengths so tests can tell two notes apart.
 */
export function sampleVoiceNote(seconds: number): Uint8Array {
  const head = Buffer.concat([
    Buffer.from("OggS", "ascii"),
    Buffer.from([0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 19]),
    Buffer.from("OpusHead", "ascii"),
    Buffer.from([1, 1, 0x38, 0x01, 0x80, 0xbb, 0, 0, 0, 0, 0]),
  ]);
  const body = Buffer.alloc(Math.max(1, Math.round(seconds)) * 2000);
  for (let i = 0; i < body.length; i++) body[i] = (i * 31 + seconds * 7) & 0xff;
  return new Uint8Array(Buffer.concat([head, body]));
}
