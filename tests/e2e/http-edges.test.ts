import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "~db/client";
import { createTestDatabase, dropTestDatabase } from "../helpers/test-database";
import { assertChromium, postRegistrationForm, startApp, type RunningApp } from "./harness";
import { demoOrganizer } from "./helpers";

// The built server over real HTTP, at its edges: forms from the personal-link pages without
// JavaScript, refusals as pages, bodies past their limit (chunked too), malformed requests,
// no-store on personal pages, a proxy that rewrites Host, a development start, mail links on a
// laptop demo. Every answer is read as a browser or a client would get it.

let app: RunningApp;

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** node:http, so that Host, Transfer-Encoding and odd methods go out exactly as written. */
function raw(
  baseUrl: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer | AsyncIterable<Buffer>; headersOnly?: boolean },
): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method: options.method ?? "GET", path: options.path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") });
        if (options.headersOnly) req.destroy();
      });
      res.on("error", reject);
    });
    // The server may answer (413) and close before the whole body is sent: that is the point.
    req.on("error", (error) => (req.writableEnded ? undefined : reject(error)));
    const body = options.body;
    if (options.headersOnly) req.flushHeaders();
    else if (body === undefined) req.end();
    else if (typeof body === "string" || Buffer.isBuffer(body)) req.end(body);
    else
      void (async () => {
        try {
          for await (const chunk of body) {
            if (req.destroyed) return;
            if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
          }
          req.end();
        } catch {
          // the server closed the connection mid-body
        }
      })();
  });
}

/** `total` bytes in chunks of 64 KiB, sent without a Content-Length (chunked). */
async function* chunks(total: number, first = ""): AsyncIterable<Buffer> {
  if (first) yield Buffer.from(first);
  const piece = Buffer.alloc(64 * 1024, "a");
  for (let sent = 0; sent < total; sent += piece.length) yield piece;
}

async function outboxData(databaseUrl: string, to: string): Promise<Array<Record<string, unknown>>> {
  const db = createDb(databaseUrl);
  try {
    const rows = await db.selectFrom("email_outbox").select("data").where("recipient", "=", to).orderBy("id", "desc").execute();
    return rows.map((r) => JSON.parse(r.data) as Record<string, unknown>);
  } finally {
    await db.destroy();
  }
}

async function organizerCookie(target: RunningApp): Promise<string> {
  const res = await fetch(`${target.baseUrl}/ingresar`, { method: "POST", body: new URLSearchParams(demoOrganizer), redirect: "manual" });
  expect(res.status).toBe(302);
  return (res.headers.get("set-cookie") ?? "").split(";")[0];
}

async function participantCookie(target: RunningApp, email: string): Promise<string> {
  await fetch(`${target.baseUrl}/ingresar/enlace`, { method: "POST", body: new URLSearchParams({ email }), redirect: "manual" });
  const url = (await outboxData(target.databaseUrl, email)).map((d) => d.url).find((u) => typeof u === "string" && u.includes("/ingresar/enlace/"));
  const res = await fetch(String(url), { method: "POST", body: new URLSearchParams({}), redirect: "manual" });
  return (res.headers.get("set-cookie") ?? "").split(";")[0];
}

/** A person registered for `seguimiento`, and the personal link from the kept mail. */
async function registeredManageUrl(target: RunningApp, email: string, cityDane = "91001"): Promise<string> {
  // The form answers every registration kept with the same page (200); the link goes by mail.
  expect(await postRegistrationForm(target, "seguimiento", { fullName: "Persona de Prueba", email, cityDane })).toBe(200);
  const url = (await outboxData(target.databaseUrl, email)).map((d) => d.manageUrl).find((u) => typeof u === "string");
  expect(url).toBeTruthy();
  return String(url);
}

