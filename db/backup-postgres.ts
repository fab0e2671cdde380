import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { StringDecoder } from "node:string_decoder";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { postgresPoolConfig, withoutPasswords } from "./client";

// On PostgreSQL the copy is pg_dump's custom format: the dump reads every table in one snapshot,
// so it is consistent while the app keeps writing, and pg_restore checks and replays it.

type Tool = "pg_dump" | "pg_restore" | "psql";

// The newest versioned client first: pg_dump refuses a server newer than itself, and Debian keeps
// one client per installed server version under /usr/lib/postgresql.
export function postgresTool(name: Tool): string {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v)) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  const onPath = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  const candidates = [...versions.map((v) => path.join(root, v, "bin", name)), ...onPath.map((dir) => path.join(dir, name))];
  const found = candidates.find(isExecutable);
  if (!found) throw new Error(`Instale el cliente de PostgreSQL (${name}); en Debian o Ubuntu: apt-get install postgresql-client.`);
  return found;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

// The password goes to the tools in PGPASSWORD: a command line can be read by any user of the
// machine (ps), and the tools' messages may repeat the connection string they were given.
// `schema` is our parameter, which libpq would reject.
function connection(url: string) {
  postgresPoolConfig(url); // refuses a malformed schema name before it reaches a command line
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema");
  parsed.searchParams.delete("schema");
  const password = parsed.password ? decodeURIComponent(parsed.password) : "";
  parsed.password = "";
  return {
    schema,
    dbname: parsed.toString(),
    env: password ? { ...process.env, PGPASSWORD: password } : process.env,
    scrub: (text: string) => withoutPasswords(text.trim(), [url]),
  };
}

function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.on("error", () => resolve(-1));
    child.on("close", (code) => resolve(code ?? -1));
  });
}

function collect(stream: NodeJS.ReadableStream | null): () => string {
  let text = "";
  stream?.on("data", (chunk) => (text += chunk));
  return () => text;
}

