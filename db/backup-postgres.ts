import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { postgresPoolConfig } from "./client";

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
  const secrets = [password, parsed.password].filter(Boolean);
  parsed.password = "";
  return {
    schema,
    dbname: parsed.toString(),
    env: password ? { ...process.env, PGPASSWORD: password } : process.env,
    scrub: (text: string) => secrets.reduce((t, s) => t.replaceAll(s, "****"), text.trim()),
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
