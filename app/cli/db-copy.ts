// npm run db:copy -- --from data/convoca.db --to postgres://usuario:clave@servidor/convoca
// Copies a whole Convoca database into an empty one (typically SQLite → PostgreSQL when moving
// engines). Stop the app on the source first, or what it writes meanwhile is not copied.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb, isPostgresUrl, sqlitePathFromUrl, withoutPasswords, type DB } from "~db/client";
import { copyDatabase, CopyRefused } from "~db/copy";
import { getEnvAtStart } from "~/server/env.server";

const usage = "Uso: npm run db:copy -- --from <archivo SQLite o URL> --to <URL postgres://… o archivo SQLite vacío>";

function sameDatabase(a: string, b: string): boolean {
  if (isPostgresUrl(a) !== isPostgresUrl(b)) return false;
  return isPostgresUrl(a) ? a === b : path.resolve(sqlitePathFromUrl(a)) === path.resolve(sqlitePathFromUrl(b));
}

let args: { from?: string; to?: string };
try {
  args = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } } }).values;
} catch {
  console.error(usage);
  process.exit(2);
}
const { from, to } = args;
if (!from || !to) {
  console.error(usage);
  process.exit(2);
}
// A URL's password must not reach the terminal (or the logs of whoever runs this).
const urls = [from, to];
const say = (text: string) => console.log(withoutPasswords(text, urls));
const fail = (text: string, code = 1): never => {
  console.error(withoutPasswords(`Error: ${text}`, urls));
  process.exit(code);
};

if (sameDatabase(from, to)) fail("el origen y el destino son la misma base de datos.", 2);
// createDb would create a missing SQLite file, and then copy an empty database from it.
if (!isPostgresUrl(from) && !fs.existsSync(sqlitePathFromUrl(from))) fail(`no existe el archivo de origen ${from}.`, 2);

say(`Copiando ${from} → ${to}…`);
const { databasePoolSize: poolSize } = getEnvAtStart();
const opened: DB[] = [];
try {
  const source = createDb(from, { poolSize });
  opened.push(source);
  const target = createDb(to, { poolSize });
  opened.push(target);
  const started = performance.now();
  const counts = await copyDatabase(source, target);
  const seconds = ((performance.now() - started) / 1000).toFixed(1).replace(".", ",");
  const width = Math.max(5, ...counts.map((c) => c.table.length));
  const total = counts.reduce((sum, c) => sum + c.rows, 0);
  say(`${"Tabla".padEnd(width)}  ${"Filas".padStart(8)}`);
  for (const { table, rows } of counts) say(`${table.padEnd(width)}  ${String(rows).padStart(8)}`);
  say(`${"Total".padEnd(width)}  ${String(total).padStart(8)}`);
  say(`Copia terminada en ${seconds} s; las cuentas de filas del origen y del destino coinciden.`);
} catch (error) {
  console.error(withoutPasswords(`Error: ${(error as Error).message || String(error)}`, urls));
  // A refusal says so already; any other failure (a connection refused, a rolled-back copy) is told here.
  if (!(error instanceof CopyRefused)) console.error("No se copió ninguna fila.");
  process.exitCode = 1;
} finally {
  await Promise.all(opened.map((db) => db.destroy().catch(() => undefined)));
}