async function run(tool: Tool, args: string[], env = process.env) {
  const child = spawn(postgresTool(tool), args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const [stdout, stderr] = [collect(child.stdout), collect(child.stderr)];
  const code = await exited(child);
  return { code, stdout: stdout(), stderr: stderr() };
}

/** Dumps the URL's database (only its `?schema=` if it names one) into `target`, checked. */
export async function dumpPostgres(url: string, target: string): Promise<void> {
  const db = connection(url);
  // Written aside and renamed once checked, so a half-written dump is never the "last backup".
  const partial = `${target}.partial`;
  const args = ["--format=custom", `--file=${partial}`, ...(db.schema ? [`--schema=${db.schema}`] : []), `--dbname=${db.dbname}`];
  try {
    const dump = await run("pg_dump", args, db.env);
    if (dump.code !== 0) throw new Error(`pg_dump no pudo hacer la copia: ${db.scrub(dump.stderr)}`);
    const { problem } = await readDump(partial);
    if (problem) throw new Error(`La copia no pasó la verificación y se eliminó: ${problem}`);
    fs.renameSync(partial, target);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/** The tables a dump holds, per `pg_restore --list`; `problem` when it is not a Convoca dump. */
export async function readDump(file: string): Promise<{ problem: string | null; tables: { schema: string; name: string }[] }> {
  if (!fs.existsSync(file)) return { problem: "el archivo no existe", tables: [] };
  const list = await run("pg_restore", ["--list", file]);
  if (list.code !== 0) return { problem: list.stderr.trim() || "pg_restore no pudo leer el archivo", tables: [] };
  const tables = [...list.stdout.matchAll(/^\d+; \d+ \d+ TABLE (?!DATA )(\S+) (\S+)(?: |$)/gm)].map(([, schema, name]) => ({ schema, name }));
  const isConvoca = ["encounters", "kysely_migration"].every((t) => tables.some((x) => x.name === t));
  return { problem: isConvoca ? null : "no parece una copia de Convoca", tables };
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Restores a checked dump into the URL's schema (or its current one), in one transaction.
 * Refuses when Convoca's tables there hold rows, unless `force`: then they are replaced.
 * Returns the schema restored into.
 */
export async function restorePostgres(file: string, url: string, { force = false } = {}): Promise<string> {
  const { problem, tables } = await readDump(file);
  if (problem) throw new Error(`La copia no se restauró: ${problem}`);
  const db = connection(url);
  const names = tables.map((t) => t.name);
  const client = new pg.Client(postgresPoolConfig(url));
  let target: string, schemaExists: boolean, present: string[];
  const withRows: string[] = [];
  try {
    await client.connect();
    target = db.schema ?? (await client.query("select current_schema() as s")).rows[0]?.s ?? "public";
    schemaExists = (await client.query("select 1 from pg_namespace where nspname = $1", [target])).rowCount === 1;
    const found = await client.query("select tablename from pg_tables where schemaname = $1 and tablename = any($2)", [target, names]);
    present = found.rows.map((r) => r.tablename as string).sort();
    for (const table of present) {
      const r = await client.query(`select exists (select 1 from ${quote(target)}.${quote(table)}) as used`);
      if (r.rows[0].used) withRows.push(table);
    }
  } catch (error) {
    throw new Error(`No se pudo consultar la base de datos de destino: ${db.scrub((error as Error).message)}`);
  } finally {
    await client.end().catch(() => {});
  }
  if (withRows.length > 0 && !force) {
    const some = withRows.length > 3 ? `${withRows.slice(0, 3).join(", ")} y ${withRows.length - 3} más` : withRows.join(", ");
    throw new Error(
      `El esquema ${target} ya tiene datos de Convoca (tablas con filas: ${some}); no se restauró nada. ` +
        "Para reemplazarlos por la copia, repita la orden con --force.",
    );
  }

  // pg_restore writes the SQL and psql runs it, rather than pg_restore connecting itself: a
  // dump names every object with its schema, and only that SQL can be pointed at another one.
  // BEGIN here and COMMIT only once pg_restore has finished cleanly: a truncated script must
  // never be committed.
  const clean = present.length > 0 ? ["--clean", "--if-exists"] : [];
  const restoreArgs = ["--no-owner", "--no-privileges", ...clean, "--file=-", file];
  const restore = spawn(postgresTool("pg_restore"), restoreArgs, { stdio: ["ignore", "pipe", "pipe"] });
  const psqlArgs = ["-X", "-q", "-v", "ON_ERROR_STOP=1", `--dbname=${db.dbname}`];
  const psql = spawn(postgresTool("psql"), psqlArgs, { env: db.env, stdio: ["pipe", "ignore", "pipe"] });
  const [restoreErr, psqlErr] = [collect(restore.stderr), collect(psql.stderr)];
  const [restoreExit, psqlExit] = [exited(restore), exited(psql)];
  psql.stdin.on("error", () => {}); // psql stopping at an error closes its input; its exit code says why
  psql.stdin.write(`BEGIN;\n${schemaExists ? "" : `CREATE SCHEMA ${quote(target)};\n`}`);
  const source = tables.find((t) => t.name === "encounters")!.schema;
  const piped = await pipeline(restore.stdout, intoSchema(source, target), psql.stdin, { end: false }).then(
    () => true,
    () => false,
  );
  const restored = piped && (await restoreExit) === 0;
  if (restored) psql.stdin.end("COMMIT;\n");
  else {
    // Killed, not told ROLLBACK: the script may have stopped inside COPY rows, where any text is
    // read as a row. The server rolls back a transaction whose connection goes away.
    restore.kill();
    psql.kill();
  }
  if ((await psqlExit) !== 0 || !restored) {
    // psql's own error when it stopped (pg_restore then only saw a broken pipe); pg_restore's
    // when it broke off and psql was stopped for it.
    const why = db.scrub(psqlErr()) || restoreErr().trim() || "pg_restore o psql terminaron con error";
    throw new Error(`La copia no se restauró; el esquema ${target} quedó como estaba: ${why}`);
  }
  return target;
}

/**
 * Points pg_restore's SQL at another schema: qualified names `from.x` become `"to".x`, and the
 * dump's own CREATE/DROP SCHEMA are left out (the caller creates a missing schema, and --force
 * replaces Convoca's tables, never the schema itself). The rows between COPY and `\.` pass
 * untouched.
 */
export function intoSchema(from: string, to: string): Transform {
  const name = [from, quote(from)].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  const qualified = new RegExp(`(?<![\\w"$])(?:${name})(?=\\.)`, "g");
  const schemaStatement = new RegExp(`^(?:CREATE SCHEMA|DROP SCHEMA IF EXISTS) (?:${name});$`);
  const decoder = new StringDecoder("utf8");
  let inRows = false;
  let rest = "";
  const rewrite = (line: string): string => {
    if (inRows) {
      if (line === "\\.") inRows = false;
      return line;
    }
    if (line.startsWith("COPY ") && line.endsWith(" FROM stdin;")) inRows = true;
    if (schemaStatement.test(line)) return `-- (${line})`;
    return line.replace(qualified, quote(to));
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const lines = (rest + decoder.write(chunk)).split("\n");
      rest = lines.pop() ?? "";
      done(null, lines.length ? lines.map(rewrite).join("\n") + "\n" : undefined);
    },
    flush(done) {
      const last = rest + decoder.end();
      done(null, last ? rewrite(last) : undefined);
    },
  });
}
