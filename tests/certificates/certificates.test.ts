import fs from "node:fs";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import * as editor from "~/routes/admin.encuentros.$slug.certificado";
import * as preview from "~/routes/admin.encuentros.$slug.certificado_.vista-previa[.pdf]";
import * as zipRoute from "~/routes/admin.encuentros.$slug.certificados[.zip]";
import * as personal from "~/routes/certificados.$id";
import * as verify from "~/routes/verificar.$code";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { filePathForKey } from "~/server/storage.server";
import { formRequest, getRequest, organizerCookie } from "../helpers/auth";
import { flashOf } from "../helpers/flash";
import { gifImage, jpegImage, pngImage, svgImage } from "../helpers/images";
import { multipartRequest, type MultipartPart } from "../helpers/multipart";
import { pdfText } from "../helpers/pdf-text";
import { call } from "../helpers/route";
import { attendee, encounterWithAgenda, organizer } from "./helpers";

// Issue 18, section 4: the certificate an institution signs. Organizers set it through the
// editor's real action (multipart uploads through the capped path); the PDFs are read back with
// PDF.js, an independent reader.

const ctx = () => ({ clientAddress: "192.0.2.10" });

async function post(slug: string, parts: MultipartPart[], cookie: string) {
  const url = `/admin/encuentros/${slug}/certificado`;
  return call(() => editor.action({ request: multipartRequest(url, parts, { cookie }), params: { slug }, context: {} }));
}

async function postForm(slug: string, fields: Record<string, string>, cookie: string) {
  const url = `/admin/encuentros/${slug}/certificado`;
  return call(() => editor.action({ request: formRequest(url, fields, { cookie }), params: { slug }, context: {} }));
}

const logo = (institution: string, content: Uint8Array, filename = "logo.png"): MultipartPart[] => [
  { name: "intent", value: "addLogo" },
  { name: "institution", value: institution },
  { name: "file", filename, content, contentType: "image/png" },
];

async function rows(encounterId: number) {
  const db = getDb();
  return {
    logos: await db.selectFrom("certificate_logos").selectAll().where("encounter_id", "=", encounterId).execute(),
    signatories: await db.selectFrom("certificate_signatories").selectAll().where("encounter_id", "=", encounterId).execute(),
  };
}

