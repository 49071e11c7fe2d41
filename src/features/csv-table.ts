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

/**
 * Reads CSV text (UTF-8, with or without a byte-order mark, first row the header) into rows
 * of trimmed values. Header names are matched without regard to case. Rows whose cells are
 * all empty (a spreadsheet's blank lines) are skipped but still counted, so row numbers stay
 * those of the spreadsheet.
 */
export function parseCsvTable(text: string, columns: CsvColumns): CsvTable {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      trim: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const row = (error as CsvError & { lines?: number }).lines ?? 1;
      return { ok: false, problems: [{ row, code: "csv-syntax", params: { detail: error.code } }] };
    }
    throw error;
  }
  const [header, ...body] = records;
  if (!header || header.every((cell) => cell === "")) {
    return { ok: false, problems: [{ row: 1, code: "no-header" }] };
  }

  const names = header.map((cell) => {
    const name = cell.normalize("NFC").toLowerCase();
    return columns.aliases?.[name] ?? name;
  });
  const known = new Set([...columns.required, ...columns.optional]);
  const problems: RowProblem[] = [];
  names.forEach((name, index) => {
    if (name === "" && body.every((cells) => (cells[index] ?? "") === "")) return;
    if (!known.has(name)) {
      problems.push({
        row: 1,
        column: header[index] || `#${index + 1}`,
        code: "unknown-column",
        params: { expected: [...known].join(", ") },
      });
    } else if (names.indexOf(name) !== index) {
      problems.push({ row: 1, column: name, code: "duplicate-column" });
    }
  });
  for (const name of columns.required) {
    if (!names.includes(name)) problems.push({ row: 1, column: name, code: "missing-column" });
  }
  if (problems.length > 0) return { ok: false, problems };

  const rows: CsvRow[] = [];
  body.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((cell) => cell === "")) return;
    const extra = cells.findIndex((cell, i) => i >= names.length && cell !== "");
    if (extra >= 0) {
      problems.push({ row, code: "too-many-cells", params: { count: names.length } });
      return;
    }
    const values: Record<string, string> = {};
    for (const name of known) {
      const at = names.indexOf(name);
      values[name] = at >= 0 ? (cells[at] ?? "") : "";
    }
    rows.push({ row, values });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

/** Splits a `;`-separated cell ("member;hamlet_head") into its trimmed, non-empty items. */
export function splitList(cell: string | undefined): string[] {
  return (cell ?? "")
    .split(";")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}
