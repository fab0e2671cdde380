import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import ical from "node-ical";
import { beforeAll, describe, expect, it } from "vitest";
import * as itemCalendar from "~/routes/encuentros.$slug.agenda_.$itemId[.ics]";
import * as encounterCalendar from "~/routes/encuentros.$slug.agenda[.ics]";
import * as itemPage from "~/routes/admin.encuentros.$slug.agenda.$itemId";
import { getDb } from "~/server/db.server";
import { formRequest, getRequest } from "../helpers/auth";
import { makeAgendaItem, makeBogotaDay, makeEncounter, makeSignedInOrganizer } from "../factories";
import { call } from "../helpers/route";

// The calendars, read back with an independent parser (node-ical): an 08:00 opening in Bogotá
// must be 13:00 UTC, whether the server runs in UTC or in Tokyo.

type Event = ical.VEvent;

function events(text: string): Event[] {
  return Object.values(ical.sync.parseICS(text)).filter((c): c is Event => c.type === "VEVENT");
}

async function fetchCalendar(slug = "bogota-2024", query = "", cookie?: string) {
  const r = await call(() =>
    encounterCalendar.loader({ request: getRequest(`/encuentros/${slug}/agenda.ics${query}`, cookie), params: { slug }, context: {} }),
  );
  return { ...r, text: String(r.data) };
}

// A signed-in organizer; the day of 29 February 2024 in Bogotá with its seven sessions; and
// another encounter, to come, with a session of its own.
let organizer: string;
beforeAll(async () => {
  const db = getDb();
  organizer = (await makeSignedInOrganizer(db, { role: "admin" })).cookie;
  await makeBogotaDay(db, { slug: "bogota-2024" });
  await makeAgendaItem(db, { encounter_id: (await makeEncounter(db, { slug: "seguimiento" })).id });
});

