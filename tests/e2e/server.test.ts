import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, dropTestDatabase } from "../helpers/test-database";
import { assertChromium, startApp, type RunningApp } from "./harness";

// The built server over real HTTP: headers, refusals and the production guard.
let app: RunningApp;

beforeAll(async () => {
  assertChromium();
  app = await startApp();
});

afterAll(async () => {
  await app?.stop();
});

describe("the server over HTTP", () => {
  it("sends a nonce-based CSP whose nonce is on every inline script", async () => {
    const res = await fetch(`${app.baseUrl}/`);
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const html = await res.text();
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts.filter((a) => !/\ssrc=/.test(a))) expect(attrs).toContain(`nonce="${nonce}"`);
    const again = await fetch(`${app.baseUrl}/`);
    expect(again.headers.get("content-security-policy")).not.toBe(csp);
  });

  it("refuses a form posted from another site", async () => {
    const res = await fetch(`${app.baseUrl}/ingresar`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=organizadora%40convoca.test&password=convoca-demo",
      redirect: "manual",
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain("Solicitud rechazada");
  });

  it("outside production, signs in over plain HTTP: the session cookie is not Secure, and no HSTS", async () => {
    // A demo on a laptop at the venue is reached at http://<lan address>, where a browser drops
    // a Secure cookie and sign-in silently fails.
    const res = await fetch(`${app.baseUrl}/ingresar`, {
      method: "POST",
      headers: { Origin: app.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=organizadora%40convoca.test&password=convoca-demo",
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^convoca_session=/);
    expect(cookie).not.toMatch(/;\s*Secure/i);
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("refuses an oversized form before reading it", async () => {
    const res = await fetch(`${app.baseUrl}/ingresar`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=" + "a".repeat(2 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
  });

  it("answers the health check and a Spanish 404", async () => {
    expect(await (await fetch(`${app.baseUrl}/healthz`)).text()).toBe("ok");
    const missing = await fetch(`${app.baseUrl}/no/existe`, { headers: { "Accept-Language": "es-CO" } });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("No encontramos esta página");
  });

  it("refuses to start in production without SESSION_SECRET", async () => {
    // A folder and a database of its own (a SQLite file, or with TEST_DATABASE_URL a PostgreSQL
    // schema), so the refused start runs on the engine under test and touches no other app's data.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "convoca-e2e-"));
    const databaseUrl = await createTestDatabase(dataDir);
    try {
      const run = spawnSync(process.execPath, ["--import", "tsx", "server.ts"], {
        env: { ...process.env, NODE_ENV: "production", SESSION_SECRET: "", PORT: "0", DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("SESSION_SECRET");
    } finally {
      await dropTestDatabase(databaseUrl);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("in production", () => {
  it("has no demo, takes its first organizer from user:create, and sends HSTS and a Secure, HttpOnly, SameSite=Lax session cookie", async () => {
    const secret = "una-clave-de-sesion-de-prueba-de-48-caracteres-x";
    // startApp gives it a folder and a database of its own (createTestDatabase: a SQLite file,
    // or a PostgreSQL schema), dropped by stop(); user:create is pointed at that same database.
    const prod = await startApp({ NODE_ENV: "production", SESSION_SECRET: secret });
    try {
      const home = await fetch(`${prod.baseUrl}/`);
      expect(home.headers.get("strict-transport-security")).toMatch(/max-age=\d{6,}/);
      expect((await fetch(`${prod.baseUrl}/encuentros/bogota-2024`)).status).toBe(404);

      const email = "jefa.programa@convoca.test";
      const run = spawnSync(
        process.execPath,
        ["--import", "tsx", "app/cli/user-create.ts", "--email", email, "--name", "Jefa del programa", "--role", "admin"],
        {
          env: { ...process.env, NODE_ENV: "production", SESSION_SECRET: secret, DATA_DIR: prod.dataDir, DATABASE_URL: prod.databaseUrl },
          encoding: "utf8",
          timeout: 30_000,
        },
      );
      expect(run.status).toBe(0);
      const password = /Contraseña generada[^:]*: (\S+)/.exec(run.stdout)?.[1];
      expect(password).toBeTruthy();

      const signIn = await fetch(`${prod.baseUrl}/ingresar`, { method: "POST", body: new URLSearchParams({ email, password: password! }), redirect: "manual" });
      expect(signIn.status).toBe(302);
      const cookie = signIn.headers.get("set-cookie") ?? "";
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    } finally {
      await prod.stop();
    }
  });
});
