import { beforeAll, describe, expect, it } from "vitest";
import { messagesFor } from "~/i18n/catalog.server";
import * as agendaEditor from "~/routes/admin.encuentros.$slug.agenda._index";
import * as newEncounter from "~/routes/admin.encuentros.nuevo";
import * as adminMaterials from "~/routes/admin.materiales._index";
import * as organizersPage from "~/routes/admin.organizadores";
import * as newCommitment from "~/routes/encuentros.$slug.compromisos_.nuevo";
import * as registrationForm from "~/routes/encuentros.$slug.registro";
import { cleanFileName } from "~/server/uploads.server";
import { getDb } from "~/server/db.server";
import { formRequest, organizerCookie, participantCookie, verifiedParticipant } from "../helpers/auth";
import { multipartRequest, pdfBytes } from "../helpers/multipart";
import { renderAfterPost } from "../helpers/rendered-page";
import { call, ctx } from "../helpers/route";
import { tableContents } from "../helpers/table-contents";
import { makeEncounter, makeOrganizer } from "../factories";

// Item 18 of issue 14: names, entities, positions and titles refuse the characters that make a
// text read otherwise than it is (bidirectional controls, zero-width characters), through the
// real forms, with a field message, and nothing written.

const hidden = {
  "right-to-left override U+202E": "\u202e",
  "left-to-right embedding U+202A": "\u202a",
  "first strong isolate U+2068": "\u2068",
  "pop directional isolate U+2069": "\u2069",
  "left-to-right mark U+200E": "\u200e",
  "right-to-left mark U+200F": "\u200f",
  "Arabic letter mark U+061C": "\u061c",
  "zero-width space U+200B": "\u200b",
  "zero-width joiner U+200D": "\u200d",
  "word joiner U+2060": "\u2060",
  "byte-order mark U+FEFF": "\ufeff",
};

let organizer: string;
let official: string;

beforeAll(async () => {
  // An admin, an encounter that has ended (for commitments and its agenda) and one to come.
  const db = getDb();
  organizer = await organizerCookie((await makeOrganizer(db, { role: "admin" })).email);
  await makeEncounter(db, { slug: "bogota-2024", starts_at: "2024-02-29T13:00:00.000Z" });
  await makeEncounter(db, { slug: "seguimiento" });
  official = await participantCookie(await verifiedParticipant("autoridad.invisible@medellin.gov.co", "05001"));
});

const registration = {
  fullName: "Ana Pérez",
  email: "ana.invisible@alcaldia.gov.co",
  cityDane: "05001",
  entity: "Alcaldía de Medellín",
  position: "Secretaria de Gobierno",
  consent: "on",
};
const commitment = {
  title: "Ruta de atención a víctimas de trata en el PISCC",
  instrument: "PISCC",
  theme: "trafficking",
  dueDate: "2024-12-31",
  responsibleName: "Marta Ruiz",
  responsiblePosition: "Secretaria de Gobierno",
  responsibleEmail: "marta.invisible@medellin.example.org",
};
const agendaItem = {
  intent: "create",
  title: "Almuerzo de trabajo",
  kind: "working_table",
  room: "Salón 2",
  date: "2024-02-29",
  startTime: "12:15",
  endTime: "13:00",
};
const encounter = {
  title: "Encuentro regional",
  timezone: "America/Bogota",
  startDate: "2025-06-12",
  startTime: "08:00",
  endDate: "2025-06-12",
  endTime: "13:00",
  capacity: "80",
  cityQuota: "4",
};

type Post = (fields: Record<string, string>) => Promise<{ status: number; data: any }>;
/** conform's reply: each field's error keys, the first one shown. */
const firstErrors = (data: { error?: Record<string, string[]> }) =>
  Object.fromEntries(Object.entries(data.error ?? {}).map(([field, keys]) => [field, keys[0]]));