describe("the encounter's calendar", () => {
  it("has one event per item, breaks included, at the hours the page shows, with a VTIMEZONE", async () => {
    const r = await fetchCalendar();
    expect(r.status).toBe(200);
    expect(r.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(r.headers.get("Content-Disposition")).toBe('attachment; filename="bogota-2024.ics"');
    expect(r.text).toContain("BEGIN:VTIMEZONE\r\nTZID:America/Bogota");
    expect(r.text).toContain("DTSTART;TZID=America/Bogota:20240229T080000");
    // Inside events, no floating times (read in whatever zone the reader's computer has).
    const eventBlocks = r.text.split("BEGIN:VEVENT").slice(1);
    expect(eventBlocks).toHaveLength(7);
    for (const block of eventBlocks) expect(block).not.toMatch(/^DT(START|END):/m);

    const parsed = events(r.text);
    expect(parsed).toHaveLength(7);
    const opening = parsed.find((e) => e.summary === "Registro y bienvenida")!;
    expect(opening.start.toISOString()).toBe("2024-02-29T13:00:00.000Z");
    expect(opening.end.toISOString()).toBe("2024-02-29T13:30:00.000Z");
    expect(parsed.filter((e) => e.summary === "Receso")).toHaveLength(1);
    const closing = parsed.find((e) => e.summary === "Compromisos de las ciudades y cierre")!;
    expect(closing.start.toISOString()).toBe("2024-02-29T18:00:00.000Z");

    const panel = parsed.find((e) => String(e.summary).startsWith("Panel:"))!;
    expect(panel.location).toBe("Auditorio principal, Bogotá, sede de la Asociación de Ciudades Capitales, Bogotá D.C., Colombia");
    expect(panel.description).toContain("Ponentes: Equipo de la agencia de migración (Organismo internacional para las migraciones)");
    expect(panel.description).toContain("Moderación: Moderación de la Asociación");
    expect(panel.description).toContain("/encuentros/bogota-2024/agenda");
  });

  it("keeps each item's UID from one download to the next, and raises SEQUENCE when the item changes", async () => {
    const first = events((await fetchCalendar()).text);
    const uids = first.map((e) => e.uid);
    expect(new Set(uids).size).toBe(7);
    expect(uids.every((uid) => /^agenda-item-\d+@localhost$/.test(uid))).toBe(true);

    const db = getDb();
    const item = await db.selectFrom("agenda_items").selectAll().where("title", "=", "Instalación").executeTakeFirstOrThrow();
    const saved = await call(() =>
      itemPage.action({
        request: formRequest(
          `/admin/encuentros/bogota-2024/agenda/${item.id}`,
          {
            intent: "save",
            title: "Instalación",
            kind: "plenary",
            room: "Auditorio 2",
            date: "2024-02-29",
            startTime: "08:30",
            endTime: "09:00",
          },
          { cookie: organizer },
        ),
        params: { slug: "bogota-2024", itemId: String(item.id) },
        context: {},
      }),
    );
    expect(saved.status).toBe(302);

    const second = events((await fetchCalendar()).text);
    expect(second.map((e) => e.uid)).toEqual(uids);
    const changed = second.find((e) => e.summary === "Instalación")!;
    expect(Number(changed.sequence)).toBe(Number(first.find((e) => e.summary === "Instalación")!.sequence) + 1);
    expect(changed.location).toMatch(/^Auditorio 2,/);
  });

  it("answers a repeated download with 304 when nothing changed", async () => {
    const first = await fetchCalendar();
    const etag = first.headers.get("ETag")!;
    const again = await call(() =>
      encounterCalendar.loader({
        request: getRequest("/encuentros/bogota-2024/agenda.ics", undefined, { "If-None-Match": etag }),
        params: { slug: "bogota-2024" },
        context: {},
      }),
    );
    expect(again.status).toBe(304);
  });

  it("speaks English when asked with ?lang=en", async () => {
    const text = (await fetchCalendar("bogota-2024", "?lang=en")).text;
    expect(text).toContain("Full agenda:");
    expect(text).toContain("Speakers: Equipo de la agencia");
  });

  it("serves one item with the same UID, and 404s another encounter's item", async () => {
    const db = getDb();
    const item = await db.selectFrom("agenda_items").selectAll().where("title", "=", "Receso").executeTakeFirstOrThrow();
    const r = await call(() =>
      itemCalendar.loader({
        request: getRequest(`/encuentros/bogota-2024/agenda/${item.id}.ics`),
        params: { slug: "bogota-2024", itemId: String(item.id) },
        context: {},
      }),
    );
    expect(r.status).toBe(200);
    const [event] = events(String(r.data));
    expect(event.uid).toBe(`agenda-item-${item.id}@localhost`);
    expect(event.start.toISOString()).toBe("2024-02-29T15:30:00.000Z");

    const other = await db
      .selectFrom("agenda_items")
      .innerJoin("encounters", "encounters.id", "agenda_items.encounter_id")
      .select("agenda_items.id")
      .where("encounters.slug", "=", "seguimiento")
      .executeTakeFirstOrThrow();
    for (const itemId of [String(other.id), "999999", "abc", "1e3"]) {
      const missing = await call(() => itemCalendar.loader({ request: getRequest("/x"), params: { slug: "bogota-2024", itemId }, context: {} }));
      expect(missing.status, itemId).toBe(404);
    }
  });

  it("keeps a draft's calendar from the public, and from shared caches", async () => {
    const db = getDb();
    await db.updateTable("encounters").set({ status: "draft" }).where("slug", "=", "seguimiento").execute();
    try {
      expect((await fetchCalendar("seguimiento")).status).toBe(404);
      const own = await fetchCalendar("seguimiento", "", organizer);
      expect(own.status).toBe(200);
      expect(own.headers.get("Cache-Control")).toBe("private, no-store");
    } finally {
      await db.updateTable("encounters").set({ status: "published" }).where("slug", "=", "seguimiento").execute();
    }
  });

  it("describes daylight saving for a zone that has it", async () => {
    const db = getDb();
    const { id } = await makeEncounter(db, {
      slug: "nyc",
      title: "NYC",
      starts_at: "2025-03-07T14:00:00.000Z",
      ends_at: "2025-03-11T22:00:00.000Z",
      timezone: "America/New_York",
      capacity: 10,
      city_quota: 1,
      status: "published",
    });
    // 09:00 New York before the switch (UTC-5) and after it (UTC-4).
    await makeAgendaItem(db, {
      encounter_id: id,
      title: "Antes",
      kind: "panel",
      starts_at: "2025-03-08T14:00:00.000Z",
      ends_at: "2025-03-08T15:00:00.000Z",
      position: 0,
    });
    await makeAgendaItem(db, {
      encounter_id: id,
      title: "Después",
      kind: "panel",
      starts_at: "2025-03-10T13:00:00.000Z",
      ends_at: "2025-03-10T14:00:00.000Z",
      position: 1,
    });
    const text = (await fetchCalendar("nyc")).text;
    expect(text).toContain("BEGIN:DAYLIGHT");
    expect(text).toContain("DTSTART;TZID=America/New_York:20250308T090000");
    expect(text).toContain("DTSTART;TZID=America/New_York:20250310T090000");
    const parsed = events(text);
    expect(parsed.map((e) => e.start.toISOString()).sort()).toEqual(["2025-03-08T14:00:00.000Z", "2025-03-10T13:00:00.000Z"]);
  });
});

describe("whatever the server's own zone", () => {
  it("writes the same local hours on a server set to Asia/Tokyo, and a parser reads 13:00 UTC there and here", async () => {
    const here = (await fetchCalendar()).text;
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", path.resolve("tests/agenda/calendar-in-zone.ts")], {
      env: { ...process.env, TZ: "Asia/Tokyo" },
      timeout: 60_000,
      maxBuffer: 10_000_000,
    });
    const tokyo = JSON.parse(stdout.trim().split("\n").at(-1)!) as { offsetMinutes: number; content: string; openingUtc: string };
    expect(tokyo.offsetMinutes).toBe(-540); // the child really ran in Tokyo's zone
    expect(tokyo.openingUtc).toBe("2024-02-29T13:00:00.000Z");
    const opening = events(tokyo.content).find((e) => e.summary === "Registro y bienvenida")!;
    expect(opening.start.toISOString()).toBe("2024-02-29T13:00:00.000Z");
    // Start and end lines as written are the same as this process writes for the untouched items.
    const times = (text: string) => text.split("\r\n").filter((line) => /^DT(START|END);TZID=America\/Bogota:20240229T08/.test(line));
    expect(times(tokyo.content)).toEqual(times(here));
    expect(times(here)).toContain("DTSTART;TZID=America/Bogota:20240229T080000");
  });
});
