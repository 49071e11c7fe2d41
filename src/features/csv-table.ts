import type { Readable } from "node:stream";
import { parse as parseStream } from "csv-parse";
import { CsvError, parse } from "csv-parse/sync";

/**
 * Something wrong in an imported table, placed as the admin sees it in a spreadsheet: the
 * header is row 1, the first record row 2. `code` names the problem; the CLI turns it into a
 * sentence (`cli:problems.<code>`) with `params`.
 */
export interface RowProblem {
  row: number;
  column?: string;
  code: string;
  params?: Record<string, string | number>;
}

/** One record of a table, by column name, with its spreadsheet row number. */
export interface CsvRow {
  row: number;
  values: Record<string, string>;
}

/** The columns a table must have and those it may have. */
export interface CsvColumns {
  required: readonly string[];
  optional: readonly string[];
  /** Other headers a column goes by (lower-case, e.g. Vietnamese ones): header → column. */
  aliases?: Readonly<Record<string, string>>;
}

/** A table read from CSV, or every problem that stopped it being read. */
export type CsvTable = { ok: true; rows: CsvRow[] } | { ok: false; problems: RowProblem[] };

/** One item of a table read as it comes: a row, or a problem found at its place. */
export type CsvItem = CsvRow | { problem: RowProblem };

/** csv-parse's reading of a table, the same for a whole text and for a stream. */
const CSV_OPTIONS = { bom: true, trim: true, relax_column_count: true, skip_empty_lines: false };

/**
 * Reads CSV text (UTF-8, with or without a byte-order mark, first row the header) into rows
 * of trimmed values. Header names are matched without regard to case. Rows whose cells are
 * all empty (a spreadsheet's blank lines) are skipped but still counted, so row numbers stay
 * those of the spreadsheet.
 */
export function parseCsvTable(text: string, columns: CsvColumns): CsvTable {
  let records: string[][];
  try {
    records = parse(text, CSV_OPTIONS) as string[][];
  } catch (error) {
    return { ok: false, problems: [syntaxProblem(error)] };
  }
  const table = new TableRecords(columns);
  const rows: CsvRow[] = [];
  const problems: RowProblem[] = [];
  for (const cells of records) {
    for (const item of table.next(cells)) {
      if ("problem" in item) problems.push(item.problem);
      else rows.push(item);
    }
    if (table.refused) break;
  }
  for (const { problem } of table.end()) problems.push(problem);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

/**
 * The same table read from a stream, a row at a time, so that a file of any length is never
 * held whole: its problems come in their places, and a problem with the header ends it.
 */
export async function* streamCsvTable(
  input: Readable,
  columns: CsvColumns,
): AsyncGenerator<CsvItem> {
  const table = new TableRecords(columns);
  const records = parseStream(CSV_OPTIONS);
  // A piped stream's failure does not reach its destination by itself.
  input.on("error", (error) => records.destroy(error));
  input.pipe(records);
  try {
    for await (const cells of records as AsyncIterable<string[]>) {
      yield* table.next(cells);
      if (table.refused) return;
    }
    yield* table.end();
  } catch (error) {
    yield { problem: syntaxProblem(error) };
  } finally {
    records.destroy();
    input.destroy();
  }
}

function syntaxProblem(error: unknown): RowProblem {
  if (!(error instanceof CsvError)) throw error;
  const row = (error as CsvError & { lines?: number }).lines ?? 1;
  return { row, code: "csv-syntax", params: { detail: error.code } };
}

/**
 * A table's records in order, each checked as it comes: the first is the header (its
 * problems refuse the table), each later one a row by its spreadsheet number. A header
 * cell left empty is allowed while the rows leave that column empty too.
 */
class TableRecords {
  private names: string[] | undefined;
  /** Each known column and where the header put it (-1: not there). */
  private positions: [name: string, at: number][] = [];
  private readonly known: Set<string>;
  private read = 0;
  private readonly unnamedFilled = new Set<number>();
  /** The header was refused: nothing more is read. */
  refused = false;

  constructor(private readonly columns: CsvColumns) {
    this.known = new Set([...columns.required, ...columns.optional]);
  }

  /** What a record is: a row, or its problems (none for a blank line or a sound header). */
  next(cells: string[]): CsvItem[] {
    const row = ++this.read;
    if (!this.names) return this.header(cells).map((problem) => ({ problem }));
    if (cells.every((cell) => cell === "")) return [];
    const names = this.names;
    const unnamed = cells.findIndex(
      (cell, i) => cell !== "" && i < names.length && names[i] === "" && !this.unnamedFilled.has(i),
    );
    if (unnamed >= 0) {
      this.unnamedFilled.add(unnamed);
      return [{ problem: this.unknownColumn(`#${unnamed + 1}`) }];
    }
    if (cells.some((cell, i) => i >= names.length && cell !== "")) {
      return [{ problem: { row, code: "too-many-cells", params: { count: names.length } } }];
    }
    const values: Record<string, string> = {};
    for (const [name, at] of this.positions) values[name] = at >= 0 ? (cells[at] ?? "") : "";
    return [{ row, values }];
  }

  /** What the end of the records means: a table with no header at all is refused. */
  end(): { problem: RowProblem }[] {
    return this.names || this.refused ? [] : [{ problem: { row: 1, code: "no-header" } }];
  }

  private header(cells: string[]): RowProblem[] {
    if (cells.every((cell) => cell === "")) {
      this.refused = true;
      return [{ row: 1, code: "no-header" }];
    }
    const names = cells.map((cell) => {
      const name = cell.normalize("NFC").toLowerCase();
      return this.columns.aliases?.[name] ?? name;
    });
    this.names = names;
    this.positions = [...this.known].map((name) => [name, names.indexOf(name)]);
    const problems: RowProblem[] = [];
    names.forEach((name, index) => {
      if (name === "") return;
      if (!this.known.has(name)) problems.push(this.unknownColumn(cells[index] as string));
      else if (names.indexOf(name) !== index) {
        problems.push({ row: 1, column: name, code: "duplicate-column" });
      }
    });
    for (const name of this.columns.required) {
      if (!names.includes(name)) problems.push({ row: 1, column: name, code: "missing-column" });
    }
    this.refused = problems.length > 0;
    return problems;
  }

  private unknownColumn(column: string): RowProblem {
    return {
      row: 1,
      column,
      code: "unknown-column",
      params: { expected: [...this.known].join(", ") },
    };
  }
}

/** Splits a `;`-separated cell ("member;hamlet_head") into its trimmed, non-empty items. */
export function splitList(cell: string | undefined): string[] {
  return (cell ?? "")
    .split(";")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}
