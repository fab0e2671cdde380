import fs from "node:fs";
import { createDb } from "~db/client";
import { postRegistrationForm, type RunningApp } from "../e2e/harness";
import { startBenchApp } from "./database";
import type { BenchResult } from "./run";

// Registration on a built server (`npm run build` first), through the public form's POST:
// 1. throughput: 600 registrations sent 8 at a time to an encounter with room for all;
// 2. a burst: 1,000 registrations sent at the same instant to an encounter with 300 places
//    (10 per city): how many were confirmed, waitlisted and failed, and how long it took.
// Requests come from many client addresses (X-Forwarded-For behind a trusted local proxy), as
// they would from many venues, so the per-client flood limit is not what is measured.

const throughputCount = 600;
const throughputConcurrency = 8;
const burstCount = 1000;
const burstPlaces = 300;
/** The form's answer to a registration it kept: the "check your email" page, the same for all. */
const kept = 200;

async function makeEncounter(app: RunningApp, slug: string, capacity: number, quota: number): Promise<void> {
  const db = createDb(app.databaseUrl);
  cities = (await db.selectFrom("cities").select("dane").orderBy("dane").execute()).map((c) => c.dane);
  const starts = new Date(Date.now() + 30 * 86_400_000);
  await db
    .insertInto("encounters")
    .values({
      slug,
      title: `Banco de pruebas ${slug}`,
      venue: "Centro de convenciones",
      starts_at: starts.toISOString(),
      ends_at: new Date(starts.getTime() + 8 * 3_600_000).toISOString(),
      capacity,
      city_quota: quota,
      status: "published",
      updated_at: new Date().toISOString(),
    })
    .execute();
  await db.destroy();
}

async function countByStatus(app: RunningApp, slug: string) {
  const db = createDb(app.databaseUrl);
  const rows = await db
    .selectFrom("registrations")
    .innerJoin("encounters", "encounters.id", "registrations.encounter_id")
    .select((eb) => ["registrations.status", eb.fn.countAll<number>().as("n")])
    .where("encounters.slug", "=", slug)
    .groupBy("registrations.status")
    .execute();
  const enc = await db.selectFrom("encounters").select(["confirmed_count", "capacity"]).where("slug", "=", slug).executeTakeFirstOrThrow();
  await db.destroy();
  return { ...Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])), counter: enc.confirmed_count } as Record<string, number>;
}

let cities: string[] = [];

function post(app: RunningApp, slug: string, i: number): Promise<number> {
  const person = { fullName: `Persona ${i}`, email: `bench.${slug}.${i}@alcaldia.gov.co`, cityDane: cities[i % cities.length] };
  return postRegistrationForm(app, slug, person, { "X-Forwarded-For": `10.9.${Math.floor(i / 200) % 250}.${i % 200}` });
}

export async function benchRegistration(): Promise<BenchResult> {
  if (!fs.existsSync("build/index.js")) throw new Error("Falta la compilación: ejecute `npm run build` antes de `npm run bench`.");
  const app = await startBenchApp({ MAIL_WORKER: "off", TRUST_PROXY: "loopback" });
  try {
    await makeEncounter(app, "banco-ritmo", 100_000, 100_000);
    await makeEncounter(app, "banco-rafaga", burstPlaces, 10);
    // Warm up the server (first requests compile and cache).
    for (let i = 0; i < 20; i++) await post(app, "banco-ritmo", 1_000_000 + i);

    let next = 0;
    let failedThroughput = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: throughputConcurrency }, async () => {
        while (next < throughputCount) {
          const i = next++;
          if ((await post(app, "banco-ritmo", i)) !== kept) failedThroughput++;
        }
      }),
    );
    const perSecond = throughputCount / ((performance.now() - start) / 1000);

    const burstStart = performance.now();
    const statuses = await Promise.all(Array.from({ length: burstCount }, (_, i) => post(app, "banco-rafaga", i).catch(() => 0)));
    const burstSeconds = (performance.now() - burstStart) / 1000;
    const failed = statuses.filter((s) => s !== kept).length;
    // Which answers the failed ones got (0: no answer), e.g. "429×3".
    const byStatus = new Map<number, number>();
    for (const s of statuses) if (s !== kept) byStatus.set(s, (byStatus.get(s) ?? 0) + 1);
    const failures = [...byStatus].map(([status, n]) => `${status}×${n}`).join(", ");
    const counts = await countByStatus(app, "banco-rafaga");
    return {
      name: "registration",
      value: Math.round(perSecond),
      goal: { min: 300 },
      unit: `registrations/s through the form's POST (${throughputCount}, ${throughputConcurrency} at a time, ${failedThroughput} failed)`,
      details: `burst of ${burstCount} at once against ${burstPlaces} places: ${counts.confirmed ?? 0} confirmed, ${counts.waitlisted ?? 0} waitlisted, ${failed} failed${failures ? ` (${failures})` : ""}, in ${burstSeconds.toFixed(1)} s (confirmed counter ${counts.counter})`,
    };
  } finally {
    await app.stop();
  }
}

/** Runs this benchmark alone: `npx tsx -e "import('./tests/bench/registration.ts').then(m => m.run())"`. */
export async function run(): Promise<void> {
  const result = await benchRegistration();
  console.log(`${result.name}: ${result.value} ${result.unit}${result.details ? ` — ${result.details}` : ""}`);
}
