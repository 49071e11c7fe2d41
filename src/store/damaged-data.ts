/**
 * A data file that cannot be read as what it should be (a disk fault, a hand edit gone wrong):
 * the store refuses to start on it rather than guess, and says what an operator can do —
 * restore the newest backup, which it names when there is one.
 */
export class DamagedDataError extends Error {
  override readonly name = "DamagedDataError";
  /** The newest rotated backup in the data folder, if any: set by the store when it opens. */
  newestBackup?: string;
  /** The data folder the file is in. */
  dataDir?: string;

  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`cannot read ${file}: ${detail}`);
  }
}
