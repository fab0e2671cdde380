import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";

// Exports that open in a spreadsheet with accents intact: CSV in UTF-8 with a byte-order mark
// (Excel needs it to read UTF-8), and real XLSX workbooks.

export type Cell = string | number | null;
export interface Sheet {
  name: string;
  rows: Cell[][];
}

function safeFileName(name: string): string {
  return name.replace(/[^\w.-]+/g, "-");
}

/** Cells that a spreadsheet would run as formulas are prefixed so they stay text. */
function neutralize(cell: Cell): Cell {
  return typeof cell === "string" && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function toCsv(rows: Cell[][]): string {
  return "\uFEFF" + stringify(rows.map((r) => r.map(neutralize)), { record_delimiter: "\r\n" });
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