const forms: Array<{ form: string; fields: string[]; valid: Record<string, string>; post: Post; errors: (data: any) => Record<string, string> }> = [
  {
    form: "registration (POST /encuentros/:slug/registro)",
    fields: ["fullName", "entity", "position"],
    valid: registration,
    post: (fields) =>
      call(() =>
        registrationForm.action({
          request: formRequest("/encuentros/seguimiento/registro", fields),
          params: { slug: "seguimiento" },
          context: ctx("203.0.113.60"),
        }),
      ),
    // conform's reply: each field's error keys, the first one shown.
    errors: (data) => Object.fromEntries(Object.entries(data.error ?? {}).map(([field, keys]) => [field, (keys as string[])[0]])),
  },
  {
    form: "a commitment (POST /encuentros/:slug/compromisos/nuevo)",
    fields: ["title", "responsibleName", "responsiblePosition"],
    valid: commitment,
    post: (fields) =>
      call(() =>
        newCommitment.action({
          request: formRequest("/encuentros/bogota-2024/compromisos/nuevo", fields, { cookie: official }),
          params: { slug: "bogota-2024" },
          context: ctx(),
        }),
      ),
    errors: (data) => firstErrors(data),
  },
  {
    form: "an agenda item (POST /admin/encuentros/:slug/agenda)",
    fields: ["title", "room", "speakers-0-name", "speakers-0-organization"],
    valid: { ...agendaItem, "speakers-0-name": "Laura Gómez", "speakers-0-organization": "Alcaldía de Cali", "speakers-0-role": "speaker" },
    post: (fields) =>
      call(() =>
        agendaEditor.action({
          request: formRequest("/admin/encuentros/bogota-2024/agenda", fields, { cookie: organizer }),
          params: { slug: "bogota-2024" },
          context: {},
        }),
      ),
    errors: (data) => firstErrors(data),
  },
  {
    form: "an encounter (POST /admin/encuentros/nuevo)",
    fields: ["title", "venue"],
    valid: { ...encounter, venue: "Centro de Convenciones" },
    post: (fields) =>
      call(() => newEncounter.action({ request: formRequest("/admin/encuentros/nuevo", fields, { cookie: organizer }), params: {}, context: {} })),
    errors: (data) => firstErrors(data),
  },
  {
    form: "an organizer account (POST /admin/organizadores)",
    fields: ["name"],
    valid: { intent: "create", name: "Luisa Gómez", email: "luisa.invisible@asociacion.org", role: "organizer" },
    post: (fields) =>
      call(() => organizersPage.action({ request: formRequest("/admin/organizadores", fields, { cookie: organizer }), params: {}, context: {} })),
    errors: (data) => firstErrors(data),
  },
];

describe("hidden characters in names, entities, positions and titles", () => {
  for (const { form, fields, valid, post, errors } of forms) {
    it(`${form}: refuses each field with any of them, with a field message, writing nothing`, async () => {
      for (const field of fields) {
        for (const [what, char] of Object.entries(hidden)) {
          const before = await tableContents();
          // In the middle, where nothing trims it away: "Ana\u202ePérez" shows as "AnazeréP".
          const value = valid[field].slice(0, 3) + char + valid[field].slice(3);
          const r = await post({ ...valid, [field]: value });
          expect(r.status, `${field} with ${what}`).toBe(400);
          expect(errors(r.data)?.[field], `${field} with ${what}`).toBe("hiddenCharacters");
          expect(await tableContents(), `${field} with ${what}`).toEqual(before);
        }
      }
    });
  }

  it("a material's title (POST /admin/materiales, multipart) is refused the same way, and no file is kept", async () => {
    for (const [what, char] of Object.entries(hidden)) {
      const before = await tableContents();
      const parts = [
        { name: "title", value: `Guía${char} PDT` },
        { name: "language", value: "es" },
        { name: "visibility", value: "public" },
        { name: "file", filename: "guia.pdf", content: pdfBytes(), contentType: "application/pdf" },
      ];
      const r = await call(() =>
        adminMaterials.action({ request: multipartRequest("/admin/materiales", parts, { cookie: organizer }), params: {}, context: {} }),
      );
      expect(r.status, what).toBe(400);
      expect(r.data.error.title, what).toEqual(["hiddenCharacters"]);
      expect(await tableContents(), what).toEqual(before);
    }
  });

  it("shows the person what to do, in Spanish and English, beside the field", async () => {
    const html = await renderAfterPost(
      registrationForm as never,
      "/encuentros/:slug/registro",
      formRequest("/encuentros/seguimiento/registro", { ...registration, fullName: "Ana\u202e Pérez" }),
      400,
      ctx("203.0.113.61"),
    );
    const es = messagesFor("es").registration.errors.hiddenCharacters;
    expect(es).toMatch(/invisibles/);
    expect(html).toContain(es);
    expect(messagesFor("en").registration.errors.hiddenCharacters).toMatch(/invisible/);
    expect(messagesFor("es").errors.hiddenCharacters).toMatch(/invisibles/);
    expect(messagesFor("en").errors.hiddenCharacters).toMatch(/invisible/);
  });

  it("still takes names in any script, accents and apostrophes", async () => {
    const before = await tableContents();
    const r = await forms[0].post({
      ...registration,
      email: "nguyen.invisible@alcaldia.gov.co",
      fullName: "Nguyễn Thị Ánh D'Alemán",
      entity: "Secretaría de Gobierno",
    });
    // The form answers every registration kept with the same page (200).
    expect(r.status).toBe(200);
    expect((await tableContents()).registrations.rows).toBe(before.registrations.rows + 1);
  });

  it("the file-name check uses the same rule", () => {
    for (const [what, char] of Object.entries(hidden)) expect(cleanFileName(`guia${char}.pdf`), what).toBeNull();
    expect(cleanFileName("guía PDT.pdf")).toBe("guía PDT.pdf");
  });
});
