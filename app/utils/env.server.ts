import path from "node:path";

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
    appUrl: (process.env.APP_URL ?? `http://localhost:${port}`).replace(/\/$/, ""),
    sessionSecret: process.env.SESSION_SECRET ?? (isProduction ? "" : "convoca-dev-secret-not-for-production"),
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

/** Refuses to start a production server with settings that would be unsafe. */
export function assertProductionReady(env: Env = getEnv()): void {
  if (!env.isProduction) return;
  if (!env.sessionSecret || env.sessionSecret.length < 32) {
    throw new Error(
      "SESSION_SECRET falta o es muy corta (mínimo 32 caracteres). En producción Convoca no arranca sin ella: " +
        "genere una con `node -e \"console.log(require('crypto').randomBytes(32).toString('hex'))\"`.",
    );
  }
}
