import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

// Outside production with APP_URL unset, the address a person used to reach the app (a laptop
// at a venue, opened from a phone on the same network) is the base of the links mailed while
// answering that person's request. Set by the server per request; read through getEnv().appUrl.
// Kept on globalThis: server.ts and the Remix build each bundle their own copy of this module.
const originsKey = Symbol.for("convoca.requestOrigins");
const requestOrigins: AsyncLocalStorage<string> = ((globalThis as Record<symbol, unknown>)[originsKey] ??=
  new AsyncLocalStorage<string>()) as AsyncLocalStorage<string>;

// The one place that reads the configuration: every variable the app reads is in this schema,
// parsed at start (server.ts and the CLIs stop with one plain line when one is wrong) and listed
// with its default in .env.example. An empty value counts as unset.
const blankIsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const text = () => z.preprocess(blankIsUnset, z.string().optional());
const onOff = (fallback: "on" | "off") => z.preprocess(blankIsUnset, z.enum(["on", "off"], { message: "debe ser on u off" }).default(fallback));
const number = (message: string, ok: (n: number) => boolean, fallback: number) =>
  z.preprocess(
    blankIsUnset,
    z
      .string()
      .trim()
      .default(String(fallback))
      .transform((value, ctx) => {
        const n = Number(value);
        if (Number.isFinite(n) && ok(n)) return n;
        ctx.addIssue({ code: z.ZodIssueCode.custom, message });
        return z.NEVER;
      }),
  );

export const envSchema = z.object({
  // Free-form on purpose: only "production" (and "development" for the dev CSP) means something.
  NODE_ENV: text(),
  PORT: number("debe ser un número de puerto entre 0 y 65535", (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 3000),
  APP_URL: text().refine(
    (value) => value === undefined || isHttpUrl(value),
    "debe ser una dirección http:// o https://, por ejemplo https://convoca.example.org",
  ),
  DATA_DIR: text(),
  DATABASE_URL: text().refine(
    (value) => value === undefined || isDatabaseUrl(value),
    "debe ser la ruta de un archivo SQLite (o file:…) o una URL postgres://usuario:clave@servidor:5432/base",
  ),
  DATABASE_POOL_SIZE: number("debe ser un número entero mayor que 0", (n) => Number.isInteger(n) && n > 0, 10),
  UPLOADS_DIR: text(),
  BACKUPS_DIR: text(),
  // Megabytes (MiB): the largest file an organizer may upload; enforced while the upload streams.
  MAX_UPLOAD_MB: number("debe ser un número de megabytes mayor que 0", (n) => n > 0, 50),
  SESSION_SECRET: text(),
  SMTP_URL: text().refine(
    (value) => value === undefined || /^smtps?:\/\/[^/]/.test(value),
    "debe ser una URL smtp:// o smtps://, por ejemplo smtp://usuario:clave@servidor:587",
  ),
  MAIL_FROM: text(),
  MAIL_RATE: number("debe ser un número de mensajes por segundo, 0 o mayor (0: sin límite)", (n) => n >= 0, 20),
  MAIL_WORKER: onOff("on"),
  SEED_DEMO: onOff("on"),
  // Handed to express as given ("1", "loopback", a list of addresses); off when unset.
  TRUST_PROXY: text(),
  LOG_REQUESTS: onOff("on"),
  BENCH_BARE_ROUTE: z.preprocess(blankIsUnset, z.enum(["0", "1"], { message: "debe ser 1 o 0" }).default("0")),
  // Set by `remix dev` itself, never by hand.
  REMIX_DEV_ORIGIN: text(),
});

export type EnvVariable = keyof typeof envSchema.shape;
export const envVariables = Object.keys(envSchema.shape) as EnvVariable[];
type ParsedVariables = z.output<typeof envSchema>;

function isHttpUrl(value: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

// A path or a file: URL is a SQLite file; anything else with a scheme must be PostgreSQL's,
// readable as a URL, with a schema parameter (ours, for the tests) that is a plain name.
function isDatabaseUrl(value: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return true;
  if (!/^postgres(ql)?:/i.test(value)) return false;
  try {
    const schema = new URL(value).searchParams.get("schema");
    return schema === null || /^[a-z_][a-z0-9_]*$/.test(schema);
  } catch {
    return false;
  }
}

/** A wrong setting, said in one line for the operator: which variable, what it expects. */
export class InvalidEnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuración inválida: ${problems.join(" ")}`);
    this.name = "InvalidEnvError";
  }
}

// Never echo a secret: SESSION_SECRET is not shown, and passwords inside URLs are masked.
function shown(name: string, value: unknown): string {
  if (name === "SESSION_SECRET" || typeof value !== "string") return "";
  const masked = value.replace(/(\/\/[^:/@]*:)[^@/]*@/, "$1****@");
  return ` (recibido ${JSON.stringify(masked)})`;
}

/** The production rules for SESSION_SECRET; null when it will do. */
export function sessionSecretProblem(secret: string | undefined): string | null {
  const howTo = "genere una con `node -e \"console.log(require('crypto').randomBytes(32).toString('hex'))\"`.";
  if ((secret ?? "").trim().length < 32) {
    return `SESSION_SECRET falta, está en blanco o es muy corta (mínimo 32 caracteres). En producción Convoca no arranca sin ella: ${howTo}`;
  }
  if (secret === publishedDevelopmentSecret || secret?.trim() === publishedDevelopmentSecret) {
    return `SESSION_SECRET es el valor de desarrollo publicado en el código de Convoca: cualquiera podría falsificar enlaces. ${howTo}`;
  }
  return null;
}

/** The variables the schema knows, as given (an object like process.env). */
function rawVariables(source: Record<string, string | undefined>): Record<EnvVariable, string | undefined> {
  return Object.fromEntries(envVariables.map((name) => [name, source[name]])) as Record<EnvVariable, string | undefined>;
}

/**
 * Parses the variables, or throws InvalidEnvError naming each wrong one. `signsLinks: true`
 * adds the start rule of the processes that sign sessions or mailed links (the web server and
 * `npm run worker`, whose reminders carry signed links): in production, a SESSION_SECRET that will do.
 */
export function parseEnvVariables(source: Record<string, string | undefined>, options: { signsLinks?: boolean } = {}): ParsedVariables {
  const raw = rawVariables(source);
  const result = envSchema.safeParse(raw);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return `${name} ${issue.message}${shown(name, raw[name as EnvVariable])}.`;
      });
  if (result.success && options.signsLinks && result.data.NODE_ENV === "production") {
    const problem = sessionSecretProblem(result.data.SESSION_SECRET);
    if (problem) problems.push(problem);
  }
  if (!result.success || problems.length) throw new InvalidEnvError(problems);
  return result.data;
}

