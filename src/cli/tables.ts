import { type FileHandle, open, readFile } from "node:fs/promises";
import {
  type CsvColumns,
  type CsvItem,
  type CsvRow,
  parseCsvTable,
  type RowProblem,
  streamCsvTable,
} from "../features/csv-table.js";
import type { Translate } from "../i18n.js";
import { CliError } from "./command.js";

/** A problem as one line: "row 4, column unit: unknown unit "xyz"". */
export function problemLine(t: Translate, problem: RowProblem): string {
  const text = String(
    t(`cli:problems.${problem.code}`, {
      ...problem.params,
      column: problem.column,
      defaultValue: problem.code,
    }),
  );
  if (problem.row <= 0) return problem.column ? `--${problem.column}: ${text}` : text;
  return problem.column
    ? String(t("cli:at.rowColumn", { row: problem.row, column: problem.column, problem: text }))
    : String(t("cli:at.row", { row: problem.row, problem: text }));
}

/**
 * The failure of an import that found problems: a one-line reason naming the first problem
 * and how many there are, with every problem listed before it.
 */
export function importRefused(t: Translate, problems: readonly RowProblem[]): CliError {
  const lines = problems.map((problem) => problemLine(t, problem));
  const first = lines[0] ?? "";
  return new CliError(
    String(t("cli:import.refused", { count: problems.length, first })),
    lines.length > 1 ? lines : [],
  );
}

/** The text of a file the administrator named, or a failure saying why it cannot be read. */
export async function readAdminFile(t: Translate, file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw unreadable(t, file, error);
  }
}

/**
 * A CSV file's rows as they are read, each a row or a problem in its place; fails saying why
 * when the file cannot be opened or read (a folder, a disk error).
 */
export async function streamCsvFile(
  t: Translate,
  file: string,
  columns: CsvColumns,
): Promise<AsyncGenerator<CsvItem>> {
  let handle: FileHandle;
  try {
    handle = await open(file);
  } catch (error) {
    throw unreadable(t, file, error);
  }
  return (async function* () {
    try {
      yield* streamCsvTable(handle.createReadStream(), columns);
    } catch (error) {
      throw unreadable(t, file, error);
    }
  })();
}

function unreadable(t: Translate, file: string, error: unknown): CliError {
  return new CliError(
    String(t("cli:errors.unreadableFile", { file, detail: (error as NodeJS.ErrnoException).code })),
  );
}

/** Reads a CSV file with a header row into rows, or fails naming the rows and columns. */
export async function readCsvFile(
  t: Translate,
  file: string,
  columns: CsvColumns,
): Promise<CsvRow[]> {
  const table = parseCsvTable(await readAdminFile(t, file), columns);
  if (!table.ok) throw importRefused(t, table.problems);
  return table.rows;
}

/** A problem phrase (written to follow "row 4, column unit:") as a sentence on its own. */
export function asSentence(phrase: string): string {
  return phrase.charAt(0).toLocaleUpperCase() + phrase.slice(1);
}
