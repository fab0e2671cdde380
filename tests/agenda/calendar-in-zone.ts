// Run by calendar.test.ts in a child process whose TZ is another zone (Asia/Tokyo): builds the
// calendar of the day calendar.test.ts makes (makeBogotaDay) in a fresh database and prints, as
// JSON, the process's own UTC offset, the .ics text, and what node-ical read from it in this zone.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ical from "node-ical";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "convoca-ics-zone-"));
process.env.DATA_DIR = dataDir;
process.env.DATABASE_URL = path.join(dataDir, "zone.db");
process.env.UPLOADS_DIR = path.join(dataDir, "uploads");
process.env.MAIL_WORKER = "off";
process.env.SEED_DEMO = "off";

const { getDb, closeDb } = await import("~/server/db.server");
const { prepareDatabase } = await import("~/server/startup.server");
const { buildEncounterCalendar } = await import("~/features/agenda/calendar.server");
const { makeBogotaDay } = await import("../factories");
try {
  const db = getDb();
  await prepareDatabase(db);
  const { encounter } = await makeBogotaDay(db, { slug: "bogota-2024" });
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
