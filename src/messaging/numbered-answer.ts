// Words people put between numbers ("1, 3 và 4"), dropped before reading.
const JOINING_WORDS = new Set(["va", "và", "and"]);

/**
 * The numbers of a numbered answer, as typed on a channel without buttons: "2", "1 3",
 * "1,3,4", "1, 3 và 4", full-width digits too. Undefined when the text is anything else.
 */
export function readNumberedAnswer(text: string): number[] | undefined {
  const parts = text
    .normalize("NFKC")
    .toLowerCase()
    .split(/[\s,;.+&/]+/u)
    .filter((part) => part !== "" && !JOINING_WORDS.has(part));
  if (parts.length === 0 || !parts.every((part) => /^\d{1,3}$/.test(part))) return undefined;
  return parts.map(Number);
}
