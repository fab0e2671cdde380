// Run by calendar.test.ts in a child process whose TZ is another zone (Asia/Tokyo): builds the
// demo encounter's calendar in a fresh database and prints, as JSON, the process's own UTC
// offset, the .ics text, and what node-ical read from it in this zone.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ical from "node-ical";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "convoca-ics-zone-"));
process.env.DATA_DIR = dataDir;
process.env.DATABASE_URL = path.join(dataDir, "zone.db");
process.env.UPLOADS_DIR = path.join(dataDir, "uploads");
process.env.MAIL_WORKER = "off";
delete process.env.SEED_DEMO; // the unit setup turns the demo off; this child checks its calendar

const { getDb, closeDb } = await import("~/server/db.server");
const { prepareDatabase } = await import("~/server/startup.server");
const { buildEncounterCalendar } = await import("~/features/agenda/calendar.server");
try {
  const db = getDb();
  await prepareDatabase(db);
  const encounter = await db.selectFrom("encounters").select("id").where("slug", "=", "bogota-2024").executeTakeFirstOrThrow();
  const file = await buildEncounterCalendar(db, encounter.id);
  const events = Object.values(ical.sync.parseICS(file.content)).filter((c) => c.type === "VEVENT") as ical.VEvent[];
  const opening = events.find((e) => e.summary === "Registro y bienvenida");
  console.log(
    JSON.stringify({
      offsetMinutes: new Date("2024-02-29T12:00:00Z").getTimezoneOffset(),
      content: file.content,
      openingUtc: opening?.start.toISOString(),
    }),
  );
} finally {
  await closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