function settingsFrom(vars: ParsedVariables) {
  const isProduction = vars.NODE_ENV === "production";
  const dataDir = vars.DATA_DIR ?? "data";
  return {
    isProduction,
    /** NODE_ENV=development: the development CSP (remix dev's live reload). */
    isDevelopment: vars.NODE_ENV === "development",
    port: vars.PORT,
    dataDir,
    databaseUrl: vars.DATABASE_URL ?? path.join(dataDir, "convoca.db"),
    databasePoolSize: vars.DATABASE_POOL_SIZE,
    uploadsDir: vars.UPLOADS_DIR ?? path.join(dataDir, "uploads"),
    backupsDir: vars.BACKUPS_DIR ?? path.join(dataDir, "backups"),
    appUrlFromEnv: vars.APP_URL?.replace(/\/$/, "") ?? null,
    /** APP_URL was given: the origin check and mail links trust it and nothing else. */
    appUrlIsSet: Boolean(vars.APP_URL),
    sessionSecret: vars.SESSION_SECRET ?? (isProduction ? "" : installSecret(dataDir)),
    smtpUrl: vars.SMTP_URL ?? null,
    mailFrom: vars.MAIL_FROM ?? "Convoca <no-responder@convoca.test>",
    mailWorkerInWeb: vars.MAIL_WORKER !== "off",
    mailRatePerSecond: vars.MAIL_RATE,
    seedDemo: !isProduction && vars.SEED_DEMO !== "off",
    maxUploadMb: vars.MAX_UPLOAD_MB,
    /** Express's "trust proxy" setting, as given. */
    trustProxy: vars.TRUST_PROXY ?? false,
    /** The proxy's X-Forwarded-Host counts as this site's host too. */
    trustForwardedHost: vars.TRUST_PROXY !== undefined && vars.TRUST_PROXY !== "false" && vars.TRUST_PROXY !== "0",
    logRequests: vars.LOG_REQUESTS !== "off",
    benchBareRoute: vars.BENCH_BARE_ROUTE === "1",
    underRemixDev: Boolean(vars.REMIX_DEV_ORIGIN),
  };
}

