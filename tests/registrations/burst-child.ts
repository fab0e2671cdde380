// Started several times at once by concurrency.test.ts (and by the bench): one process of its
// own on the same SQLite file, firing COUNT registrations at the same instant through the
// route's action, as the server would run them. Prints one JSON line: the answers it got.
import * as route from "~/routes/encuentros.$slug.registro";
import { closeDb, getDb } from "~/server/db.server";

const slug = process.env.SLUG!;
const from = Number(process.env.FROM ?? 0);
const count = Number(process.env.COUNT ?? 75);
const startAt = Number(process.env.START_AT ?? Date.now());

const cities = (await getDb().selectFrom("cities").select("dane").orderBy("dane").execute()).map((c) => c.dane);

function request(i: number): Request {
  const body = new URLSearchParams({
    fullName: `Persona ${i}`,
    email: `rafaga.${slug}.${i}@alcaldia.gov.co`,
    cityDane: cities[i % cities.length],
    entity: "Secretaría de Gobierno",
    position: "Profesional",
    consent: "on",
  });
  return new Request(`http://localhost/encuentros/${slug}/registro`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
}

const wait = startAt - Date.now();
if (wait > 0) await new Promise((r) => setTimeout(r, wait));

const answers = await Promise.all(
  Array.from({ length: count }, async (_, k) => {
    const i = from + k;
    try {
      // The form answers every registration alike ("received"), its link goes by mail only.
      const answer = (await route.action({
        request: request(i),
        params: { slug },
        context: { clientIp: `10.${process.pid % 250}.${Math.floor(i / 250)}.${i % 250}` },
      })) as unknown as {
        data: { kind: string };
        init: ResponseInit | null;
      };
      const status = answer.init?.status ?? 200;
      return { i, status, ok: status === 200 && answer.data.kind === "received" };
    } catch (error) {
      const status = error instanceof Response ? error.status : 500;
      return { i, status, ok: false, error: error instanceof Response ? await error.text() : String(error) };
    }
  }),
);
await closeDb();
console.log(JSON.stringify({ pid: process.pid, answers }));
