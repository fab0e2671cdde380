import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon, { type Options, type Result } from "autocannon";
import { createDb } from "~db/client";
import { prepareDatabase } from "~/server/startup.server";
import { getEnv } from "~/server/env.server";
import { startApp, type RunningApp } from "../e2e/harness";
import { benchPostgresUrl, createBenchDatabase, dropBenchDatabase, engineName } from "./database";
import { signIn, uploadMaterial } from "./materials";
import type { BenchResult, BenchTable } from "./run";

// The built server (`npm run bench` builds it first) as it runs in production (NODE_ENV=production,
// so React renders with its production build) on a free port with a fresh database and the demo
// (seeded here beforehand: a production server never seeds it), loaded by autocannon with 32 connections for a few seconds per endpoint after a
// short warm-up: requests per second, p50/p99 latency, errors (answers other than 2xx/3xx,
// connection errors and timeouts) and throughput, beside a bare express route of the same
// server that only answers "ok" (same middleware, no Remix): the framework's ceiling.
// Client and server share this machine's cores. `npm run bench -- http`.
//
// On the engine the run was given (see ./database: a fresh SQLite file, or with
// DATABASE_URL=postgres://… a fresh schema of that database). A second table loads two
// instances of the server on that one database: two autocannon runs side by side, half the
// connections each, one per instance; req/s, errors and MB/s are the two runs' sums, and p50/p99
// the higher of the two runs' (the merged distribution's percentile is never above the higher
// of the two, so the figure errs on the slow side).

const connections = 32;
const seconds = 8;
const warmupSeconds = 2;
const materialMb = 10;
/** The registration rows' encounters, one per table, so that each row's registrations can be counted. */
const registrationSlugs = ["banco-http", "banco-http-2"] as const;
/** Registrations sent from one client address (the per-address limit is 600 in 10 minutes). */
const registrationsPerAddress = 50;

type EndpointRequest = Pick<Options, "method" | "requests"> & { path: string };

interface Endpoint {
  label: string;
  /** What run `run` of `runs` (one per instance) sends. */
  request: EndpointRequest | ((run: number, runs: number) => EndpointRequest);
  /** Show MB/s (bodies big enough for it to mean something). */
  throughput: boolean;
}

