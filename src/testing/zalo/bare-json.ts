const MARK = "\u0000bare-number:";

/**
 * An id to be written as a bare JSON number with exactly these digits, as the platform might
 * do one day; JSON.stringify alone would have to round it first.
 */
export class BareNumber {
  /** @param digits the exact decimal digits to write */
  constructor(readonly digits: string) {}

  /** Marks the place for {@link stringifyWithBareNumbers} to write the digits. */
  toJSON(): string {
    return `${MARK}${this.digits}\u0000`;
  }
}

/** JSON.stringify, writing each {@link BareNumber} as an unquoted number. */
export function stringifyWithBareNumbers(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000bare-number:(-?\d+)\\u0000"/g, "$1");
}
