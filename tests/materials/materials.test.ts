import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import * as adminEncounterMaterials from "~/routes/admin.encuentros.$slug.materiales";
import * as adminMaterial from "~/routes/admin.materiales.$id/route";
import * as adminMaterials from "~/routes/admin.materiales._index";
import * as signedLink from "~/routes/d.$token";
import * as materialsPage from "~/routes/encuentros.$slug.materiales";
import * as download from "~/routes/materiales.$id.descargar";
import { materialLink } from "~/features/materials/commands/mail.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { contentDisposition, parseRange, sendFile } from "~/server/file-response.server";
import { signMaterialLink, verifyMaterialLink } from "~/server/signed-links.server";
import { filePathForKey } from "~/server/storage.server";
import { dane, makeDownload, makeEncounter, makeMaterial, makeParticipant, makeRegistration, makeSignedInOrganizer } from "../factories";
import { ensureParticipant, formRequest, getRequest, participantCookie } from "../helpers/auth";
import { filesUnder, multipartRequest, pdfBytes, sha256Hex, type MultipartPart } from "../helpers/multipart";
import { flashOf } from "../helpers/flash";
import { call } from "../helpers/route";

const db = () => getDb();
let orgCookie: string;
let bogotaId: number;
let seguimientoId: number;

async function register(participantId: number, encounterId: number, status: "confirmed" | "waitlisted" | "cancelled", checkedIn = false) {
  await makeRegistration(db(), {
    encounter_id: encounterId,
    participant_id: participantId,
    status,
    checked_in_at: checkedIn ? new Date().toISOString() : null,
  });
}

async function person(
  email: string,
  encounterId: number | null,
  status: "confirmed" | "waitlisted" | "cancelled" = "confirmed",
  checkedIn = false,
  city = "11001",
) {
  const id = await ensureParticipant(email, city);
  if (encounterId !== null) await register(id, encounterId, status, checkedIn);
  return { id, cookie: await participantCookie(id) };
}

function uploadFields(fields: Record<string, string>, file: { name: string; content: Buffer } | null): MultipartPart[] {
  const parts: MultipartPart[] = Object.entries(fields).map(([name, value]) => ({ name, value }));
  if (file) parts.push({ name: "file", filename: file.name, content: file.content, contentType: "application/pdf" });
  return parts;
}

/** Uploads through the organizer's page for an encounter; returns the new material id. */
async function uploadMaterial(slug: string, fields: Record<string, string>, file: { name: string; content: Buffer }): Promise<number> {
  const request = multipartRequest(`/admin/encuentros/${slug}/materiales`, uploadFields({ language: "es", ...fields }, file), { cookie: orgCookie });
  const r = await call(() => adminEncounterMaterials.action({ request, params: { slug }, context: {} }));
  expect(r.status, JSON.stringify(r.data)).toBe(302);
  const location = r.headers.get("Location") ?? "";
  const match = /^\/admin\/materiales\/(\d+)$/.exec(location);
  expect(match, location).not.toBeNull();
  expect(await flashOf(r)).toMatch(/^El material quedó publicado\./);
  return Number(match![1]);
}

const downloadOf = (id: number, cookie?: string, headers: Record<string, string> = {}, query = "") =>
  call(() => download.loader({ request: getRequest(`/materiales/${id}/descargar${query}`, cookie, headers), params: { id: String(id) }, context: {} }));