interface Row {
  label: string;
  /** One autocannon result per instance loaded. */
  results: Result[];
  errors: number;
  throughput: boolean;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const requestsPerSecond = (row: Row) => sum(row.results.map((r) => r.requests.average));
const p99 = (row: Row) => Math.max(...row.results.map((r) => r.latency.p99));

/**
 * Issue 17, goal 1: the public agenda (kept in memory, app/server/public-cache.server.ts) at
 * half the bare route's requests per second or more, its p99 at 50 ms or less, on each table.
 */
function agendaFigures(rows: Row[], bare: Endpoint, agenda: Endpoint, tag: string): BenchResult[] {
  const ceiling = rows.find((r) => r.label === bare.label)!;
  const page = rows.find((r) => r.label === agenda.label)!;
  return [
    {
      name: `agenda / bare route${tag}`,
      value: Number((requestsPerSecond(page) / requestsPerSecond(ceiling)).toFixed(2)),
      unit: "×",
      goal: { min: 0.5 },
      details: `${Math.round(requestsPerSecond(page))} of ${Math.round(requestsPerSecond(ceiling))} req/s`,
    },
    { name: `agenda p99${tag}`, value: Number(p99(page).toFixed(0)), unit: "ms", goal: { max: 50 } },
  ];
}

/** Whether the agenda's anonymous answers come from memory, as the table's figures assume. */
async function agendaFromMemory(app: RunningApp, path: string): Promise<string | null> {
  const states: Array<string | null> = [];
  for (let i = 0; i < 2; i++) {
    const res = await fetch(`${app.baseUrl}${path}`, { headers: { "Accept-Language": "es-CO" } });
    await res.arrayBuffer();
    states.push(res.headers.get("x-convoca-cache"));
  }
  return states[1] === "hit" ? null : `the agenda was not answered from memory (${states.join(", ")})`;
}

async function makeEncounters(app: RunningApp): Promise<string[]> {
  const db = createDb(app.databaseUrl);
  try {
    const cities = (await db.selectFrom("cities").select("dane").orderBy("dane").execute()).map((c) => c.dane);
    const starts = new Date(Date.now() + 30 * 86_400_000);
    for (const slug of registrationSlugs) {
      await db
        .insertInto("encounters")
        .values({
          slug,
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
    }
    return cities;
  } finally {
    await db.destroy();
  }
}

async function countRegistrations(app: RunningApp, slug: string): Promise<number> {
  const db = createDb(app.databaseUrl);
  try {
    const row = await db
      .selectFrom("registrations")
      .innerJoin("encounters", "encounters.id", "registrations.encounter_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("encounters.slug", "=", slug)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await db.destroy();
  }
}

/**
 * The registration form's POST into `slug`, each one a new person (unique address), from many
 * client addresses: run `run` of `runs` sends people run, run + runs, run + 2·runs… so that
 * side-by-side runs never send the same person; `table` keeps each table's people and client
 * addresses apart (the per-address counters live in the database, shared by the instances).
 */
function registrationRequests(cities: string[], table: number, slug: string) {
  return (run: number, runs: number): EndpointRequest => {
    let n = 0;
    return {
      path: `/encuentros/${slug}/registro`,
      method: "POST",
      requests: [
        {
          setupRequest: (request) => {
            const i = run + runs * n++;
            const client = (table << 16) + Math.floor(i / registrationsPerAddress);
            const body = new URLSearchParams({
              fullName: `Persona ${i}`,
              email: `bench.http.${table}.${i}@alcaldia.gov.co`,
              cityDane: cities[i % cities.length],
              entity: "Secretaría de Gobierno",
              position: "Profesional",
              consent: "on",
            }).toString();
            return {
              ...request,
              method: "POST",
              path: `/encuentros/${slug}/registro`,
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
  };
}

/** Loads each app with its share of the connections, all at once (same warm-up, same seconds). */
async function measure(apps: RunningApp[], endpoint: Endpoint): Promise<Row> {
  const results = await Promise.all(
    apps.map((app, run) => {
      const request = typeof endpoint.request === "function" ? endpoint.request(run, apps.length) : endpoint.request;
      const share = connections / apps.length;
      return autocannon({
        url: `${app.baseUrl}${request.path}`,
        method: request.method ?? "GET",
        requests: request.requests,
        headers: { "Accept-Language": "es-CO" },
        connections: share,
        duration: seconds,
        warmup: { connections: share, duration: warmupSeconds },
      });
    }),
  );
  // Anything but 2xx/3xx is an error here (a 429 from a rate limit too), and so are connection
  // errors and timeouts (autocannon counts timeouts among its errors).
  const errors = sum(results.map((r) => r["1xx"] + r["4xx"] + r["5xx"] + r.errors));
  return { label: endpoint.label, results, errors, throughput: endpoint.throughput };
}

function statusSummary(results: Result[]): string {
  const counts = new Map<string, number>();
  const add = (key: string, n: number) => n && counts.set(key, (counts.get(key) ?? 0) + n);
  for (const result of results) {
    for (const [code, { count }] of Object.entries(result.statusCodeStats)) add(code, count);
    add("timeouts", result.timeouts);
    add("connection errors", result.errors - result.timeouts);
  }
  return [...counts].map(([key, n]) => `${key}×${n}`).join(", ");
}

function table(rows: Row[]): string {
  const header = ["endpoint", "req/s", "p50 ms", "p99 ms", "errors", "MB/s"];
  const cells = rows.map((row) => [
    row.label,
    Math.round(requestsPerSecond(row)).toString(),
    Math.max(...row.results.map((r) => r.latency.p50)).toFixed(0),
    p99(row).toFixed(0),
    row.errors.toString(),
    row.throughput ? (sum(row.results.map((r) => r.throughput.average)) / 1024 / 1024).toFixed(1) : "—",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join(" | ")} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`;
  return [line(header), rule, ...cells.map(line)].join("\n");
}

/** A new data folder and database, migrated and seeded with the demo the way a server outside production would. */
async function prepareDataDir(): Promise<{ dataDir: string; databaseUrl: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "convoca-bench-http-"));
  const databaseUrl = await createBenchDatabase(dataDir);
  const db = createDb(databaseUrl);
  try {
    await prepareDatabase(db, { ...getEnv(), seedDemo: true, uploadsDir: path.join(dataDir, "uploads") });
  } catch (error) {
    await db.destroy();
    await dropBenchDatabase(databaseUrl);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  await db.destroy();
  return { dataDir, databaseUrl };
}

export async function benchHttp(): Promise<BenchTable> {
  const engine = await engineName();
  const { dataDir, databaseUrl } = await prepareDataDir();
  const env = {
    NODE_ENV: "production",
    SESSION_SECRET: randomBytes(32).toString("hex"),
    BENCH_BARE_ROUTE: "1",
    MAIL_WORKER: "off",
    TRUST_PROXY: "loopback",
    MAX_UPLOAD_MB: String(materialMb + 10),
    // Both instances keep uploads in one folder, as instances behind one proxy would share a volume.
    UPLOADS_DIR: path.join(dataDir, "uploads"),
    DATABASE_URL: databaseUrl,
  };
  const apps: RunningApp[] = [];
  try {
    // The second instance has a data folder of its own (removed by its stop()), the same database.
    apps.push(await startApp({ ...env, DATA_DIR: dataDir }));
    apps.push(await startApp(env));
    // HSTS is sent only in production: a table measured in another mode would say the wrong thing.
    for (const app of apps) {
      const home = await fetch(`${app.baseUrl}/`);
      if (!home.headers.has("strict-transport-security")) throw new Error("El servidor del banco de pruebas no corre en modo producción.");
    }
    const [one] = apps;
    const cities = await makeEncounters(one);
    const materialId = await uploadMaterial(one, await signIn(one), materialMb * 1024 * 1024, `Material de ${materialMb} MB`);
    const bare: Endpoint = { label: "bare express route (ceiling)", request: { path: "/__bench/bare" }, throughput: false };
    const agenda: Endpoint = { label: "GET /encuentros/bogota-2024/agenda", request: { path: "/encuentros/bogota-2024/agenda" }, throughput: true };
    const registration = (table: number): Endpoint => ({
      label: "POST registration form",
      request: registrationRequests(cities, table, registrationSlugs[table]),
      throughput: false,
    });

    // Measured in this order; every registration adds rows the other endpoints would otherwise
    // read past, so both tables' registration rows come last. The second instance idles (no
    // mail worker, no requests) while the first is measured alone.
    const single: Row[] = [];
    for (const endpoint of [
      bare,
      { label: "GET /", request: { path: "/" }, throughput: true },
      agenda,
      { label: "GET /encuentros/bogota-2024/agenda.ics", request: { path: "/encuentros/bogota-2024/agenda.ics" }, throughput: true },
      { label: `GET ${materialMb} MB material`, request: { path: `/materiales/${materialId}/descargar` }, throughput: true },
    ]) {
      single.push(await measure([one], endpoint));
    }
    const double: Row[] = [];
    for (const endpoint of [bare, agenda]) double.push(await measure(apps, endpoint));
    single.push(await measure([one], registration(0)));
    double.push(await measure(apps, registration(1)));

    const notes: string[] = [];
    for (const app of apps) {
      const note = await agendaFromMemory(app, "/encuentros/bogota-2024/agenda");
      if (note) notes.push(note);
    }
    for (const [rows, tag] of [
      [single, ""],
      [double, " (2 instances)"],
    ] as const) {
      for (const row of rows) if (row.errors) notes.push(`${row.label}${tag}: ${statusSummary(row.results)}`);
    }
    // Every 303 must be a registration kept: a form answered 200 (a duplicate) would hide a failure.
    const kept: number[] = [];
    for (const [table, rows] of [single, double].entries()) {
      const results = rows.at(-1)!.results;
      const redirected = sum(results.map((r) => r["3xx"] + (r.warmup?.["3xx"] ?? 0)));
      const shown = sum(results.map((r) => r["2xx"]));
      kept.push(await countRegistrations(one, registrationSlugs[table]));
      // (Requests cut off when a run stops may still be kept: up to one per connection and run.)
      if (kept[table] < redirected || kept[table] > redirected + 2 * connections || shown) {
        notes.push(
          `registration${table ? " (2 instances)" : ""}: ${redirected} answered 303 but ${kept[table]} kept; ${shown} answered 200 (form shown again)`,
        );
      }
    }
    const bytes = (row: Row) => {
      const requests = sum(row.results.map((r) => r.requests.total));
      return requests ? sum(row.results.map((r) => r.throughput.total)) / requests : 0;
    };
    const sizes = single.filter((r) => r.throughput).map((r) => `${r.label.replace(/^GET /, "")} ${(bytes(r) / 1024).toFixed(0)} KB`);
    return {
      name: "http",
      table: [
        `HTTP — ${engine}, 1 instance`,
        "",
        table(single),
        "",
        `HTTP — ${engine}, 2 instances on one database (${connections / 2} + ${connections / 2} connections, one autocannon run per instance side by side; req/s, errors, MB/s summed; p50/p99 the higher run's)`,
        "",
        table(double),
        "",
      ].join("\n"),
      details: [
        `${connections} connections in all, ${seconds} s each after ${warmupSeconds} s of warm-up, no gzip (autocannon sends no Accept-Encoding); answer sizes: ${sizes.join(", ")}`,
        `client, ${apps.length} servers${benchPostgresUrl ? " and PostgreSQL" : ""} share ${os.cpus().length} cores; the second instance idles while the first is measured alone`,
        `registrations kept (warm-up included): ${kept[0]} by 1 instance, ${kept[1]} by 2 instances, from ${Math.ceil(kept[0] / registrationsPerAddress)} and ${Math.ceil(kept[1] / registrationsPerAddress)} client addresses`,
        ...notes,
      ],
      figures: [...agendaFigures(single, bare, agenda, " (1 instance)"), ...agendaFigures(double, bare, agenda, " (2 instances)")],
    };
  } finally {
    for (const app of apps.reverse()) await app.stop();
    await dropBenchDatabase(databaseUrl);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs this benchmark alone (after `npm run build`): `npx tsx -e "import('./tests/bench/http.ts').then(m => m.run())"`. */
export async function run(): Promise<void> {
  const result = await benchHttp();
  const figures = (result.figures ?? []).map(
    (f) => `${f.name}: ${f.value} ${f.unit}${f.goal ? ` (goal ${"min" in f.goal ? `≥ ${f.goal.min}` : `≤ ${f.goal.max}`})` : ""}`,
  );
  console.log([result.table, ...result.details, ...figures].join("\n"));
}
