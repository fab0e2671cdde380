import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as confirmLink from "~/routes/ingresar.enlace.$token";
import * as requestLink from "~/routes/ingresar.enlace._index";
import * as organizerSignIn from "~/routes/ingresar._index";
import * as language from "~/routes/idioma";
import { getDb } from "~/server/db.server";
import { assertProductionReady, getEnv, localRequestOrigin, publishedDevelopmentSecret, withRequestOrigin } from "~/server/env.server";
import { isCrossSiteWrite } from "~/server/security-headers.server";
import { ensureParticipant, formRequest } from "../helpers/auth";
import { call, ctx } from "../helpers/route";
import { tableContents } from "../helpers/table-contents";
import { makeOrganizer } from "../factories";

// An organizer who signs in with a password.
beforeAll(async () => {
  await makeOrganizer(getDb(), { email: "organizadora@convoca.test", password: "convoca-demo" });
});

// Items 7, 3/11, 17 and 26 of issue 14 at the level of the helpers and route actions.

// Every way a redirect target has been seen to leave the site or break the Location header.
const hostileTargets = [
  "/%09/evil.example",
  "/%0a/evil.example",
  "/%0d/evil.example",
  "/%0D%0ASet-Cookie:%20x=1",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/admin\nSet-Cookie: x=1",
  "/\\evil.example",
  "/%5cevil.example",
  "//evil.example",
  "///evil.example",
  "https://evil.example",
  "javascript:alert(1)",
  "/\u0000admin",
  "/\u007f",
];

function isSameSitePath(location: string | null): boolean {
  if (!location) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(location) || !location.startsWith("/") || location.startsWith("//")) return false;
  return new URL(location, "https://convoca.example.org").origin === "https://convoca.example.org";
}

describe("one safe-redirect helper for sign-in, email links and the language switch (item 7)", () => {
  it("the language switch never redirects off-site and never answers 500 for a control character", async () => {
    for (const target of hostileTargets) {
      const r = await call(() => language.action({ request: formRequest("/idioma", { lang: "en", redirectTo: target }), params: {}, context: ctx() }));
      expect(r.status, JSON.stringify(target)).toBe(302);
      expect(r.headers.get("Location"), JSON.stringify(target)).toBe("/");
    }
    // An encoded slash stays a path on this site (browsers do not decode it in Location).
    const encoded = await call(() =>
      language.action({ request: formRequest("/idioma", { lang: "en", redirectTo: "/%2F%2Fevil.example" }), params: {}, context: ctx() }),
    );
    expect(isSameSitePath(encoded.headers.get("Location"))).toBe(true);
    const kept = await call(() =>
      language.action({ request: formRequest("/idioma", { lang: "en", redirectTo: "/encuentros/bogota-2024?x=1#agenda" }), params: {}, context: ctx() }),
    );
    expect(kept.headers.get("Location")).toBe("/encuentros/bogota-2024?x=1#agenda");
  });

  it("organizer sign-in goes to /admin when the target is hostile", async () => {
    // A handful (sign-ins count against the account's limit): the tab, the line feeds, a backslash.
    for (const target of ["/%09/evil.example", "/%0a/evil.example", "/\n/evil.example", "/\\evil.example", "//evil.example"]) {
      const r = await call(() =>
        organizerSignIn.action({
          request: formRequest("/ingresar", { email: "organizadora@convoca.test", password: "convoca-demo", redirectTo: target }),
          params: {},
          context: ctx(`198.51.100.${hostileTargets.indexOf(target) + 1}`),
        }),
      );
      expect(r.status, JSON.stringify(target)).toBe(302);
      expect(r.headers.get("Location"), JSON.stringify(target)).toBe("/admin");
    }
  });

  it("an email link keeps only a safe target, so the sign-in after it stays on the site", async () => {
    const email = "redireccion@cali.gov.co";
    await ensureParticipant(email, "76001");
    for (const [i, target] of ["/%0a/evil.example", "/\n/evil.example", "/%09/evil.example"].entries()) {
      const asked = await call(() =>
        requestLink.action({ request: formRequest("/ingresar/enlace", { email, redirectTo: target }), params: {}, context: ctx(`198.51.101.${i + 1}`) }),
      );
      expect(asked.status).toBeLessThan(500);
      const row = await getDb().selectFrom("login_tokens").select("redirect_to").orderBy("id", "desc").executeTakeFirstOrThrow();
      expect(row.redirect_to).toBe("/mi-cuenta");
    }
    const mail = await getDb().selectFrom("email_outbox").select("data").where("recipient", "=", email).orderBy("id", "desc").executeTakeFirstOrThrow();
    const token = String((JSON.parse(mail.data) as { url: string }).url)
      .split("/")
      .pop()!;
    const signedIn = await call(() => confirmLink.action({ request: formRequest(`/ingresar/enlace/${token}`, {}), params: { token }, context: ctx() }));
    expect(signedIn.status).toBe(302);
    expect(isSameSitePath(signedIn.headers.get("Location"))).toBe(true);
  });

  it("a refused target writes nothing", async () => {
    const before = await tableContents();
    await call(() => language.action({ request: formRequest("/idioma", { lang: "xx", redirectTo: "/%0a" }), params: {}, context: ctx() }));
    expect(await tableContents()).toEqual(before);
  });
});

