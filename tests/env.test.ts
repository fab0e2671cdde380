// The environment schema: each wrong variable is refused with one line naming it; the server
// stops on it without a stack trace; .env.example names every variable the schema reads.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { envVariables, InvalidEnvError, parseEnvVariables, publishedDevelopmentSecret } from "~/server/env.server";

function refusal(source: Record<string, string>, options: { signsLinks?: boolean } = {}): string {
  try {
    parseEnvVariables(source, options);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEnvError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(source)}`);
}

describe("the environment schema", () => {
  it("takes today's defaults when nothing is set", () => {
    const vars = parseEnvVariables({});
    expect(vars).toMatchObject({
      PORT: 3000,
      MAIL_RATE: 20,
      DATABASE_POOL_SIZE: 10,
      MAX_UPLOAD_MB: 50,
      MAIL_WORKER: "on",
      SEED_DEMO: "on",
      LOG_REQUESTS: "on",
    });
    expect(vars.DATABASE_URL).toBeUndefined();
    expect(parseEnvVariables({ PORT: "", MAIL_RATE: " " })).toMatchObject({ PORT: 3000, MAIL_RATE: 20 });
  });

  it("refuses a PORT that is not a port number", () => {
    expect(refusal({ PORT: "abc" })).toBe('Configuración inválida: PORT debe ser un número de puerto entre 0 y 65535 (recibido "abc").');
    for (const port of ["70000", "-1", "80.5", "3000abc"]) expect(refusal({ PORT: port })).toMatch(/^Configuración inválida: PORT /);
    expect(parseEnvVariables({ PORT: "0" }).PORT).toBe(0);
    expect(parseEnvVariables({ PORT: "8080" }).PORT).toBe(8080);
  });

  it("refuses a MAIL_RATE that is not a number of messages per second", () => {
    for (const rate of ["abc", "-1", "veinte"]) expect(refusal({ MAIL_RATE: rate })).toMatch(/^Configuración inválida: MAIL_RATE debe ser un número/);
    expect(parseEnvVariables({ MAIL_RATE: "0" }).MAIL_RATE).toBe(0);
  });

  it("refuses a DATABASE_URL of another engine or unreadable, and never shows its password", () => {
    const message = refusal({ DATABASE_URL: "mysql://convoca:s3creta@db.example/convoca" });
    expect(message).toMatch(/^Configuración inválida: DATABASE_URL debe ser la ruta de un archivo SQLite/);
    expect(message).not.toContain("s3creta");
    expect(refusal({ DATABASE_URL: "postgres://u@127.0.0.1/convoca?schema=Mal-Nombre" })).toMatch(/DATABASE_URL/);
    for (const url of ["data/convoca.db", "file:data/convoca.db", "postgres://u:p@127.0.0.1:5432/convoca", "postgresql://u@h/c?schema=t_1"]) {
      expect(parseEnvVariables({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    }
  });

  it("refuses to start a production server with a missing, blank, short or published SESSION_SECRET, and never shows it", () => {
    for (const secret of [undefined, "", " ".repeat(40), "x".repeat(31), publishedDevelopmentSecret]) {
      const source: Record<string, string> = { NODE_ENV: "production", ...(secret === undefined ? {} : { SESSION_SECRET: secret }) };
      const message = refusal(source, { signsLinks: true });
      expect(message).toMatch(/^Configuración inválida: SESSION_SECRET /);
      if (secret) expect(message).not.toContain(secret.trim() || "\u0000");
    }
    expect(parseEnvVariables({ NODE_ENV: "production", SESSION_SECRET: "k".repeat(64) }, { signsLinks: true }).SESSION_SECRET).toBe("k".repeat(64));
    // Outside production the install's generated secret stands in.
    expect(parseEnvVariables({ NODE_ENV: "development" }, { signsLinks: true }).SESSION_SECRET).toBeUndefined();
  });

  it("refuses the other variables' wrong values too, all in one line", () => {
    const message = refusal({ MAIL_WORKER: "apagado", MAX_UPLOAD_MB: "0", DATABASE_POOL_SIZE: "2.5", APP_URL: "convoca.example.org", SMTP_URL: "correo:x" });
    expect(message.split("\n")).toHaveLength(1);
    for (const name of ["MAIL_WORKER", "MAX_UPLOAD_MB", "DATABASE_POOL_SIZE", "APP_URL", "SMTP_URL"]) expect(message).toContain(`${name} debe ser`);
  });
});

describe("a wrong variable at start", () => {
  it("PORT=abc stops the server with one plain line naming PORT and a non-zero exit", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "server.ts"], { env: { ...process.env, PORT: "abc" }, encoding: "utf8", timeout: 30_000 });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toEqual(['Configuración inválida: PORT debe ser un número de puerto entre 0 y 65535 (recibido "abc").']);
  });

  it("npm run worker refuses to start in production without SESSION_SECRET: its reminders carry signed links", () => {
    const env = { ...process.env, NODE_ENV: "production" as const, SESSION_SECRET: "" };
    const run = spawnSync(process.execPath, ["--import", "tsx", "app/cli/worker.ts"], { env, encoding: "utf8", timeout: 30_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^Configuración inválida: .*SESSION_SECRET/);
  });
});

describe(".env.example", () => {
  it("names every variable the schema reads", () => {
    const example = fs.readFileSync(".env.example", "utf8");
    const named = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    expect(envVariables.filter((name) => !named.has(name))).toEqual([]);
  });
});
