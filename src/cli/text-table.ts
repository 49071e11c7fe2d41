/**
 * Lines of a plain-text table: a header and rows, columns padded to their widest cell, so
 * lists read well in a terminal and paste cleanly into a message. No rows, no table.
 */
export function textTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): string[] {
  if (rows.length === 0) return [];
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}
