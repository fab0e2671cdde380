import path from "node:path";
import { sql } from "kysely";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { dialectOf } from "~db/client";
import { getDb } from "~/server/db.server";

// db/schema.ts is written by hand beside the migrations; Kysely trusts it blindly. This test
// reads the types the way Kysely does (Selectable<Table>) with the TypeScript compiler, reads
// the migrated database's own catalog, and fails on any table, column or nullability that the
// two disagree on, on whichever engine the suite runs.

type ColumnShape = { nullable: boolean };
type TableShapes = Record<string, Record<string, ColumnShape>>;

function declaredTables(): TableShapes {
  const probe = path.resolve("db/__schema_probe__.ts");
  const probeSource = `import type { Selectable } from "kysely";
import type { Database } from "./schema";
export type Probe = { [K in keyof Database]: Selectable<Database[K]> };`;
  const options: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    noEmit: true,
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === probe ? probeSource : readFile(name));
  host.fileExists = (name) => path.resolve(name) === probe || fileExists(name);
  host.getSourceFile = (name, version) => (path.resolve(name) === probe ? ts.createSourceFile(name, probeSource, version) : getSourceFile(name, version));
  const program = ts.createProgram([probe], options, host);
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(probe)!;
  const alias = file.statements.find(ts.isTypeAliasDeclaration)!;
  const probeType = checker.getTypeAtLocation(alias.name);
  const tables: TableShapes = {};
  for (const table of checker.getPropertiesOfType(probeType)) {
    const tableType = checker.getTypeOfSymbolAtLocation(table, alias);
    tables[table.name] = {};
    for (const column of checker.getPropertiesOfType(tableType)) {
      const columnType = checker.getTypeOfSymbolAtLocation(column, alias);
      const parts = columnType.isUnion() ? columnType.types : [columnType];
      tables[table.name][column.name] = { nullable: parts.some((t) => (t.flags & ts.TypeFlags.Null) !== 0) };
    }
  }
  return tables;
}

/** SQLite's primary-key columns, which it reports as nullable (see below). */
async function sqlitePrimaryKeys(table: string): Promise<Set<string>> {
  const rows = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table})`.execute(getDb());
  return new Set(rows.rows.filter((r) => r.pk > 0).map((r) => r.name));
}

async function migratedTables(): Promise<TableShapes> {
  const db = getDb();
  const tables: TableShapes = {};
  // On PostgreSQL the catalog lists every schema of the database (each test file has its own).
  const schema = dialectOf(db) === "postgres" ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0].s : undefined;
  for (const table of await db.introspection.getTables()) {
    if (table.name.startsWith("kysely_") || (schema && table.schema !== schema)) continue;
    // SQLite, unlike PostgreSQL, lets a primary key that is not INTEGER hold NULL unless the
    // column also says NOT NULL, and reports every primary key as nullable. Convoca never
    // writes NULL there (ids are generated), and the frozen migrations stay as they are, so a
    // primary key counts as not null on both engines.
    const primaryKeys = dialectOf(db) === "sqlite" ? await sqlitePrimaryKeys(table.name) : new Set<string>();
    tables[table.name] = {};
    for (const column of table.columns) {
      tables[table.name][column.name] = { nullable: column.isNullable && !primaryKeys.has(column.name) };
    }
  }
  return tables;
}

describe("db/schema.ts against the migrated database", () => {
  it("declares exactly the tables, columns and nullability the migrations create", async () => {
    const declared = declaredTables();
    const migrated = await migratedTables();
    expect(Object.keys(declared).length).toBeGreaterThan(20);
    const differences: string[] = [];
    for (const name of new Set([...Object.keys(declared), ...Object.keys(migrated)])) {
      if (!declared[name]) differences.push(`table ${name}: migrated, not in db/schema.ts`);
      else if (!migrated[name]) differences.push(`table ${name}: in db/schema.ts, not migrated`);
      else {
        for (const column of new Set([...Object.keys(declared[name]), ...Object.keys(migrated[name])])) {
          const d = declared[name][column];
          const m = migrated[name][column];
          if (!d) differences.push(`${name}.${column}: migrated, not declared`);
          else if (!m) differences.push(`${name}.${column}: declared, not migrated`);
          else if (d.nullable !== m.nullable)
            differences.push(`${name}.${column}: declared ${d.nullable ? "nullable" : "not null"}, migrated ${m.nullable ? "nullable" : "not null"}`);
        }
      }
    }
    expect(differences).toEqual([]);
  });
});
