import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon, { type Options, type Result } from "autocannon";
import { createDb } from "~db/client";
import { prepareDatabase } from "~/services/startup.server";
import { getEnv } from "~/utils/env.server";
import { startApp, type RunningApp } from "../e2e/harness";
import { signIn, uploadMaterial } from "./materials";
import type { BenchTable } from "./run";

// The built server (`npm run bench` builds it first) as it runs in production (NODE_ENV=production,
// so React renders with its production build) on a free port with a fresh database and the demo
// (seeded here beforehand: a production server never seeds it), loaded by autocannon with 32 connections for a few seconds per endpoint after a
// short warm-up: requests per second, p50/p99 latency, errors (answers other than 2xx/3xx,
// connection errors and timeouts) and throughput, beside a bare express route of the same
// server that only answers "ok" (same middleware, no Remix): the framework's ceiling.
// Client and server share this machine's cores. `npm run bench -- http`.

const connections = 32;
const seconds = 8;
const warmupSeconds = 2;
const materialMb = 10;
const registrationSlug = "banco-http";
/** Registrations sent from one client address (the per-address limit is 600 in 10 minutes). */
const registrationsPerAddress = 50;

interface Endpoint {
  label: string;
  request: Pick<Options, "method" | "requests"> & { path: string };
  /** Show MB/s (bodies big enough for it to mean something). */
  throughput: boolean;
}

interface Row {
  label: string;
  result: Result;
  errors: number;
  throughput: boolean;
}

async function makeEncounter(app: RunningApp): Promise<string[]> {
  const db = createDb(path.join(app.dataDir, "convoca.db"));
  try {
    const cities = (await db.selectFrom("cities").select("dane").orderBy("dane").execute()).map((c) => c.dane);
    const starts = new Date(Date.now() + 30 * 86_400_000);
    await db
      .insertInto("encounters")
      .values({
        slug: registrationSlug,
        title: "Banco de pruebas HTTP",
        venue: "Centro de convenciones",
        starts_at: starts.toISOString(),
        ends_at: new Date(starts.getTime() + 8 * 3_600_000).toISOString(),
        capacity: 10_000_000,
        city_quota: 10_000_000,
        status: "published",
        updated_at: new Date().toISOString(),
      })
      .execute();
    return cities;
  } finally {
    await db.destroy();
  }
}