// Parsed once; parsed again only if the variables change (the tests set some while running).
let parsed: { key: string; settings: ReturnType<typeof settingsFrom> } | undefined;

export function getEnv() {
  // Read at run time on purpose: `remix build` replaces every literal process.env.NODE_ENV in the
  // server bundle with "production", which made `npm start` (a development server) mark its
  // cookies Secure and sign links with an empty secret instead of the development one.
  const raw = rawVariables(process.env);
  const key = JSON.stringify(raw);
  if (parsed?.key !== key) parsed = { key, settings: settingsFrom(parseEnvVariables(raw)) };
  const { appUrlFromEnv, ...settings } = parsed.settings;
  return {
    ...settings,
    appUrl: appUrlFromEnv ?? ((settings.isProduction ? null : requestOrigins.getStore()) || `http://localhost:${settings.port}`),
  };
}

/**
 * For the entry points (server.ts, the CLIs): the settings, or one plain line on stderr and exit
 * code 1 when a variable is wrong, instead of a stack trace later.
 */
export function getEnvAtStart(options: { signsLinks?: boolean } = {}): Env {
  try {
    parseEnvVariables(process.env, options);
    return getEnv();
  } catch (error) {
    if (!(error instanceof InvalidEnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

export type Env = ReturnType<typeof getEnv>;

/** The development value older versions signed with, published in their code: never a secret. */
export const publishedDevelopmentSecret = "convoca-dev-secret-not-for-production";

const installSecrets = new Map<string, string>();

/**
 * Outside production without SESSION_SECRET: a random secret made on the first start and kept
 * in the data folder, so signed links cannot be forged with a value anyone can read in the code,
 * and links and sessions survive a restart (the web process and `npm run worker` share it).
 */
function installSecret(dataDir: string): string {
  const file = path.resolve(dataDir, "session-secret");
  const known = installSecrets.get(file);
  if (known) return known;
  let secret = "";
  try {
    secret = fs.readFileSync(file, "utf8").trim();
  } catch {
    // first start: made below
  }
  if (secret.length < 32) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fresh = randomBytes(32).toString("hex");
    try {
      // "wx": if another process made it meanwhile, theirs wins and is read back.
      fs.writeFileSync(file, `${fresh}\n`, { flag: "wx", mode: 0o600 });
      secret = fresh;
    } catch {
      secret = fs.readFileSync(file, "utf8").trim();
      if (secret.length < 32) {
        fs.writeFileSync(file, `${fresh}\n`, { mode: 0o600 });
        secret = fresh;
      }
    }
  }
  installSecrets.set(file, secret);
  return secret;
}

export function withRequestOrigin<T>(origin: string | null, fn: () => T): T {
  return origin ? requestOrigins.run(origin, fn) : fn();
}

/**
 * The origin of a request, when it may serve as the base of mailed links: only outside
 * production, only with APP_URL unset, and only for a loopback or private-network address or a
 * local name, so a forged Host header cannot point a mailed sign-in link at someone else's site.
 */
export function localRequestOrigin(protocol: string, host: string | undefined, env: Env = getEnv()): string | null {
  if (env.isProduction || env.appUrlIsSet || !host) return null;
  let url: URL;
  try {
    url = new URL(`${protocol === "https" ? "https" : "http"}://${host}`);
  } catch {
    return null;
  }
  if (url.username || url.password || url.pathname !== "/" || url.search || url.hash) return null;
  return isLocalHostname(url.hostname) ? url.origin : null;
}

function isLocalHostname(hostname: string): boolean {
  if (hostname === "localhost" || hostname.endsWith(".localhost") || hostname.endsWith(".local")) return true;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(hostname);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  const v6 = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return v6 === "::1" || /^f[cd][0-9a-f]{2}:/.test(v6) || /^fe[89ab][0-9a-f]:/.test(v6);
}

/** Refuses to start a production server with settings that would be unsafe. */
export function assertProductionReady(env: Env = getEnv()): void {
  if (!env.isProduction) return;
  const problem = sessionSecretProblem(env.sessionSecret);
  if (problem) throw new Error(problem);
}