/** Every file under the uploads folder (temporary ones too). */
function storedFiles(): string[] {
  const dir = getEnv().uploadsDir;
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.parentPath}/${entry.name}`)
    .sort();
}

async function pdfOf(result: { response?: Response }) {
  return pdfText(new Uint8Array(await result.response!.arrayBuffer()));
}

describe("the certificate an institution signs", () => {
  it("carries the hours, the signatories, the verification address and a Vietnamese name", async () => {
    await organizer();
    const cookie = await organizerCookie();
    const encounter = await encounterWithAgenda();
    const slug = encounter.slug;

    expect((await post(slug, logo("Asocapitales", pngImage(400, 120)), cookie)).status).toBe(302);
    const jpeg = await post(
      slug,
      [...logo("OIM", jpegImage(300, 100), "oim.jpg").slice(0, 2), { name: "file", filename: "oim.jpg", content: jpegImage(300, 100) }],
      cookie,
    );
    expect(await flashOf(jpeg)).toBe("Se agregó el logo.");
    const signed = await post(
      slug,
      [
        { name: "intent", value: "saveSignatory" },
        { name: "name", value: "Luz Marina Ospina" },
        { name: "title", value: "Directora ejecutiva, Asocapitales" },
        { name: "file", filename: "firma.png", content: pngImage(200, 60) },
      ],
      cookie,
    );
    expect(signed.status).toBe(302);
    // No signature image: a line and the name.
    await post(
      slug,
      [
        { name: "intent", value: "saveSignatory" },
        { name: "name", value: "Jean-Philippe Antolin" },
        { name: "title", value: "Jefe de misión, OIM Colombia" },
        { name: "file", filename: "", content: new Uint8Array() },
      ],
      cookie,
    );
    const text = await postForm(
      slug,
      { intent: "text", textEs: "En el marco del programa de prevención de la trata de personas.", textEn: "", showHours: "on" },
      cookie,
    );
    expect(await flashOf(text)).toBe("Se guardó el certificado.");
    const saved = await rows(encounter.id);
    expect(saved.logos.map((l) => [l.institution, l.content_type, l.width, l.height])).toEqual([
      ["Asocapitales", "image/png", 400, 120],
      ["OIM", "image/jpeg", 300, 100],
    ]);
    expect(saved.signatories.map((s) => [s.name, s.signature_key !== null])).toEqual([
      ["Luz Marina Ospina", true],
      ["Jean-Philippe Antolin", false],
    ]);

    const vietnamese = await attendee(encounter.id, { name: "Nguyễn Thị Minh Khai" });
    const pdf = await call(() =>
      personal.loader({
        request: getRequest(`/certificados/${vietnamese.registration.id}`, cookie),
        params: { id: String(vietnamese.registration.id) },
        context: {},
      }),
    );
    expect(pdf.status).toBe(200);
    const content = await pdfOf(pdf);
    const code = /Código de verificación: ([A-Z0-9-]+)/.exec(content)![1];
    expect(content).toContain("Nguyễn Thị Minh Khai");
    expect(content).toContain("CERTIFICADO DE ASISTENCIA");
    expect(content).toContain("con una intensidad de 5,25 horas");
    expect(content).toContain("Luz Marina Ospina");
    expect(content).toContain("Directora ejecutiva, Asocapitales");
    expect(content).toContain("Jean-Philippe Antolin");
    expect(content).toContain("Jefe de misión, OIM Colombia");
    expect(content).toContain("En el marco del programa de prevención de la trata de personas.");
    expect(content).toContain(`${getEnv().appUrl}/verificar/${code}`);

    // The verification page says the same hours.
    const verified = await call(() => verify.loader({ request: getRequest(`/verificar/${code}`), params: { code }, context: ctx() }));
    expect(verified.data.certificate).toMatchObject({ fullName: "Nguyễn Thị Minh Khai", hours: 5.25 });

    // A person registered in English gets it in English, with the Spanish text (none in English).
    const english = await attendee(encounter.id, { name: "Trần Văn Đức", locale: "en" });
    const en = await pdfOf(
      await call(() => personal.loader({ request: getRequest("/x", cookie), params: { id: String(english.registration.id) }, context: {} })),
    );
    expect(en).toContain("CERTIFICATE OF ATTENDANCE");
    expect(en).toContain("Trần Văn Đức");
    expect(en).toContain("for 5.25 hours");
    expect(en).toMatch(/Verify it at http:\/\/\S+\/verificar\/[A-Z0-9-]{14}/);

    // Without hours, none are stated, on the certificate or the verification page.
    await postForm(slug, { intent: "text", textEs: "", textEn: "" }, cookie);
    const noHours = await pdfOf(
      await call(() => personal.loader({ request: getRequest("/x", cookie), params: { id: String(vietnamese.registration.id) }, context: {} })),
    );
    expect(noHours).not.toContain("horas");
    expect((await call(() => verify.loader({ request: getRequest("/x"), params: { code }, context: ctx() }))).data.certificate.hours).toBeNull();
  });

  it("refuses an SVG, a GIF, a file over 2 MB and an upload without a file, with the reason, keeping nothing", async () => {
    await organizer();
    const cookie = await organizerCookie();
    const encounter = await encounterWithAgenda();
    const before = storedFiles();
    const cases: Array<[MultipartPart[], string]> = [
      [logo("Con SVG", svgImage, "logo.svg"), "type"],
      [logo("Con GIF", gifImage, "logo.gif"), "notImage"],
      [logo("Muy grande", Buffer.concat([pngImage(10, 10), Buffer.alloc(2 * 1024 * 1024)])), "tooLarge"],
      [logo("Sin archivo", new Uint8Array(), ""), "missing"],
    ];
    for (const [parts, key] of cases) {
      const refused = await post(encounter.slug, parts, cookie);
      expect(refused.status, key).toBe(400);
      expect(refused.data.error.file, key).toEqual([key]);
      expect(refused.data.formId).toBe("logo");
    }
    const noName = await post(encounter.slug, logo("", pngImage()), cookie);
    expect(noName.data.error.institution).toEqual(["required"]);
    expect((await rows(encounter.id)).logos).toEqual([]);
    expect(storedFiles()).toEqual(before);
  });

  it("takes at most three signatories, and removing one removes its signature file", async () => {
    await organizer();
    const cookie = await organizerCookie();
    const encounter = await encounterWithAgenda();
    for (const name of ["Una", "Dos", "Tres"]) {
      const r = await post(
        encounter.slug,
        [
          { name: "intent", value: "saveSignatory" },
          { name: "name", value: name },
          { name: "file", filename: "f.png", content: pngImage() },
        ],
        cookie,
      );
      expect(r.status).toBe(302);
    }
    const fourth = await post(
      encounter.slug,
      [
        { name: "intent", value: "saveSignatory" },
        { name: "name", value: "Cuatro" },
      ],
      cookie,
    );
    expect(fourth.status).toBe(400);
    expect(fourth.data.error[""]).toEqual(["tooManySignatories"]);
    const [first] = (await rows(encounter.id)).signatories;
    const file = filePathForKey(first.signature_key!);
    expect(fs.existsSync(file)).toBe(true);
    const removed = await postForm(encounter.slug, { intent: "removeSignatory", id: String(first.id) }, cookie);
    expect(await flashOf(removed)).toBe("Se quitó el firmante.");
    expect(fs.existsSync(file)).toBe(false);
    expect((await rows(encounter.id)).signatories.map((s) => s.name)).toEqual(["Dos", "Tres"]);
    // Another encounter's signatory is not this page's to remove.
    const other = await encounterWithAgenda();
    expect((await postForm(other.slug, { intent: "removeSignatory", id: String((await rows(encounter.id)).signatories[0].id) }, cookie)).status).toBe(404);
  });

  it("previews the design in each language, marked as not valid", async () => {
    await organizer();
    const cookie = await organizerCookie();
    const encounter = await encounterWithAgenda();
    await post(
      encounter.slug,
      [
        { name: "intent", value: "saveSignatory" },
        { name: "name", value: "Luz Marina Ospina" },
      ],
      cookie,
    );
    for (const [lang, words] of [
      ["es", ["VISTA PREVIA", "Nguyễn Thị Minh Khai", "5,25 horas", "Luz Marina Ospina"]],
      ["en", ["PREVIEW", "Nguyễn Thị Minh Khai", "5.25 hours", "Luz Marina Ospina"]],
    ] as const) {
      const r = await call(() =>
        preview.loader({
          request: getRequest(`/admin/encuentros/${encounter.slug}/certificado/vista-previa.pdf?lang=${lang}`, cookie),
          params: { slug: encounter.slug },
          context: {},
        }),
      );
      expect(r.headers.get("Content-Type")).toBe("application/pdf");
      const text = await pdfOf(r);
      for (const word of words) expect(text, lang).toContain(word);
    }
  });

  it("streams everyone's certificates in one ZIP, one PDF each", async () => {
    await organizer();
    const cookie = await organizerCookie();
    const encounter = await encounterWithAgenda();
    await post(encounter.slug, logo("Asocapitales", pngImage(400, 120)), cookie);
    const names = ["Nguyễn Văn An", "María José Núñez", "Олена Шевченко"];
    for (const name of names) await attendee(encounter.id, { name });
    await attendee(encounter.id, { name: "No vino", checkedIn: false });
    const r = await call(() =>
      zipRoute.loader({ request: getRequest(`/admin/encuentros/${encounter.slug}/certificados.zip`, cookie), params: { slug: encounter.slug }, context: {} }),
    );
    expect(r.status).toBe(200);
    expect(r.headers.get("Content-Type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await r.response!.arrayBuffer()));
    expect(Object.keys(files)).toHaveLength(3);
    const texts = await Promise.all(Object.values(files).map((bytes) => pdfText(bytes)));
    for (const name of names)
      expect(
        texts.some((t) => t.includes(name)),
        name,
      ).toBe(true);
  });

  it("is for organizers only", async () => {
    const encounter = await encounterWithAgenda();
    const page = await call(() =>
      editor.loader({ request: getRequest(`/admin/encuentros/${encounter.slug}/certificado`), params: { slug: encounter.slug }, context: {} }),
    );
    expect(page.status).toBe(302);
    const write = await call(() =>
      editor.action({ request: formRequest("/x", { intent: "text", textEs: "x" }), params: { slug: encounter.slug }, context: {} }),
    );
    expect(write.status).toBe(302);
    expect(await getDb().selectFrom("certificate_settings").selectAll().where("encounter_id", "=", encounter.id).execute()).toEqual([]);
  });
});