describe("the origin check (items 3 and 11)", () => {
  const appUrl = "https://convoca.example.org";
  it("accepts an opaque Origin only when the browser says the form came from this very site", () => {
    expect(isCrossSiteWrite("POST", { origin: "null", secFetchSite: "same-origin" }, appUrl)).toBe(false);
    expect(isCrossSiteWrite("POST", { origin: "null", secFetchSite: "cross-site" }, appUrl)).toBe(true);
    expect(isCrossSiteWrite("POST", { origin: "null", secFetchSite: "same-site" }, appUrl)).toBe(true);
    expect(isCrossSiteWrite("POST", { origin: "null" }, appUrl)).toBe(true);
  });

  it("compares with APP_URL, and with a forwarded host only when the caller trusts it", () => {
    expect(isCrossSiteWrite("POST", { origin: appUrl }, appUrl)).toBe(false);
    expect(isCrossSiteWrite("POST", { origin: "https://CONVOCA.example.org" }, appUrl)).toBe(false);
    expect(isCrossSiteWrite("POST", { origin: "https://proxy.example.org" }, appUrl)).toBe(true);
    expect(isCrossSiteWrite("POST", { origin: "https://proxy.example.org", forwardedHost: "proxy.example.org" }, appUrl)).toBe(false);
  });

  it("never throws, whatever APP_URL or the headers hold", () => {
    expect(() => isCrossSiteWrite("POST", { origin: "https://a.example" }, "not a url")).not.toThrow();
    expect(isCrossSiteWrite("POST", { origin: "https://a.example" }, "not a url")).toBe(true);
  });
});

describe("the session secret (item 17)", () => {
  const production = { ...getEnv(), isProduction: true };
  it("refuses in production a blank, whitespace, short or published secret", () => {
    for (const secret of ["", " ".repeat(32), "\t".repeat(40), "x".repeat(31), ` ${"y".repeat(30)} `, publishedDevelopmentSecret]) {
      expect(() => assertProductionReady({ ...production, sessionSecret: secret }), JSON.stringify(secret)).toThrow(/SESSION_SECRET/);
    }
    expect(() => assertProductionReady({ ...production, sessionSecret: "k".repeat(64) })).not.toThrow();
  });

  it("outside production, makes a random secret per install in the data folder and reuses it after a restart", () => {
    // A fresh process each time, as a restart is; SESSION_SECRET absent (not merely empty).
    const secretOfAStart = (dataDir: string) => {
      const env = { ...process.env, NODE_ENV: "development", DATA_DIR: dataDir } as NodeJS.ProcessEnv;
      delete env.SESSION_SECRET;
      const run = spawnSync(
        process.execPath,
        ["--import", "tsx", "-e", "import('./app/server/env.server.ts').then((m) => console.log(m.getEnv().sessionSecret))"],
        {
          env,
          encoding: "utf8",
          timeout: 30_000,
        },
      );
      expect(run.status, run.stderr).toBe(0);
      return run.stdout.trim();
    };
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "convoca-secret-"));
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), "convoca-secret-"));
    try {
      const secret = secretOfAStart(dataDir);
      expect(secret.length).toBeGreaterThanOrEqual(32);
      expect(secret).not.toBe(publishedDevelopmentSecret);
      expect(fs.readFileSync(path.join(dataDir, "session-secret"), "utf8").trim()).toBe(secret);
      expect(secretOfAStart(dataDir)).toBe(secret);
      // Another install gets another secret.
      expect(secretOfAStart(otherDir)).not.toBe(secret);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it("in this test process too, links are signed with the install's secret, not the published one", () => {
    expect(getEnv().sessionSecret).not.toBe(publishedDevelopmentSecret);
    expect(getEnv().sessionSecret.length).toBeGreaterThanOrEqual(32);
  });
});

describe("mailed links on a laptop demo without APP_URL (item 26)", () => {
  const demo = { ...getEnv(), isProduction: false, appUrlIsSet: false };
  it("takes the request's address only when it is local (loopback, private network, .local)", () => {
    expect(localRequestOrigin("http", "192.168.1.20:3000", demo)).toBe("http://192.168.1.20:3000");
    expect(localRequestOrigin("http", "10.0.0.5:3000", demo)).toBe("http://10.0.0.5:3000");
    expect(localRequestOrigin("http", "portatil.local:3000", demo)).toBe("http://portatil.local:3000");
    expect(localRequestOrigin("http", "[::1]:3000", demo)).toBe("http://[::1]:3000");
    expect(localRequestOrigin("http", "evil.example", demo)).toBeNull();
    expect(localRequestOrigin("http", "8.8.8.8", demo)).toBeNull();
    expect(localRequestOrigin("http", "a@192.168.1.2", demo)).toBeNull();
    expect(localRequestOrigin("http", "192.168.1.20:3000", { ...demo, appUrlIsSet: true })).toBeNull();
    expect(localRequestOrigin("http", "192.168.1.20:3000", { ...demo, isProduction: true })).toBeNull();
  });

  it("a sign-in link asked while answering that request is mailed with that address", async () => {
    const email = "demo.portatil@cali.gov.co";
    await ensureParticipant(email, "76001");
    const saved = process.env.APP_URL;
    delete process.env.APP_URL;
    try {
      await withRequestOrigin("http://192.168.1.20:3000", () =>
        call(() => requestLink.action({ request: formRequest("/ingresar/enlace", { email }), params: {}, context: ctx("198.51.102.1") })),
      );
    } finally {
      if (saved !== undefined) process.env.APP_URL = saved;
    }
    const mail = await getDb().selectFrom("email_outbox").select("data").where("recipient", "=", email).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(String((JSON.parse(mail.data) as { url: string }).url)).toMatch(/^http:\/\/192\.168\.1\.20:3000\/ingresar\/enlace\//);
  });
});