const leaksInternals = (text: string) => /node_modules|\/work\/|\.tsx?:\d+|\bat [\w.<>]+ \(/.test(text);

beforeAll(async () => {
  assertChromium();
  app = await startApp();
});

afterAll(async () => {
  await app?.stop();
});

describe("personal-link pages take plain form posts (item 3)", () => {
  it("sends Referrer-Policy: same-origin on both pages, so the token never leaves the site and forms carry a real Origin", async () => {
    const manageUrl = await registeredManageUrl(app, "origen.nulo@leticia.gov.co");
    const page = await fetch(manageUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get("referrer-policy")).toBe("same-origin");
    const followUp = await fetch(`${app.baseUrl}/seguimiento/no-es-un-enlace`);
    expect(followUp.headers.get("referrer-policy") ?? "").not.toContain("no-referrer");
  });

  it("accepts a form whose Origin is null when the browser says it came from this very site", async () => {
    const email = "origen.nulo.2@leticia.gov.co";
    const manageUrl = await registeredManageUrl(app, email);
    const path = new URL(manageUrl).pathname;
    const body = new URLSearchParams({ intent: "update", fullName: "Persona de Prueba", entity: "Alcaldía", position: "Asesora", locale: "es" }).toString();
    const saved = await raw(app.baseUrl, {
      method: "POST",
      path,
      headers: { Origin: "null", "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" },
      body,
    });
    expect(saved.status).toBeLessThan(400);
    const db = createDb(app.databaseUrl);
    try {
      expect((await db.selectFrom("participants").select("position").where("email", "=", email).executeTakeFirst())?.position).toBe("Asesora");
    } finally {
      await db.destroy();
    }
    // From another site, or an opaque origin the browser does not vouch for: refused, as a page.
    const refused = await raw(app.baseUrl, {
      method: "POST",
      path,
      headers: {
        Origin: "null",
        "Sec-Fetch-Site": "cross-site",
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "text/html",
        "Accept-Language": "en",
      },
      body,
    });
    expect(refused.status).toBe(403);
    expect(refused.headers["content-type"]).toMatch(/text\/html/);
    expect(refused.body).toContain("Request refused");
    expect(refused.body).toContain("Try again");
  });
});

describe("every refusal is a page in the visitor's language with a next step (items 3, 29)", () => {
  it("another site's form: a styled Spanish page with 'Volver a intentar'", async () => {
    const res = await raw(app.baseUrl, {
      method: "POST",
      path: "/ingresar",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" },
      body: "email=a%40b.co&password=x",
    });
    expect(res.status).toBe(403);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.body).toMatch(/<link rel="stylesheet" href="\/build\/_assets\/app-[^"]+\.css">/);
    expect(res.body).toContain("Volver a intentar");
    expect(res.body).toContain('lang="es-CO"');
  });

  it("a wrong, expired or forged download link: a styled page with a way to ask for a new link", async () => {
    for (const lang of ["es", "en"]) {
      const res = await raw(app.baseUrl, { path: "/d/no-es-un-enlace", headers: { Accept: "text/html", "Accept-Language": lang } });
      expect(res.status).toBe(403);
      expect(res.headers["content-type"]).toMatch(/text\/html/);
      expect(res.body).toContain('href="/ingresar/enlace"');
      expect(res.body).toContain(lang === "es" ? "Pedir un enlace nuevo" : "Ask for a new link");
      expect(res.body).toContain('class="error-page"');
    }
  });

  it("unknown personal links: their own styled page, never bare text", async () => {
    const link = await raw(app.baseUrl, { path: "/inscripcion/no-es-un-enlace", headers: { Accept: "text/html" } });
    expect(link.status).toBe(404);
    expect(link.headers["content-type"]).toMatch(/text\/html/);
    expect(link.body).toContain("Este enlace no sirve");
    expect(link.body).toContain('href="/ingresar/enlace?redirectTo=/mi-cuenta"');
    const followUp = await raw(app.baseUrl, { path: "/seguimiento/no-es-un-enlace", headers: { Accept: "text/html" } });
    expect(followUp.status).toBe(404);
    expect(followUp.headers["content-type"]).toMatch(/text\/html/);
    expect(followUp.body).toContain('class="site-header"');
  });

  it("a download tool (no HTML wanted) may get plain text, but never internals", async () => {
    const res = await raw(app.baseUrl, { path: "/d/no-es-un-enlace", headers: { Accept: "*/*" } });
    expect(res.status).toBe(403);
    expect(leaksInternals(res.body)).toBe(false);
  });
});

