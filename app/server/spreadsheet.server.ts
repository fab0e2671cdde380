import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";

// Exports that open in a spreadsheet with accents intact: CSV in UTF-8 with a byte-order mark
// (Excel needs it to read UTF-8) and ";" between fields with a decimal comma (Excel set to es-CO
// splits on ";" and reads "0,75"), and real XLSX workbooks. Every CSV export goes through toCsv.

export type Cell = string | number | null;
export interface Sheet {
  name: string;
  rows: Cell[][];
}

function safeFileName(name: string): string {
  return name.replace(/[^\w.-]+/g, "-");
}

/**
 * Cells that a spreadsheet would run as formulas are prefixed so they stay text. Every line of
 * the cell, not only the first: a reader that splits on a line break inside the cell would
 * otherwise find a formula at the start of the next row.
 */
function neutralize(cell: Cell): Cell {
  return typeof cell === "string" ? cell.replace(/(^|[\r\n])(?=[=+\-@\t\r])/g, "$1'") : cell;
}

function csvCell(cell: Cell): Cell {
  if (typeof cell === "number" && !Number.isInteger(cell)) return String(cell).replace(".", ",");
  return neutralize(cell);
}

export function toCsv(rows: Cell[][]): string {
  // csv-stringify quotes a field only when it holds the record delimiter ("\r\n"): a bare LF
  // or CR would then start a new row in most readers, so any CR or LF is quoted.
  return (
    "\uFEFF" +
    stringify(
      rows.map((r) => r.map(csvCell)),
      { delimiter: ";", record_delimiter: "\r\n", quoted_match: /[\r\n]/ },
    )
  );
}

export function csvResponse(fileName: string, rows: Cell[][]): Response {
  return new Response(toCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${safeFileName(fileName)}"`,
      "Cache-Control": "no-store",
    },
  });
}

export async function toXlsx(sheets: Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Convoca";
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name.slice(0, 31));
    for (const row of sheet.rows) ws.addRow(row.map(neutralize));
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((column) => {
      let width = 10;
      column.eachCell?.({ includeEmpty: false }, (cell) => {
        width = Math.max(width, Math.min(60, String(cell.value ?? "").length + 2));
      });
      column.width = width;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function xlsxResponse(fileName: string, sheets: Sheet[]): Promise<Response> {
  return new Response(new Uint8Array(await toXlsx(sheets)), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${safeFileName(fileName)}"`,
      "Cache-Control": "no-store",
    },
  });
}
