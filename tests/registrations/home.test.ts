import { beforeAll, describe, expect, it } from "vitest";
import * as adminEncounterMaterials from "~/routes/admin.encuentros.$slug.materiales";
import * as signedLink from "~/routes/d.$token";
import * as manage from "~/routes/inscripcion.$token";
import { cancelRegistration } from "~/features/registrations/commands/cancel.server";
import { checkIn } from "~/features/registrations/commands/check-in.server";
import { registerForEncounter } from "~/features/registrations/commands/register.server";
import { actorOf } from "~/server/audit.server";
import { getDb } from "~/server/db.server";
import { getRequest } from "../helpers/auth";
import { multipartRequest, pdfBytes } from "../helpers/multipart";
import { call, ctx } from "../helpers/route";
import { makeAgendaItem, makeSignedInOrganizer } from "../factories";
import { dane, makeEncounter, outbox, person } from "./helpers";

// Issue 14, item 20: the personal registration page is the official's home for the
// encounter: its agenda and calendar, the materials they may open (from the personal link,
// with a signed personal download link and no second sign-in), and their certificate.

let orgCookie: string;
let organizerId: number;
beforeAll(async () => {
  const organizer = await makeSignedInOrganizer(getDb(), { role: "admin" });
  orgCookie = organizer.cookie;
  organizerId = organizer.id;
});

async function upload(slug: string, title: string, visibility: "public" | "registered" | "attendees"): Promise<number> {
  const parts = [
    { name: "title", value: title },
    { name: "language", value: "es" },
    { name: "visibility", value: visibility },
    { name: "file", filename: `${visibility}.pdf`, content: pdfBytes(), contentType: "application/pdf" },
  ];
  const r = await call(() =>
    adminEncounterMaterials.action({
      request: multipartRequest(`/admin/encuentros/${slug}/materiales`, parts, { cookie: orgCookie }),
      params: { slug },
      context: {},
    }),
  );
  expect(r.status, JSON.stringify(r.data)).toBe(302);
  return Number(/\/admin\/materiales\/(\d+)/.exec(r.headers.get("Location")!)![1]);
}

async function setUp() {
  const encounter = await makeEncounter({ capacity: 10, quota: 5 });
  const startsAt = Date.parse(encounter.starts_at);
  for (const [i, title] of ["Instalación", "Taller: Guía para la elaboración de PDT y PISCC"].entries()) {
    await makeAgendaItem(getDb(), {
      encounter_id: encounter.id,
      starts_at: new Date(startsAt + i * 3_600_000).toISOString(),
      ends_at: new Date(startsAt + (i + 1) * 3_600_000).toISOString(),
      title,
      description: "",
      kind: i ? "workshop" : "plenary",
      room: "Sala 1",
      position: i,
    });
  }
  const materials = {
    public: await upload(encounter.slug, "Programa público", "public"),
    registered: await upload(encounter.slug, "Guía para inscritos", "registered"),
    attendees: await upload(encounter.slug, "Presentaciones para asistentes", "attendees"),
  };
  const who = person(`hogar-${encounter.id}`, dane.cartagena);
  const outcome = await registerForEncounter(getDb(), encounter.id, who, { locale: "es" });
  if (outcome.kind !== "confirmed") throw new Error(outcome.kind);
  const mail = (await outbox()).filter((m) => m.recipient === who.email).at(-1)!;
  const token = /\/inscripcion\/([A-Za-z0-9_-]{43})$/.exec(JSON.parse(mail.data).manageUrl)![1];
  return { encounter, materials, token, registrationId: outcome.registrationId };
}

const home = async (token: string) => {
  const page = await call(() =>
    manage.loader({ request: new Request(`http://localhost/inscripcion/${token}`), params: { token }, context: ctx("198.51.100.60") }),
  );
  expect(page.status).toBe(200);
  return page.data.home as {
    agenda: Array<{ title: string }>;
    calendarUrl: string;
    materials: Array<{ id: number; title: string; url: string | null; afterCheckIn: boolean }>;
    certificateUrl: string | null;
  };
};

/** Follows a /d/ link with no cookie at all: the link is the access. */
const follow = (url: string) => {
  const token = url.replace(/^\/d\//, "");
  return call(() => signedLink.loader({ request: getRequest(url), params: { token }, context: ctx("198.51.100.61") }));
};

describe("the personal page as the official's home for the encounter", () => {
  it("shows the agenda with its calendar, and the registered-only material opens from the page without signing in", async () => {
    const { encounter, materials, token } = await setUp();
    const h = await home(token);
    expect(h.agenda.map((a) => a.title)).toEqual(["Instalación", "Taller: Guía para la elaboración de PDT y PISCC"]);
    expect(h.calendarUrl).toBe(`/encuentros/${encounter.slug}/agenda.ics`);
    const byId = new Map(h.materials.map((m) => [m.id, m]));
    expect(byId.get(materials.public)!.url).toMatch(/^\/d\//);
    expect(byId.get(materials.registered)!.url).toMatch(/^\/d\//);
    expect(byId.get(materials.attendees)).toMatchObject({ url: null, afterCheckIn: true });
    expect(h.certificateUrl).toBeNull();

    const file = await follow(byId.get(materials.registered)!.url!);
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toBe("application/pdf");
    const receipt = await getDb()
      .selectFrom("downloads")
      .innerJoin("material_versions", "material_versions.id", "downloads.material_version_id")
      .select(["downloads.via", "downloads.participant_id"])
      .where("material_versions.material_id", "=", materials.registered)
      .execute();
    expect(receipt).toHaveLength(1);
    expect(receipt[0].via).toBe("link");
  });

  it("once checked in: the attendees' material and the certificate appear", async () => {
    const { encounter, materials, token, registrationId } = await setUp();
    await checkIn(getDb(), encounter.id, registrationId, organizerId);
    const h = await home(token);
    const attendees = h.materials.find((m) => m.id === materials.attendees)!;
    expect(attendees.url).toMatch(/^\/d\//);
    expect((await follow(attendees.url!)).status).toBe(200);
    expect(h.certificateUrl).toBe(`/certificados/${registrationId}?t=${token}`);
  });

  it("a link handed out by the page stops working for a registration cancelled since", async () => {
    const { materials, token, registrationId } = await setUp();
    const url = (await home(token)).materials.find((m) => m.id === materials.registered)!.url!;
    await cancelRegistration(getDb(), registrationId, { actor: actorOf.system, byOrganizer: false });
    const refused = await follow(url);
    expect(refused.status).toBe(302);
    expect(refused.headers.get("Location")).toMatch(/enlace=sin-acceso$/);
  });
});
