import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// Outside production with APP_URL unset, the address a person used to reach the app (a laptop
// at a venue, opened from a phone on the same network) is the base of the links mailed while
// answering that person's request. Set by the server per request; read through getEnv().appUrl.
// Kept on globalThis: server.ts and the Remix build each bundle their own copy of this module.
const originsKey = Symbol.for("convoca.requestOrigins");
const requestOrigins: AsyncLocalStorage<string> = ((globalThis as Record<symbol, unknown>)[originsKey] ??= new AsyncLocalStorage<string>()) as AsyncLocalStorage<string>;

// One place that reads process.env, so every variable is named (and documented in the README).
export function getEnv() {
  // Read at run time on purpose: `remix build` replaces every literal process.env.NODE_ENV in the
  // server bundle with "production", which made `npm start` (a development server) mark its
  // cookies Secure and sign links with an empty secret instead of the development one.
  const { NODE_ENV: mode } = process.env;
  const isProduction = mode === "production";
  const port = Number(process.env.PORT ?? 3000);
  const dataDir = process.env.DATA_DIR ?? "data";
  return {
    isProduction,
    port,
    dataDir,
    databaseUrl: process.env.DATABASE_URL ?? path.join(dataDir, "convoca.db"),
    uploadsDir: process.env.UPLOADS_DIR ?? path.join(dataDir, "uploads"),
    backupsDir: process.env.BACKUPS_DIR ?? path.join(dataDir, "backups"),
    appUrl: (process.env.APP_URL || (isProduction ? null : requestOrigins.getStore()) || `http://localhost:${port}`).replace(/\/$/, ""),
    /** APP_URL was given: the origin check and mail links trust it and nothing else. */
    appUrlIsSet: Boolean(process.env.APP_URL),
    sessionSecret: process.env.SESSION_SECRET ?? (isProduction ? "" : installSecret(dataDir)),
    smtpUrl: process.env.SMTP_URL || null,
    mailFrom: process.env.MAIL_FROM ?? "Convoca <no-responder@convoca.test>",
    mailWorkerInWeb: (process.env.MAIL_WORKER ?? "on") !== "off",
    mailRatePerSecond: Number(process.env.MAIL_RATE ?? 20),
    seedDemo: !isProduction && process.env.SEED_DEMO !== "off",
    // Largest file an organizer may upload, in megabytes (MiB); enforced while the upload streams.
    maxUploadMb: positiveNumber(process.env.MAX_UPLOAD_MB, 50),
  };
}

function positiveNumber(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : fallback;
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
  const secret = env.sessionSecret ?? "";
  const howTo = "genere una con `node -e \"console.log(require('crypto').randomBytes(32).toString('hex'))\"`.";
  if (secret.trim().length < 32) {
    throw new Error(`SESSION_SECRET falta, está en blanco o es muy corta (mínimo 32 caracteres). En producción Convoca no arranca sin ella: ${howTo}`);
  }
  if (secret === publishedDevelopmentSecret || secret.trim() === publishedDevelopmentSecret) {
    throw new Error(`SESSION_SECRET es el valor de desarrollo publicado en el código de Convoca: cualquiera podría falsificar enlaces. ${howTo}`);
  }
}
