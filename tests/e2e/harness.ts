import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { createTestDatabase, dropTestDatabase } from "../helpers/test-database";

// Starts the built app (run `npm run build` first; `npm run test:e2e` does) on a free port
// with its own temporary data folder, and a headless Debian Chromium to drive it.

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function assertChromium(): void {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `No se encontró Chromium en ${chromiumPath}. Instálelo con \`apt-get update && apt-get install -y chromium\` ` + "o indique otra ruta con CHROMIUM_PATH.",
    );
  }
  if (!fs.existsSync("build/index.js")) {
    throw new Error("Falta la compilación: ejecute `npm run build` (o `npm run test:e2e`, que compila primero).");
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export interface RunningApp {
  baseUrl: string;
  dataDir: string;
  /** The app's database: a SQLite file in dataDir, or with TEST_DATABASE_URL a PostgreSQL schema. */
  databaseUrl: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * extraEnv.DATA_DIR starts the app on a folder prepared beforehand (kept as is; removed by
 * stop()); extraEnv.DATABASE_URL on a database prepared beforehand (another app's, say: two
 * instances on one database). A database the harness created is dropped by stop().
 */
export async function startApp(extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  const port = await freePort();
  const dataDir = extraEnv.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "convoca-e2e-"));
  const ownDatabase = !extraEnv.DATABASE_URL;
  const databaseUrl = extraEnv.DATABASE_URL ?? (await createTestDatabase(dataDir));
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      UPLOADS_DIR: path.join(dataDir, "uploads"),
      APP_URL: `http://127.0.0.1:${port}`,
      LOG_REQUESTS: "off",
      SMTP_URL: "",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`El servidor terminó al arrancar:\n${log}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`El servidor no respondió en 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    dataDir,
    databaseUrl,
    process: child,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      if (ownDatabase) await dropTestDatabase(databaseUrl);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The public registration form's POST, as a browser without JavaScript sends it; answers the
 * status (200 with the same "check your email" page for every registration kept). `headers` adds what the caller needs: an Origin, a client address.
 */
export async function postRegistrationForm(
  app: Pick<RunningApp, "baseUrl">,
  slug: string,
  person: { fullName: string; email: string; cityDane: string },
  headers: Record<string, string> = {},
): Promise<number> {
  const body = new URLSearchParams({ ...person, entity: "Secretaría de Gobierno", position: "Profesional", consent: "on" });
  const res = await fetch(`${app.baseUrl}/encuentros/${slug}/registro`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
  await res.arrayBuffer();
  return res.status;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // The machine has no network but loopback: background services would only fail and wait.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}
