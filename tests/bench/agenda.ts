import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { withBenchDatabase } from "./database";
import type { BenchResult } from "./run";

// The public agenda of an encounter with 200 items (four days, parallel rooms, two people
// each): the page rendered by the built app (root and agenda loaders, then React's server
// render, whole body read), and its .ics built by buildEncounterCalendar. Median of 25 runs
// after 3 warm-ups. `npm run bench agenda-page agenda-ics`.

const runs = 25;
const warmups = 3;

async function withAgenda<T>(label: string, work: (ctx: { encounterId: number; slug: string }) => Promise<T>): Promise<T> {
  return withBenchDatabase(label, async (db) => {
    const { wallTimeToUtc } = await import("~/lib/time");
    const zone = "America/Bogota";
    const days = ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06"];
    const kinds = ["plenary", "panel", "workshop", "working_table", "break"] as const;
    const encounterId = await db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto("encounters")
        .values({
          slug: "bench-agenda",
          title: "Encuentro de prueba de carga: 200 sesiones",
          venue: "Centro de Convenciones",
          address: "Bogotá D.C.",
          starts_at: wallTimeToUtc(days[0], "07:00", zone),
          ends_at: wallTimeToUtc(days[3], "20:00", zone),
          timezone: zone,
          capacity: 500,
          city_quota: 10,
          status: "published",
          updated_at: new Date().toISOString(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      // 50 items a day: 10 half-hour slots from 08:00 in 5 rooms.
      for (let n = 0; n < 200; n++) {
        const day = days[Math.floor(n / 50)];
        const slot = Math.floor((n % 50) / 5);
        const room = n % 5;
        const start = `${String(8 + Math.floor(slot / 2)).padStart(2, "0")}:${slot % 2 ? "30" : "00"}`;
        const end = `${String(8 + Math.floor((slot + 1) / 2)).padStart(2, "0")}:${(slot + 1) % 2 ? "30" : "00"}`;
        const item = await trx
          .insertInto("agenda_items")
          .values({
            encounter_id: id,
            title: `Sesión ${n + 1}: prevención de la trata de personas en el PDT y el PISCC`,
            description: "Trabajo por ciudades sobre metas, indicadores y rutas de atención a víctimas.",
            kind: kinds[n % kinds.length],
            room: `Salón ${room + 1}`,
            starts_at: wallTimeToUtc(day, start, zone),
            ends_at: wallTimeToUtc(day, end, zone),
            position: n,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        for (const [i, role] of (["speaker", "moderator"] as const).entries()) {
          const speaker = await trx
            .insertInto("speakers")
            .values({ name: `Persona ${n}-${i}`, organization: "Alcaldía" })
            .returning("id")
            .executeTakeFirstOrThrow();
          await trx.insertInto("agenda_item_speakers").values({ agenda_item_id: item.id, speaker_id: speaker.id, role, position: i }).execute();
        }
      }
      return id;
    });
    return await work({ encounterId, slug: "bench-agenda" });
  });
}

async function median(fn: () => Promise<unknown>): Promise<{ median: number; min: number; max: number }> {
  for (let i = 0; i < warmups; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], max: times.at(-1)! };
}

/** The built server (npm run build), rebuilt first if any app file is newer than it. */
async function serverBuild() {
  const buildFile = path.resolve("build/index.js");
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const full = path.join(dir, entry.name);
      return Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
    }, 0);
  if (!fs.existsSync(buildFile) || fs.statSync(buildFile).mtimeMs < Math.max(newest("app"), newest("db"), newest("emails"))) {
    console.error("agenda: la compilación no está al día; ejecutando remix build…");
    execFileSync("npx", ["remix", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  }
  return import(`${pathToFileURL(buildFile).href}?bench=${Date.now()}`);
}

export async function benchAgendaPage(): Promise<BenchResult> {
  const { createRequestHandler } = await import("@remix-run/node");
  const build = await serverBuild();
  const handle = createRequestHandler(build, "production");
  return withAgenda("page", async ({ slug }) => {
    let bytes = 0;
    const timing = await median(async () => {
      const response = await handle(new Request(`http://localhost/encuentros/${slug}/agenda`, { headers: { "Accept-Language": "es-CO" } }), {
        cspNonce: "bench",
      });
      if (response.status !== 200) throw new Error(`La agenda respondió ${response.status}`);
      bytes = (await response.text()).length;
    });
    return {
      name: "agenda-page",
      value: Number(timing.median.toFixed(1)),
      unit: "ms",
      details: `página /encuentros/:slug/agenda con 200 sesiones (loaders + render de React en el servidor, ${Math.round(bytes / 1024)} KB de HTML; mediana de ${runs}; mín ${timing.min.toFixed(1)} ms, máx ${timing.max.toFixed(1)} ms)`,
    };
  });
}

export async function benchAgendaCalendar(): Promise<BenchResult> {
  return withAgenda("ics", async ({ encounterId }) => {
    const { getDb } = await import("~/server/db.server");
    const { listAgenda } = await import("~/features/agenda/queries.server");
    const { findEncounterById } = await import("~/features/encounters/queries.server");
    const { buildEncounterCalendar, renderCalendar } = await import("~/features/agenda/calendar.server");
    const db = getDb();
    let bytes = 0;
    // Built from scratch each time (what the first request after a change costs)...
    const cold = await median(async () => {
      const encounter = (await findEncounterById(db, encounterId))!;
      bytes = renderCalendar(encounter, await listAgenda(db, encounterId)).length;
    });
    // ...and as served while the agenda does not change (the text is kept per exact input).
    const warm = await median(() => buildEncounterCalendar(db, encounterId));
    return {
      name: "agenda-ics",
      value: Number(cold.median.toFixed(1)),
      unit: "ms",
      goal: { max: 20 },
      details: `agenda.ics de 200 sesiones con VTIMEZONE, construida desde cero (consulta + escritura RFC 5545, ${Math.round(bytes / 1024)} KB; mediana de ${runs}; mín ${cold.min.toFixed(1)} ms, máx ${cold.max.toFixed(1)} ms); servida sin cambios: ${warm.median.toFixed(1)} ms`,
    };
  });
}

/** Both figures, printed (for running this file alone). */
export async function run(): Promise<void> {
  for (const bench of [benchAgendaPage, benchAgendaCalendar]) {
    const result = await bench();
    console.log(`${result.name}: ${result.value} ${result.unit} — ${result.details}`);
  }
}