async function countRegistrations(app: RunningApp): Promise<number> {
  const db = createDb(path.join(app.dataDir, "convoca.db"));
  try {
    const row = await db
      .selectFrom("registrations")
      .innerJoin("encounters", "encounters.id", "registrations.encounter_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("encounters.slug", "=", registrationSlug)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await db.destroy();
  }
}

/** The registration form's POST, each one a new person (unique address), from many client addresses. */
function registrationRequests(cities: string[]): Endpoint["request"] {
  let n = 0;
  return {
    path: `/encuentros/${registrationSlug}/registro`,
    method: "POST",
    requests: [
      {
        setupRequest: (request) => {
          const i = n++;
          const client = Math.floor(i / registrationsPerAddress);
          const body = new URLSearchParams({
            fullName: `Persona ${i}`,
            email: `bench.http.${i}@alcaldia.gov.co`,
            cityDane: cities[i % cities.length],
            entity: "Secretaría de Gobierno",
            position: "Profesional",
            consent: "on",
          }).toString();
          return {
            ...request,
            method: "POST",
            path: `/encuentros/${registrationSlug}/registro`,
            headers: {
              ...request.headers,
              "Content-Type": "application/x-www-form-urlencoded",
              "X-Forwarded-For": `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}`,
            },
            body,
          };
        },
      },
    ],
  };
}

async function measure(app: RunningApp, endpoint: Endpoint): Promise<Row> {
  const result = await autocannon({
    url: `${app.baseUrl}${endpoint.request.path}`,
    method: endpoint.request.method ?? "GET",
    requests: endpoint.request.requests,
    headers: { "Accept-Language": "es-CO" },
    connections,
    duration: seconds,
    warmup: { connections, duration: warmupSeconds },
  });
  // Anything but 2xx/3xx is an error here (a 429 from a rate limit too), and so are connection
  // errors and timeouts (autocannon counts timeouts among its errors).
  const errors = result["1xx"] + result["4xx"] + result["5xx"] + result.errors;
  return { label: endpoint.label, result, errors, throughput: endpoint.throughput };
}

function statusSummary(result: Result): string {
  const codes = Object.entries(result.statusCodeStats).map(([code, { count }]) => `${code}×${count}`);
  if (result.timeouts) codes.push(`timeouts×${result.timeouts}`);
  if (result.errors > result.timeouts) codes.push(`connection errors×${result.errors - result.timeouts}`);
  return codes.join(", ");
}

function table(rows: Row[]): string {
  const header = ["endpoint", "req/s", "p50 ms", "p99 ms", "errors", "MB/s"];
  const cells = rows.map((row) => [
    row.label,
    Math.round(row.result.requests.average).toString(),
    row.result.latency.p50.toFixed(0),
    row.result.latency.p99.toFixed(0),
    row.errors.toString(),
    row.throughput ? (row.result.throughput.average / 1024 / 1024).toFixed(1) : "—",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join(" | ")} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`;
  return [line(header), rule, ...cells.map(line)].join("\n");
}

/** A new data folder, migrated and seeded with the demo the way a server outside production would. */
async function prepareDataDir(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "convoca-bench-http-"));
  const db = createDb(path.join(dataDir, "convoca.db"));
  try {
    await prepareDatabase(db, { ...getEnv(), seedDemo: true, uploadsDir: path.join(dataDir, "uploads") });
  } finally {
    await db.destroy();
  }
  return dataDir;
}

export async function benchHttp(): Promise<BenchTable> {
  const dataDir = await prepareDataDir();
  const app = await startApp({
    DATA_DIR: dataDir,
    NODE_ENV: "production",
    SESSION_SECRET: randomBytes(32).toString("hex"),
    BENCH_BARE_ROUTE: "1",
    MAIL_WORKER: "off",
    TRUST_PROXY: "loopback",
    MAX_UPLOAD_MB: String(materialMb + 10),
  }).catch((error: unknown) => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  try {
    // HSTS is sent only in production: a table measured in another mode would say the wrong thing.
    const home = await fetch(`${app.baseUrl}/`);
    if (!home.headers.has("strict-transport-security")) throw new Error("El servidor del banco de pruebas no corre en modo producción.");
    const cities = await makeEncounter(app);
    const materialId = await uploadMaterial(app, await signIn(app), materialMb * 1024 * 1024, `Material de ${materialMb} MB`);
    const endpoints: Endpoint[] = [
      { label: "bare express route (ceiling)", request: { path: "/__bench/bare" }, throughput: false },
      { label: "GET /", request: { path: "/" }, throughput: true },
      { label: "GET /encuentros/bogota-2024/agenda", request: { path: "/encuentros/bogota-2024/agenda" }, throughput: true },
      { label: "GET /encuentros/bogota-2024/agenda.ics", request: { path: "/encuentros/bogota-2024/agenda.ics" }, throughput: true },
      { label: `GET ${materialMb} MB material`, request: { path: `/materiales/${materialId}/descargar` }, throughput: true },
      // Last: every registration adds rows the other endpoints would otherwise read past.
      { label: "POST registration form", request: registrationRequests(cities), throughput: false },
    ];
    const rows: Row[] = [];
    for (const endpoint of endpoints) rows.push(await measure(app, endpoint));

    const notes: string[] = [];
    for (const row of rows) {
      if (row.errors) notes.push(`${row.label}: ${statusSummary(row.result)}`);
    }
    // Every 303 must be a registration kept: a form answered 200 (a duplicate) would hide a failure.
    const registration = rows.at(-1)!.result;
    const redirected = registration["3xx"] + (registration.warmup?.["3xx"] ?? 0);
    const kept = await countRegistrations(app);
    // (Requests cut off when a run stops may still be kept: up to one per connection and run.)
    if (kept < redirected || kept > redirected + 2 * connections || registration["2xx"]) {
      notes.push(`registration: ${redirected} answered 303 but ${kept} kept; ${registration["2xx"]} answered 200 (form shown again)`);
    }
    const bytes = (row: Row) => (row.result.requests.total ? row.result.throughput.total / row.result.requests.total : 0);
    const sizes = rows.filter((r) => r.throughput).map((r) => `${r.label.replace(/^GET /, "")} ${(bytes(r) / 1024).toFixed(0)} KB`);
    return {
      name: "http",
      table: table(rows),
      details: [
        `${connections} connections, ${seconds} s each after ${warmupSeconds} s of warm-up, no gzip (autocannon sends no Accept-Encoding); answer sizes: ${sizes.join(", ")}`,
        `${kept} registrations kept (warm-up included), ${Math.ceil(kept / registrationsPerAddress)} client addresses`,
        ...notes,
      ],
    };
  } finally {
    await app.stop();
  }
}

/** Runs this benchmark alone (after `npm run build`): `npx tsx -e "import('./tests/bench/http.ts').then(m => m.run())"`. */
export async function run(): Promise<void> {
  const result = await benchHttp();
  console.log([result.table, ...result.details].join("\n"));
}