describe("request bodies are counted as they stream (item 5)", () => {
  it("refuses a chunked 8 MB form with 413 after the first megabyte", async () => {
    const res = await raw(app.baseUrl, {
      method: "POST",
      path: "/ingresar/enlace",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked", Accept: "text/html" },
      body: chunks(8 * 1024 * 1024, "email="),
    });
    expect(res.status).toBe(413);
    expect(res.body).toContain("demasiado grande");
  });

  it("refuses a 40 MB multipart body sent to a form route early, declared or chunked", async () => {
    const declared = await raw(app.baseUrl, {
      method: "POST",
      path: "/encuentros/seguimiento/registro",
      // Only the headers go out: the answer comes before a byte of the body is read.
      headers: { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(40 * 1024 * 1024), Accept: "text/html" },
      headersOnly: true,
    });
    expect(declared.status).toBe(413);
    const chunked = await raw(app.baseUrl, {
      method: "POST",
      path: "/encuentros/seguimiento/registro",
      headers: { "Content-Type": "multipart/form-data; boundary=x", "Transfer-Encoding": "chunked" },
      body: chunks(40 * 1024 * 1024, '--x\r\nContent-Disposition: form-data; name="fullName"\r\n\r\n'),
    });
    expect(chunked.status).toBe(413);
  });

  it("counts on routes whose action never reads the body too", async () => {
    const res = await raw(app.baseUrl, {
      method: "POST",
      path: "/salir",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(5 * 1024 * 1024) },
      headersOnly: true,
    });
    expect(res.status).toBe(413);
  });
});

