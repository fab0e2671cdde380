import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { toCsv } from "~/server/spreadsheet.server";

// The one CSV writer behind every export: read back by an independent parser set as Excel in
// es-CO reads a file (UTF-8 with a byte-order mark, ";" between fields).

const readBack = (csv: string): string[][] => parse(csv, { bom: true, delimiter: ";", relax_column_count: false });

describe("the CSV writer", () => {
  it("starts with a UTF-8 byte-order mark and separates fields with semicolons", () => {
    const csv = toCsv([
      ["Ciudad", "Asistentes"],
      ["Bogotá D.C.", 4],
      ["San José; del Guaviare", 1],
    ]);
    expect(csv.startsWith("\uFEFFCiudad;Asistentes\r\n")).toBe(true);
    expect(readBack(csv)).toEqual([
      ["Ciudad", "Asistentes"],
      ["Bogotá D.C.", "4"],
      ["San José; del Guaviare", "1"],
    ]);
  });

  it("writes decimals with a comma, as a Colombian spreadsheet reads them", () => {
    expect(readBack(toCsv([["Cumplimiento", 0.75, 12]]))).toEqual([["Cumplimiento", "0,75", "12"]]);
  });

  it("keeps a cell with a bare line feed in one quoted field, and no line of it runs as a formula", () => {
    const needs = "\t=1+1\n=cmd|' /C calc'!A0";
    const csv = toCsv([
      ["Nombre", "Necesidades"],
      ["Ana", needs],
    ]);
    const rows = readBack(csv);
    expect(rows).toHaveLength(2);
    expect(rows[1][0]).toBe("Ana");
    const lines = rows[1][1].split(/\r\n|\r|\n/);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows[1][1]).toBe("'\t=1+1\n'=cmd|' /C calc'!A0");
    // Not one physical line of the file starts a formula, whatever a reader makes of the quotes.
    for (const physical of csv.slice(1).split(/\r\n|\r|\n/)) expect(physical).not.toMatch(/^[=+\-@]/);
  });

  it("quotes a lone carriage return too and neutralizes each kind of formula start on every line", () => {
    const cell = "ok\r+SUMA(A1)\r\n-2\n@x\n\rcmd\nbien";
    const csv = toCsv([[cell, '=HYPERLINK("x")']]);
    const [row] = readBack(csv);
    expect(row[0]).toBe("ok\r'+SUMA(A1)\r\n'-2\n'@x\n'\rcmd\nbien");
    expect(row[1]).toBe('\'=HYPERLINK("x")');
    expect(csv).toContain('"ok\r');
  });

  it("leaves plain text, numbers and empty cells as they are", () => {
    expect(readBack(toCsv([["Cali", 3, null, "", "a-b"]]))).toEqual([["Cali", "3", "", "", "a-b"]]);
  });
});