async function downloadsCount(materialId: number) {
  const row = await db()
    .selectFrom("downloads")
    .innerJoin("material_versions", "material_versions.id", "downloads.material_version_id")
    .where("material_versions.material_id", "=", materialId)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// A signed-in admin; a past encounter with its public guide, for which three people of Bogotá
// registered (two took the guide) and two of Riohacha and one of Cali did (none took it); and
// an encounter to come.
beforeAll(async () => {
  const organizer = await makeSignedInOrganizer(db(), { role: "admin" });
  orgCookie = organizer.cookie;
  bogotaId = (await makeEncounter(db(), { slug: "bogota-2024", starts_at: "2024-02-29T13:00:00.000Z", capacity: 120, city_quota: 5 })).id;
  seguimientoId = (await makeEncounter(db(), { slug: "seguimiento" })).id;
  const guide = await makeMaterial(db(), {
    encounter_id: bogotaId,
    title: "Guía para la elaboración de PDT y PISCC",
    language: "es",
    created_by: organizer.id,
  });
  const people = [dane.bogota, dane.bogota, dane.bogota, dane.riohacha, dane.riohacha, dane.cali];
  for (const [i, cityDane] of people.entries()) {
    const participant = await makeParticipant(db(), { cityDane });
    await makeRegistration(db(), { encounter_id: bogotaId, participant_id: participant.id });
    if (i < 2) await makeDownload(db(), { material_version_id: guide.version.id, participant_id: participant.id });
  }
});

describe("organizer upload", () => {
  it("publishes a material with its first version: size, SHA-256, random key outside public/", async () => {
    const content = pdfBytes("Guía año 2024", 3000);
    const id = await uploadMaterial(
      "bogota-2024",
      { title: "Presentación del panel", visibility: "registered", description: "Diapositivas" },
      { name: "Presentación año.pdf", content },
    );
    const version = await db().selectFrom("material_versions").selectAll().where("material_id", "=", id).executeTakeFirstOrThrow();
    expect(version).toMatchObject({
      version: 1,
      original_name: "Presentación año.pdf",
      content_type: "application/pdf",
      size: content.length,
      sha256: sha256Hex(content),
    });
    const stored = filePathForKey(version.file_key);
    expect(fs.readFileSync(stored).equals(content)).toBe(true);
    expect(stored).not.toContain("public");
    expect(version.file_key).not.toContain("Presentaci");
    const audit = await db().selectFrom("audit_log").selectAll().where("action", "=", "material.create").where("entity_id", "=", String(id)).executeTakeFirst();
    expect(audit?.actor).toMatch(/^organizer:/);
  });

  it("refuses bad files and bad fields with a 400 and a clear reason, leaving no row and no file", async () => {
    const before = { rows: await db().selectFrom("materials").select("id").execute(), files: filesUnder(getEnv().uploadsDir).length };
    const attempt = async (fields: Record<string, string>, file: { name: string; content: Buffer } | null) => {
      const request = multipartRequest("/admin/materiales", uploadFields({ language: "es", visibility: "public", ...fields }, file), { cookie: orgCookie });
      return call(() => adminMaterials.action({ request, params: {}, context: {} }));
    };
    const html = Buffer.from("<html><script>alert(1)</script></html>");
    const wrong = await attempt({ title: "Falsa" }, { name: "guia.pdf", content: html });
    expect(wrong.status).toBe(400);
    expect(wrong.data.uploadError).toBe("type");
    expect(wrong.data.initialValue.title).toBe("Falsa");
    expect((await attempt({ title: "Traversal" }, { name: "../../../etc/passwd.pdf", content: pdfBytes() })).data.uploadError).toBe("name");
    expect((await attempt({ title: "NUL" }, { name: "a\u0000.pdf", content: pdfBytes() })).data.uploadError).toBe("name");
    expect((await attempt({ title: "Larga" }, { name: `${"x".repeat(500)}.pdf`, content: pdfBytes() })).data.uploadError).toBe("name");
    expect((await attempt({ title: "Vacío" }, { name: "vacio.pdf", content: Buffer.alloc(0) })).data.uploadError).toBe("empty");
    expect((await attempt({ title: "Sin archivo" }, null)).data.uploadError).toBe("missing");
    // A good file with a bad field is refused too, and the file is not kept.
    const noTitle = await attempt({ title: "" }, { name: "ok.pdf", content: pdfBytes() });
    expect(noTitle.status).toBe(400);
    expect(noTitle.data.error.title).toEqual(["required"]);
    const badVisibility = await attempt({ title: "X", visibility: "everyone" }, { name: "ok.pdf", content: pdfBytes() });
    expect(badVisibility.data.error.visibility).toEqual(["invalid"]);
    const badEncounter = await attempt({ title: "X", encounterId: "999999" }, { name: "ok.pdf", content: pdfBytes() });
    expect(badEncounter.data.error.encounterId).toEqual(["invalid"]);
    // Not multipart at all.
    const urlencoded = await call(() =>
      adminMaterials.action({ request: formRequest("/admin/materiales", { title: "x" }, { cookie: orgCookie }), params: {}, context: {} }),
    );
    expect(urlencoded.status).toBe(400);
    expect(urlencoded.data.uploadError).toBe("notMultipart");

    expect(await db().selectFrom("materials").select("id").execute()).toEqual(before.rows);
    expect(filesUnder(getEnv().uploadsDir).length).toBe(before.files);
  });

  it("refuses a file over the limit while it streams", async () => {
    process.env.MAX_UPLOAD_MB = "0.05"; // 51 KiB
    try {
      const big = Buffer.concat([pdfBytes("grande", 1000), Buffer.alloc(200 * 1024, 0x20)]);
      const request = multipartRequest(
        "/admin/materiales",
        uploadFields({ title: "Grande", language: "es", visibility: "public" }, { name: "grande.pdf", content: big }),
        {
          cookie: orgCookie,
          chunkSize: 8192,
        },
      );
      const r = await call(() => adminMaterials.action({ request, params: {}, context: {} }));
      expect(r.status).toBe(400);
      expect(r.data.uploadError).toBe("tooLarge");
      expect(filesUnder(getEnv().uploadsDir).filter((f) => f.file.endsWith(".part"))).toEqual([]);
    } finally {
      delete process.env.MAX_UPLOAD_MB;
    }
  });

  it("lets only organizers upload or see the organizer pages", async () => {
    const visitor = await person("curioso@alcaldia.gov.co", bogotaId);
    for (const cookie of [undefined, visitor.cookie]) {
      const request = multipartRequest(
        "/admin/materiales",
        uploadFields({ title: "X", language: "es", visibility: "public" }, { name: "a.pdf", content: pdfBytes() }),
        { cookie },
      );
      const r = await call(() => adminMaterials.action({ request, params: {}, context: {} }));
      expect(r.status).toBe(302);
      expect(r.headers.get("Location")).toMatch(/^\/ingresar\?redirectTo=/);
      const page = await call(() => adminMaterial.loader({ request: getRequest("/admin/materiales/1", cookie), params: { id: "1" }, context: {} }));
      expect(page.status).toBe(302);
    }
  });
});

describe("access by visibility", () => {
  let registeredOnly: number;
  let attendeesOnly: number;
  const content = pdfBytes("Solo inscritos", 2000);

  beforeAll(async () => {
    registeredOnly = await uploadMaterial("bogota-2024", { title: "Guía para inscritos", visibility: "registered" }, { name: "Guía inscritos.pdf", content });
    attendeesOnly = await uploadMaterial(
      "bogota-2024",
      { title: "Memorias para asistentes", visibility: "attendees" },
      { name: "Memorias.pdf", content: pdfBytes("Memorias", 1500) },
    );
  });

  it("anonymous: public yes, restricted no (sent to sign in), unknown ids 404", async () => {
    const guide = await db().selectFrom("materials").select("id").where("title", "=", "Guía para la elaboración de PDT y PISCC").executeTakeFirstOrThrow();
    const pub = await downloadOf(guide.id);
    expect(pub.status).toBe(200);
    expect(pub.headers.get("Content-Type")).toBe("application/pdf");
    const restricted = await downloadOf(registeredOnly);
    expect(restricted.status).toBe(302);
    expect(restricted.headers.get("Location")).toBe(`/ingresar/enlace?redirectTo=${encodeURIComponent("/encuentros/bogota-2024/materiales")}`);
    for (const id of ["999999", "abc", "1;drop table materials", "-1", "1e3"]) {
      const r = await call(() => download.loader({ request: getRequest(`/materiales/${id}/descargar`), params: { id }, context: {} }));
      expect(r.status, id).toBe(404);
    }
  });

  it("registered people (confirmed or waitlisted) get it; cancelled and other encounters' people do not", async () => {
    const confirmed = await person("confirmada@alcaldia.gov.co", bogotaId, "confirmed");
    const waitlisted = await person("espera@alcaldia.gov.co", bogotaId, "waitlisted");
    const cancelled = await person("cancelada@alcaldia.gov.co", bogotaId, "cancelled");
    const otherEncounter = await person("otra@alcaldia.gov.co", seguimientoId, "confirmed");
    const nobody = await person("nadie@alcaldia.gov.co", null);
    const ok = await downloadOf(registeredOnly, confirmed.cookie);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.response!.arrayBuffer()).equals(content)).toBe(true);
    expect((await downloadOf(registeredOnly, waitlisted.cookie)).status).toBe(200);
    for (const who of [cancelled, otherEncounter, nobody]) {
      const r = await downloadOf(registeredOnly, who.cookie);
      expect(r.status).toBe(403);
      expect(r.headers.get("Content-Disposition")).toBeNull();
    }
    // An organizer may always.
    expect((await downloadOf(registeredOnly, orgCookie)).status).toBe(200);
  });

  it("attendee material needs a check-in", async () => {
    const registered = await person("inscrita-sin-llegar@alcaldia.gov.co", bogotaId, "confirmed", false);
    const attended = await person("llego@alcaldia.gov.co", bogotaId, "confirmed", true);
    expect((await downloadOf(attendeesOnly, registered.cookie)).status).toBe(403);
    expect((await downloadOf(attendeesOnly, attended.cookie)).status).toBe(200);
    expect((await downloadOf(attendeesOnly)).status).toBe(302);
  });

  it("hides the materials of a draft encounter from everyone but organizers", async () => {
    const draftMaterial = await uploadMaterial("seguimiento", { title: "Borrador", visibility: "public" }, { name: "b.pdf", content: pdfBytes() });
    await db().updateTable("encounters").set({ status: "draft" }).where("id", "=", seguimientoId).execute();
    try {
      expect((await downloadOf(draftMaterial)).status).toBe(404);
      expect((await downloadOf(draftMaterial, orgCookie)).status).toBe(200);
    } finally {
      await db().updateTable("encounters").set({ status: "published" }).where("id", "=", seguimientoId).execute();
    }
  });

  it("lists everything on the public page, saying what needs sign-in or registration", async () => {
    const load = (cookie?: string) =>
      call(() => materialsPage.loader({ request: getRequest("/encuentros/bogota-2024/materiales", cookie), params: { slug: "bogota-2024" }, context: {} }));
    const anon = await load();
    const byTitle = (r: Awaited<ReturnType<typeof load>>, title: string) => r.data.materials.find((m: { title: string }) => m.title === title);
    expect(byTitle(anon, "Guía para la elaboración de PDT y PISCC").access).toBe("allowed");
    expect(byTitle(anon, "Guía para inscritos")).toMatchObject({ access: "signIn", type: "PDF", size: content.length, language: "es" });
    expect(byTitle(anon, "Memorias para asistentes").access).toBe("signIn");
    expect(anon.data.signInUrl).toBe(`/ingresar/enlace?redirectTo=${encodeURIComponent("/encuentros/bogota-2024/materiales")}`);
    const other = await person("visitante-otro@alcaldia.gov.co", seguimientoId);
    expect(byTitle(await load(other.cookie), "Guía para inscritos").access).toBe("register");
    const confirmed = await person("pagina@alcaldia.gov.co", bogotaId);
    const mine = await load(confirmed.cookie);
    expect(byTitle(mine, "Guía para inscritos").access).toBe("allowed");
    expect(byTitle(mine, "Memorias para asistentes").access).toBe("attend");
    const missing = await call(() => materialsPage.loader({ request: getRequest("/encuentros/nada/materiales"), params: { slug: "nada" }, context: {} }));
    expect(missing.status).toBe(404);
  });
});