describe("malformed requests are 4xx, never 500, never a stack trace (item 12)", () => {
  const form = "/ingresar/enlace";
  const cases: Array<[string, { method?: string; headers?: Record<string, string>; body?: string }]> = [
    ["JSON", { headers: { "Content-Type": "application/json" }, body: '{"email":"a@b.co"}' }],
    ["text/plain", { headers: { "Content-Type": "text/plain" }, body: "email=a@b.co" }],
    ["no Content-Type", { body: "email=a@b.co" }],
    ["no body", { headers: { "Content-Type": "application/x-www-form-urlencoded" } }],
    ["broken multipart", { headers: { "Content-Type": "multipart/form-data; boundary=zz" }, body: "--zz\r\nbroken" }],
    ["multipart without boundary", { headers: { "Content-Type": "multipart/form-data" }, body: "x" }],
    ["a bodiless DELETE", { method: "DELETE" }],
  ];
  for (const [name, request] of cases) {
    it(`${name}: 4xx`, async () => {
      const res = await raw(app.baseUrl, {
        method: request.method ?? "POST",
        path: form,
        headers: { Accept: "text/html", ...request.headers },
        body: request.body,
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(leaksInternals(res.body)).toBe(false);
    });
  }

  it("TRACE answers 405 with Allow, and a malformed address 400, without a stack trace", async () => {
    const trace = await raw(app.baseUrl, { method: "TRACE", path: "/", headers: { Accept: "text/html" } });
    expect(trace.status).toBe(405);
    expect(trace.headers.allow).toContain("GET");
    expect(leaksInternals(trace.body)).toBe(false);
    const badPath = await raw(app.baseUrl, { path: "/%E0%A4%A", headers: { Accept: "text/html" } });
    expect(badPath.status).toBeGreaterThanOrEqual(400);
    expect(badPath.status).toBeLessThan(500);
    expect(leaksInternals(badPath.body)).toBe(false);
  });
});

describe("pages with personal data are never cached (item 15)", () => {
  it("sends Cache-Control: no-store on every such route, signed in or not", async () => {
    const organizer = await organizerCookie(app);
    const participant = await participantCookie(app, "persona1.11001@demo.convoca.test");
    expect(participant).toMatch(/^convoca_session=/);
    const manageUrl = new URL(await registeredManageUrl(app, "no.cache@leticia.gov.co")).pathname;
    const routes: Array<[string, string | undefined]> = [
      ["/admin", organizer],
      ["/admin/correo", organizer],
      ["/admin/encuentros/bogota-2024/registros", organizer],
      ["/admin/personas", organizer],
      ["/admin/cuenta", organizer],
      ["/admin/informes", organizer],
      ["/admin", undefined],
      ["/mi-cuenta", participant],
      ["/mi-cuenta", undefined],
      ["/mi-ciudad/compromisos", participant],
      ["/compromisos/1", participant],
      ["/compromisos/1", organizer],
      ["/compromisos/1/editar", organizer],
      [manageUrl, undefined],
      ["/inscripcion/no-es-un-enlace", undefined],
      ["/seguimiento/no-es-un-enlace", undefined],
      ["/seguimiento/no-es-un-enlace/detener", undefined],
      ["/d/no-es-un-enlace", undefined],
      ["/ingresar", undefined],
      ["/ingresar/enlace", undefined],
      ["/ingresar/enlace/no-es-un-enlace", undefined],
      ["/mi-cuenta.data", participant],
      ["/admin.data", organizer],
    ];
    for (const [path, cookie] of routes) {
      const res = await raw(app.baseUrl, { path, headers: cookie ? { Cookie: cookie } : {} });
      expect(res.headers["cache-control"], `${path} (${res.status})`).toContain("no-store");
    }
    // Public pages stay cacheable by the browser's normal rules.
    expect((await raw(app.baseUrl, { path: "/encuentros/bogota-2024" })).headers["cache-control"] ?? "").not.toContain("no-store");
  });
});

describe("a deployment behind a proxy that rewrites Host (item 11)", () => {
  let proxied: RunningApp;
  beforeAll(async () => {
    proxied = await startApp({ APP_URL: "https://convoca.example.org" });
  });
  afterAll(async () => {
    await proxied?.stop();
  });

  it("takes a form whose Origin is APP_URL though Host is the proxy's upstream name, and never answers 500", async () => {
    for (const host of ["127.0.0.1:3000", "convoca_upstream", "localhost"]) {
      const res = await raw(proxied.baseUrl, {
        method: "POST",
        path: "/ingresar/enlace",
        headers: { Host: host, Origin: "https://convoca.example.org", "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" },
        body: "email=persona1.11001%40demo.convoca.test",
      });
      expect(res.status, host).toBe(200);
      expect(res.body).toContain("le llegará un enlace");
    }
  });

  it("compares with APP_URL, not with whatever Host a client sends", async () => {
    const res = await raw(proxied.baseUrl, {
      method: "POST",
      path: "/ingresar/enlace",
      headers: { Host: "evil.example", Origin: "http://evil.example", "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" },
      body: "email=persona1.11001%40demo.convoca.test",
    });
    expect(res.status).toBe(403);
    // X-Forwarded-Host counts only when TRUST_PROXY says the proxy is trusted (not set here).
    const forwarded = await raw(proxied.baseUrl, {
      method: "POST",
      path: "/ingresar/enlace",
      headers: { "X-Forwarded-Host": "evil.example", Origin: "http://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=persona1.11001%40demo.convoca.test",
    });
    expect(forwarded.status).toBe(403);
  });
});

describe("NODE_ENV=development with `npm start` (item 10)", () => {
  it("starts and serves without a Remix dev server, and still shows no stack trace", async () => {
    const dev = await startApp({ NODE_ENV: "development" });
    try {
      const health = await fetch(`${dev.baseUrl}/healthz`);
      expect(health.status).toBe(200);
      expect((await fetch(`${dev.baseUrl}/encuentros/bogota-2024`)).status).toBe(200);
      const trace = await raw(dev.baseUrl, { method: "TRACE", path: "/ingresar" });
      expect(trace.status).toBe(405);
      expect(leaksInternals(trace.body)).toBe(false);
      const json = await raw(dev.baseUrl, { method: "POST", path: "/ingresar", headers: { "Content-Type": "application/json" }, body: "{}" });
      expect(json.status).toBeGreaterThanOrEqual(400);
      expect(json.status).toBeLessThan(500);
      expect(leaksInternals(json.body)).toBe(false);
      expect(dev.output()).not.toContain("Dev server origin not set");
    } finally {
      await dev.stop();
    }
  });
});

describe("a laptop demo without APP_URL mails links that work from a phone (item 26)", () => {
  it("uses the address the person used to reach the app, captured when the mail is queued", async () => {
    const demo = await startApp({ APP_URL: "" });
    try {
      const port = new URL(demo.baseUrl).port;
      const venue = `192.168.1.20:${port}`;
      const email = "persona2.11001@demo.convoca.test";
      const asked = await raw(demo.baseUrl, {
        method: "POST",
        path: "/ingresar/enlace",
        headers: { Host: venue, Origin: `http://${venue}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email }).toString(),
      });
      expect(asked.status).toBe(200);
      const [mail] = await outboxData(demo.databaseUrl, email);
      expect(String(mail.url)).toMatch(new RegExp(`^http://192\\.168\\.1\\.20:${port}/ingresar/enlace/`));

      const registered = "demo.en.sede@leticia.gov.co";
      const body = new URLSearchParams({
        fullName: "Persona en la sede",
        email: registered,
        cityDane: "91001",
        entity: "Alcaldía",
        position: "Enlace",
        consent: "on",
      });
      const reg = await raw(demo.baseUrl, {
        method: "POST",
        path: "/encuentros/seguimiento/registro",
        headers: { Host: venue, "Content-Type": "application/x-www-form-urlencoded" },
        body: body.toString(),
      });
      expect(reg.status).toBe(200);
      const [confirmation] = await outboxData(demo.databaseUrl, registered);
      expect(String(confirmation.manageUrl)).toMatch(new RegExp(`^http://192\\.168\\.1\\.20:${port}/inscripcion/`));

      // A public name in Host is not trusted for mailed links: the default address is used.
      const other = "persona3.11001@demo.convoca.test";
      await raw(demo.baseUrl, {
        method: "POST",
        path: "/ingresar/enlace",
        headers: { Host: `evil.example:${port}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: other }).toString(),
      });
      const [otherMail] = await outboxData(demo.databaseUrl, other);
      expect(String(otherMail.url)).not.toContain("evil.example");
    } finally {
      await demo.stop();
    }
  });
});

describe("production refuses a secret anyone could know (item 17)", () => {
  it("does not start with a SESSION_SECRET of spaces or the published development value", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "convoca-e2e-"));
    const databaseUrl = await createTestDatabase(dataDir);
    try {
      for (const secret of [" ".repeat(32), "convoca-dev-secret-not-for-production"]) {
        const run = spawnSync(process.execPath, ["--import", "tsx", "server.ts"], {
          env: { ...process.env, NODE_ENV: "production", SESSION_SECRET: secret, PORT: "0", DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
          encoding: "utf8",
          timeout: 30_000,
        });
        expect(run.status, JSON.stringify(secret)).toBe(1);
        expect(run.stderr).toContain("SESSION_SECRET");
      }
    } finally {
      await dropTestDatabase(databaseUrl);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
