import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { pngImage } from "../helpers/images";
import { withBenchDatabase } from "./database";
import type { BenchResult } from "./run";

// Issue 18, section 4: an encounter's 500 certificates in one ZIP, each with two institutions'
// logos, three signatories (two with a signature image) and a name in Vietnamese, streamed
// to the end as the organizers' download reads it. Goals: at least 50 certificates a second,
// and the process's memory (RSS, sampled while it streams) growing by at most 50 MB.
// `npm run bench certificates`.

const people = 500;
const goalPerSecond = 50;
const goalMemoryMb = 50;

export async function benchCertificates(): Promise<BenchResult> {
  return withBenchDatabase("certificates", async (db) => {
    const { issueEncounterCertificates } = await import("~/features/certificates/commands/issue.server");
    const { addCertificateLogo, saveCertificateSignatory, saveCertificateText } = await import("~/features/certificates/commands/design.server");
    const { encounterCertificatesZip } = await import("~/features/certificates/design.server");
    const { ensureDirFor, filePathForKey, newFileKey } = await import("~/server/storage.server");
    const at = "2030-03-01T15:00:00.000Z";
    const city = await db.selectFrom("cities").select("id").where("dane", "=", "11001").executeTakeFirstOrThrow();
    const encounter = await db
      .insertInto("encounters")
      .values({
        slug: "bench-certificados",
        title: "Encuentro de Ciudades Capitales: movilidad humana, trata de personas y tráfico de migrantes",
        venue: "Centro de convenciones Ágora",
        starts_at: "2030-04-01T13:00:00.000Z",
        ends_at: "2030-04-01T18:30:00.000Z",
        capacity: people,
        city_quota: people,
        status: "published",
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const organizer = await db
      .insertInto("organizers")
      .values({ email: "bench@convoca.test", name: "Bench", role: "admin", password_hash: "x" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const actor = { organizerId: organizer.id, encounterId: encounter.id };
    const stored = (bytes: Uint8Array, width: number, height: number) => {
      const key = newFileKey();
      ensureDirFor(filePathForKey(key));
      fs.writeFileSync(filePathForKey(key), bytes);
      return { key, type: "image/png" as const, width, height, size: bytes.byteLength };
    };
    await addCertificateLogo(db, actor, { institution: "Asocapitales", image: stored(pngImage(600, 200), 600, 200) });
    await addCertificateLogo(db, actor, { institution: "OIM", image: stored(pngImage(480, 160), 480, 160) });
    await saveCertificateText(db, actor, {
      textEs: "En el marco del programa de prevención de la trata de personas y el tráfico de migrantes.",
      textEn: "",
      showHours: true,
    });
    for (const [i, name] of ["Luz Marina Ospina", "Jean-Philippe Antolin", "Carlos Andrés Pérez"].entries()) {
      await saveCertificateSignatory(db, actor, {
        id: null,
        name,
        title: "Dirección ejecutiva",
        image: i < 2 ? stored(pngImage(300, 90), 300, 90) : null,
        removeSignature: false,
      });
    }
    const names = ["Nguyễn Thị Minh Khai", "Trần Văn Đức", "María José Núñez", "Олена Шевченко", "Lê Hoàng Phương"];
    for (let i = 0; i < people; i += 250) {
      const rows = await db
        .insertInto("participants")
        .values(
          Array.from({ length: 250 }, (_, j) => ({
            email: `persona${i + j}@bench.example.org`,
            full_name: `${names[(i + j) % names.length]} ${i + j}`,
            city_id: city.id,
            entity: "Secretaría de Gobierno",
            position: "Profesional",
            locale: (i + j) % 4 === 0 ? ("en" as const) : ("es" as const),
            updated_at: at,
          })),
        )
        .returning(["id", "locale"])
        .execute();
      await db
        .insertInto("registrations")
        .values(
          rows.map((p) => ({
            encounter_id: encounter.id,
            participant_id: p.id,
            status: "confirmed" as const,
            consent_at: at,
            manage_token_hash: randomBytes(16).toString("hex"),
            locale: p.locale,
            checked_in_at: "2030-04-01T13:05:00.000Z",
            updated_at: at,
          })),
        )
        .execute();
    }

    const appUrl = "https://convoca.example.org";
    // As in a running server, the fonts are loaded by the certificates made before (here one
    // preview): the growth measured is the ZIP's own.
    const { certificatePdf } = await import("~/features/certificates/pdf.server");
    const [sample] = await issueEncounterCertificates(db, encounter.id);
    await certificatePdf(sample, { appUrl, preview: true });
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const attendees = await issueEncounterCertificates(db, encounter.id);
    const stream = await encounterCertificatesZip(db, encounter.id, attendees, appUrl);
    let bytes = 0;
    let files = 0;
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      // A local file header each: "PK\x03\x04" at the start of a chunk fflate hands out.
      if (value[0] === 0x50 && value[1] === 0x4b && value[2] === 0x03 && value[3] === 0x04) files++;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const perSecond = Math.round(attendees.length / seconds);
    const growthMb = Math.round((peak - baseline) / 1024 / 1024);
    if (files !== people) throw new Error(`El ZIP tiene ${files} certificados, no ${people}`);
    return {
      name: `${people} certificados en el ZIP (logos, 3 firmantes, nombres en vietnamita)`,
      value: perSecond,
      unit: "certificados/s",
      goal: { min: goalPerSecond },
      details: `${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s de CPU: ${Math.round(people / cpuSeconds)}/s por núcleo libre), ${(bytes / 1024 / 1024).toFixed(1)} MB; memoria del servidor +${growthMb} MB (meta ≤ ${goalMemoryMb} MB: ${growthMb <= goalMemoryMb ? "cumple" : "NO cumple"})`,
    };
  });
}