describe("download responses", () => {
  let id: number;
  const content = Buffer.concat([pdfBytes("Rangos", 1000), Buffer.from(Array.from({ length: 4000 }, (_, i) => i % 251))]);

  beforeAll(async () => {
    id = await uploadMaterial("bogota-2024", { title: "Guía con tildes", visibility: "public" }, { name: "Guía PDT y PISCC — año 2024.pdf", content });
  });

  it("sends attachment with the original name (RFC 5987), nosniff, length and a strong ETag", async () => {
    const r = await downloadOf(id);
    expect(r.status).toBe(200);
    expect(r.headers.get("Content-Disposition")).toBe(
      `attachment; filename="Guia PDT y PISCC _ ano 2024.pdf"; filename*=UTF-8''Gu%C3%ADa%20PDT%20y%20PISCC%20%E2%80%94%20a%C3%B1o%202024.pdf`,
    );
    expect(r.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(r.headers.get("Content-Length")).toBe(String(content.length));
    expect(r.headers.get("Accept-Ranges")).toBe("bytes");
    expect(r.headers.get("ETag")).toBe(`"${sha256Hex(content)}"`);
    expect(r.headers.get("Cache-Control")).toContain("no-transform");
    expect(Buffer.from(await r.response!.arrayBuffer()).equals(content)).toBe(true);
    expect(contentDisposition('a"b\\c;d.pdf')).toBe(`attachment; filename="a_b_c_d.pdf"; filename*=UTF-8''a%22b%5Cc%3Bd.pdf`);
  });

  it("answers ranges with 206 and Content-Range, and refuses impossible ones with 416", async () => {
    const size = content.length;
    const first = await downloadOf(id, undefined, { Range: "bytes=0-9" });
    expect(first.status).toBe(206);
    expect(first.headers.get("Content-Range")).toBe(`bytes 0-9/${size}`);
    expect(first.headers.get("Content-Length")).toBe("10");
    expect(Buffer.from(await first.response!.arrayBuffer()).equals(content.subarray(0, 10))).toBe(true);
    const middle = await downloadOf(id, undefined, { Range: "bytes=1000-" });
    expect(middle.headers.get("Content-Range")).toBe(`bytes 1000-${size - 1}/${size}`);
    expect(Buffer.from(await middle.response!.arrayBuffer()).equals(content.subarray(1000))).toBe(true);
    const suffix = await downloadOf(id, undefined, { Range: "bytes=-100" });
    expect(Buffer.from(await suffix.response!.arrayBuffer()).equals(content.subarray(size - 100))).toBe(true);
    const beyond = await downloadOf(id, undefined, { Range: `bytes=${size}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("Content-Range")).toBe(`bytes */${size}`);
    // Several ranges or garbage: the whole file.
    expect((await downloadOf(id, undefined, { Range: "bytes=0-1,5-6" })).status).toBe(200);
    expect((await downloadOf(id, undefined, { Range: "lines=1-2" })).status).toBe(200);
    // A resume of another version (If-Range does not match) gets the whole current file.
    expect((await downloadOf(id, undefined, { Range: "bytes=0-9", "If-Range": '"otro"' })).status).toBe(200);
    expect((await downloadOf(id, undefined, { Range: "bytes=0-9", "If-Range": `"${sha256Hex(content)}"` })).status).toBe(206);
    expect(parseRange("bytes=5-2", 10)).toBeNull();
    expect(parseRange("bytes=-0", 10)).toBe("unsatisfiable");
  });

  it("answers 304 to a matching If-None-Match, and HEAD without a body", async () => {
    const etag = `"${sha256Hex(content)}"`;
    const cached = await downloadOf(id, undefined, { "If-None-Match": `W/"x", ${etag}` });
    expect(cached.status).toBe(304);
    expect(cached.headers.get("ETag")).toBe(etag);
    expect(cached.data).toBe("");
    const head = await call(() =>
      download.loader({ request: new Request(`http://localhost/materiales/${id}/descargar`, { method: "HEAD" }), params: { id: String(id) }, context: {} }),
    );
    expect(head.status).toBe(200);
    expect(head.headers.get("Content-Length")).toBe(String(content.length));
  });

  it("records a receipt for each download from the first byte, not for resumes, 304, HEAD or bots", async () => {
    const reader = await person("recibos@alcaldia.gov.co", bogotaId, "confirmed", false, "05001");
    const before = await downloadsCount(id);
    await downloadOf(id, reader.cookie);
    await downloadOf(id, reader.cookie, { Range: "bytes=0-99" });
    await downloadOf(id, reader.cookie, { Range: "bytes=100-" });
    await downloadOf(id, reader.cookie, { "If-None-Match": `"${sha256Hex(content)}"` });
    await downloadOf(id, undefined, { "User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" });
    expect(await downloadsCount(id)).toBe(before + 2);
    const last = await db().selectFrom("downloads").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(last).toMatchObject({ participant_id: reader.id, organizer_id: null, via: "page" });
  });

  it("reads the file from disk only as fast as the client takes it", async () => {
    const file = `${getEnv().uploadsDir}/lazy-test.bin`;
    fs.mkdirSync(getEnv().uploadsDir, { recursive: true });
    fs.writeFileSync(file, Buffer.alloc(8 * 1024 * 1024, 7));
    let pulls = 0;
    const { response } = await sendFile(
      getRequest("/x"),
      { path: file, size: 8 * 1024 * 1024, contentType: "application/pdf", downloadName: "x.pdf", sha256: "0".repeat(64) },
      { waitForDrain: async () => void pulls++ },
    );
    const reader = response.body!.getReader();
    await reader.read();
    await new Promise((r) => setTimeout(r, 50));
    // One chunk asked for, one chunk read: nothing is read ahead into memory.
    expect(pulls).toBeLessThanOrEqual(2);
    let total = (await reader.read()).value!.byteLength;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
    }
    expect(pulls).toBeGreaterThan(16);
    expect(total).toBeGreaterThan(7 * 1024 * 1024);
    fs.rmSync(file);
  });

  it("says 404, not 500, when the file went missing from disk", async () => {
    const lost = await uploadMaterial("bogota-2024", { title: "Perdido", visibility: "public" }, { name: "p.pdf", content: pdfBytes() });
    const v = await db().selectFrom("material_versions").select("file_key").where("material_id", "=", lost).executeTakeFirstOrThrow();
    fs.rmSync(filePathForKey(v.file_key));
    expect((await downloadOf(lost)).status).toBe(404);
  });
});

describe("signed links in mail", () => {
  let id: number;
  let otherId: number;
  const content = pdfBytes("Enlace", 1200);

  beforeAll(async () => {
    id = await uploadMaterial("bogota-2024", { title: "Material por enlace", visibility: "registered" }, { name: "Enlace.pdf", content });
    otherId = await uploadMaterial("bogota-2024", { title: "Otro material", visibility: "registered" }, { name: "Otro.pdf", content: pdfBytes("Otro") });
  });

  const open = (token: string, headers: Record<string, string> = {}) =>
    call(() => signedLink.loader({ request: getRequest(`/d/${token}`, undefined, headers), params: { token }, context: {} }));

  it("takes the person straight to the file, without a session, and leaves a receipt via the link", async () => {
    const reader = await person("enlace@alcaldia.gov.co", bogotaId, "confirmed", false, "76001");
    const { url } = materialLink("http://localhost", reader.id, id);
    const token = url.split("/d/")[1];
    const r = await open(token);
    expect(r.status).toBe(200);
    expect(Buffer.from(await r.response!.arrayBuffer()).equals(content)).toBe(true);
    const last = await db().selectFrom("downloads").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(last).toMatchObject({ participant_id: reader.id, via: "link" });
  });

  it("is bound to its person and material: altered or re-targeted tokens are refused", async () => {
    const reader = await person("atado@alcaldia.gov.co", bogotaId);
    const token = signMaterialLink({ participantId: reader.id, materialId: id });
    const [payload, signature] = token.split(".");
    const flipped = signature.slice(0, -2) + (signature.endsWith("AA") ? "BB" : "AA");
    expect((await open(`${payload}.${flipped}`)).status).toBe(403);
    // The same signature on a payload naming another material or another person.
    const exp = Buffer.from(payload, "base64url").toString().split(".")[2];
    for (const forged of [`${reader.id}.${otherId}.${exp}`, `${reader.id + 1}.${id}.${exp}`]) {
      expect((await open(`${Buffer.from(forged).toString("base64url")}.${signature}`)).status).toBe(403);
    }
    // Signed with another secret.
    expect((await open(signMaterialLink({ participantId: reader.id, materialId: id }, "otro-secreto"))).status).toBe(403);
    for (const junk of ["x", "a.b", "../../etc/passwd", "%00", "A".repeat(300)]) expect((await open(junk)).status).toBe(403);
  });

  it("expires, and stops working when the registration is cancelled", async () => {
    const reader = await person("vencido@alcaldia.gov.co", bogotaId);
    const expired = signMaterialLink({ participantId: reader.id, materialId: id, expiresAt: new Date(Date.now() - 1000) });
    expect(verifyMaterialLink(expired)).toMatchObject({ ok: false, reason: "expired" });
    const r = await open(expired);
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe("/encuentros/bogota-2024/materiales?enlace=vencido");
    const valid = signMaterialLink({ participantId: reader.id, materialId: id });
    await db().updateTable("registrations").set({ status: "cancelled" }).where("participant_id", "=", reader.id).execute();
    const cancelled = await open(valid);
    expect(cancelled.status).toBe(302);
    expect(cancelled.headers.get("Location")).toBe("/encuentros/bogota-2024/materiales?enlace=sin-acceso");
  });

  it("does not count a mail scanner that opens the link", async () => {
    const reader = await person("escaner@alcaldia.gov.co", bogotaId);
    const before = await downloadsCount(id);
    const r = await open(signMaterialLink({ participantId: reader.id, materialId: id }), {
      "User-Agent": "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    });
    expect(r.status).toBe(200);
    expect(await downloadsCount(id)).toBe(before);
  });
});

describe("versions", () => {
  it("keeps the history, serves the current one, and restores an older one", async () => {
    const v1 = pdfBytes("primera", 900);
    const v2 = pdfBytes("segunda", 1100);
    const id = await uploadMaterial("bogota-2024", { title: "Con versiones", visibility: "public" }, { name: "Plan v1.pdf", content: v1 });
    const newVersion = multipartRequest(`/admin/materiales/${id}`, [{ name: "file", filename: "Plan v2.pdf", content: v2 }], { cookie: orgCookie });
    const added = await call(() => adminMaterial.action({ request: newVersion, params: { id: String(id) }, context: {} }));
    expect(added.status).toBe(302);
    expect(added.headers.get("Location")).toBe(`/admin/materiales/${id}`);
    // Version 2, and no mail queued (nobody was to be told).
    expect(await flashOf(added)).toBe("La versión 2 quedó publicada.");
    const body = async (r: Awaited<ReturnType<typeof downloadOf>>) => Buffer.from(await r.response!.arrayBuffer());
    expect((await body(await downloadOf(id))).equals(v2)).toBe(true);

    const page = await call(() => adminMaterial.loader({ request: getRequest(`/admin/materiales/${id}`, orgCookie), params: { id: String(id) }, context: {} }));
    expect(page.data.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const first = page.data.versions[1];

    const restore = await call(() =>
      adminMaterial.action({
        request: formRequest(`/admin/materiales/${id}`, { intent: "restore", versionId: String(first.id) }, { cookie: orgCookie }),
        params: { id: String(id) },
        context: {},
      }),
    );
    expect(restore.headers.get("Location")).toBe(`/admin/materiales/${id}`);
    expect(await flashOf(restore)).toBe("La versión 1 vuelve a ser la actual.");
    const current = await downloadOf(id);
    expect((await body(current)).equals(v1)).toBe(true);
    expect(current.headers.get("Content-Disposition")).toContain('filename="Plan v1.pdf"');
    // Organizers can still fetch the newer one by number; for anyone else ?v= changes nothing.
    expect((await body(await downloadOf(id, orgCookie, {}, "?v=2"))).equals(v2)).toBe(true);
    expect((await body(await downloadOf(id, undefined, {}, "?v=2"))).equals(v1)).toBe(true);
    expect((await downloadOf(id, orgCookie, {}, "?v=9")).status).toBe(404);

    // A version id of another material cannot be restored here.
    const foreign = await db().selectFrom("material_versions").select("id").where("material_id", "!=", id).executeTakeFirstOrThrow();
    const refused = await call(() =>
      adminMaterial.action({
        request: formRequest(`/admin/materiales/${id}`, { intent: "restore", versionId: String(foreign.id) }, { cookie: orgCookie }),
        params: { id: String(id) },
        context: {},
      }),
    );
    expect(refused.status).toBe(400);
    const bad = multipartRequest(`/admin/materiales/${id}`, [{ name: "file", filename: "v3.pdf", content: Buffer.from("<svg onload=alert(1)>") }], {
      cookie: orgCookie,
    });
    const badVersion = await call(() => adminMaterial.action({ request: bad, params: { id: String(id) }, context: {} }));
    expect(badVersion.status).toBe(400);
    expect(badVersion.data.uploadError).toBe("type");
    expect(await db().selectFrom("material_versions").select("id").where("material_id", "=", id).execute()).toHaveLength(2);
  });
});

describe("receipts, reminders and notices", () => {
  it("shows downloads by city, the registered cities that have not downloaded, and reminds them through the outbox", async () => {
    const guide = await db().selectFrom("materials").select("id").where("title", "=", "Guía para la elaboración de PDT y PISCC").executeTakeFirstOrThrow();
    const load = () =>
      call(() => adminMaterial.loader({ request: getRequest(`/admin/materiales/${guide.id}`, orgCookie), params: { id: String(guide.id) }, context: {} }));
    const page = await load();
    expect(page.status).toBe(200);
    const byName = (name: string) => page.data.receipts.find((r: { name: string }) => r.name === name);
    // Bogotá downloaded it; Riohacha (44001) registered people and did not.
    expect(byName("Bogotá D.C.").downloaders).toBeGreaterThan(0);
    const pendingNames = page.data.pending.map((r: { name: string }) => r.name);
    expect(pendingNames).toContain("Riohacha");
    expect(pendingNames).not.toContain("Bogotá D.C.");
    expect(page.data.downloads.length).toBeGreaterThan(0);

    const riohacha = page.data.pending.find((r: { name: string }) => r.name === "Riohacha");
    const remind = (fields: Record<string, string>) =>
      call(() =>
        adminMaterial.action({
          request: formRequest(`/admin/materiales/${guide.id}`, { intent: "remind", ...fields }, { cookie: orgCookie }),
          params: { id: String(guide.id) },
          context: {},
        }),
      );
    // The flash says how many reminders went to the queue: "3 recordatorios en cola para 3 personas…".
    const reminded = async (r: Awaited<ReturnType<typeof remind>>) => {
      expect(r.headers.get("Location")).toBe(`/admin/materiales/${guide.id}`);
      const count = /^(\d+) recordatorios? en cola para \d+ personas? /.exec((await flashOf(r)) ?? "");
      expect(count, "the reminders' flash").not.toBeNull();
      return Number(count![1]);
    };
    const one = await remind({ cityId: String(riohacha.cityId) });
    expect(one.status).toBe(302);
    const sent = await reminded(one);
    expect(sent).toBe(riohacha.audience);
    const mails = await db().selectFrom("email_outbox").selectAll().where("template", "=", "materials-reminder").execute();
    expect(mails).toHaveLength(sent);
    const data = JSON.parse(mails[0].data);
    expect(data.url).toMatch(/\/d\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(data.material.title).toBe("Guía para la elaboración de PDT y PISCC");
    // The link in the mail works for that person.
    const token = data.url.split("/d/")[1];
    expect((await call(() => signedLink.loader({ request: getRequest(`/d/${token}`), params: { token }, context: {} }))).status).toBe(200);
    // A second click the same day sends nothing more.
    const again = await remind({ cityId: String(riohacha.cityId) });
    expect(await reminded(again)).toBe(0);
    // "All pending cities".
    const all = await remind({});
    expect(await reminded(all)).toBeGreaterThan(0);
    expect((await remind({ cityId: "x; drop" })).status).toBe(400);
  });

  it("tells registered people about a new material when asked, once per version", async () => {
    const before = await db().selectFrom("email_outbox").select("id").where("template", "=", "materials-available").execute();
    const id = await uploadMaterial("bogota-2024", { title: "Aviso", visibility: "registered", notify: "on" }, { name: "aviso.pdf", content: pdfBytes() });
    const after = await db().selectFrom("email_outbox").selectAll().where("template", "=", "materials-available").execute();
    const audience = await db().selectFrom("registrations").select("id").where("encounter_id", "=", bogotaId).where("status", "!=", "cancelled").execute();
    expect(after.length - before.length).toBe(audience.length);
    expect(after.at(-1)!.idempotency_key).toMatch(new RegExp(`^material:${id}:v1:p\\d+$`));
  });

  it("edits and deletes a material, removing its files", async () => {
    const id = await uploadMaterial("bogota-2024", { title: "Para borrar", visibility: "public" }, { name: "borrar.pdf", content: pdfBytes() });
    const act = (fields: Record<string, string>) =>
      call(() =>
        adminMaterial.action({ request: formRequest(`/admin/materiales/${id}`, fields, { cookie: orgCookie }), params: { id: String(id) }, context: {} }),
      );
    const bad = await act({ intent: "update", title: "", language: "es", visibility: "public" });
    expect(bad.status).toBe(400);
    expect(bad.data.error.title).toEqual(["required"]);
    expect((await act({ intent: "update", title: "Renombrado", description: "", language: "en", visibility: "attendees" })).status).toBe(302);
    expect(await db().selectFrom("materials").select(["title", "language", "visibility"]).where("id", "=", id).executeTakeFirst()).toEqual({
      title: "Renombrado",
      language: "en",
      visibility: "attendees",
    });
    expect((await act({ intent: "delete" })).status).toBe(400);
    const key = (await db().selectFrom("material_versions").select("file_key").where("material_id", "=", id).executeTakeFirstOrThrow()).file_key;
    const deleted = await act({ intent: "delete", confirm: "on" });
    expect(deleted.headers.get("Location")).toBe("/admin/materiales");
    expect(await flashOf(deleted)).toBe("El material se eliminó.");
    expect(fs.existsSync(filePathForKey(key))).toBe(false);
    expect(await db().selectFrom("materials").select("id").where("id", "=", id).executeTakeFirst()).toBeUndefined();
    expect((await act({ intent: "unknown" })).status).toBe(404);
  });
});
