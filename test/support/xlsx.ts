import ExcelJS from "exceljs";

/** A cell as read back: its text, or its number. */
export type CellValue = string | number | null;

/**
 * Every sheet of a workbook file, read back as an official's spreadsheet program would see it:
 * by sheet name, the rows of cell values (text or number, empty cells null).
 */
export async function readWorkbook(file: string): Promise<Record<string, CellValue[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheets: Record<string, CellValue[][]> = {};
  workbook.eachSheet((sheet) => {
    const rows: CellValue[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const cells: CellValue[] = [];
      for (let column = 1; column <= sheet.columnCount; column++) {
        const value = row.getCell(column).value;
        cells.push(typeof value === "number" || typeof value === "string" ? value : null);
      }
      rows.push(cells);
    });
    sheets[sheet.name] = rows;
  });
  return sheets;
}
