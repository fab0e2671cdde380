/// <reference types="vite/client" />
import { beforeAll, describe, expect, it } from "vitest";
import { recordCommitment } from "~/services/commitments.server";
import { getDb } from "~/utils/db.server";
import { ensureParticipant, verifiedParticipant, formRequest, getRequest, organizerCookie, participantCookie } from "./helpers/auth";
import { multipartRequest, pdfBytes, type MultipartPart } from "./helpers/multipart";
import { call, type RouteResult } from "./helpers/route";
import { rowCounts } from "./helpers/row-counts";

// Issue #9, item 4: who may open what. One row per route that depends on who is asking, with the
// concrete answer to each of four visitors, for its loader (GET) and, when it has one, its action
// (POST, with a well-formed form and the action's intent, so that a refusal is about access and
// not about the input):
//
//   anonymous   no cookie;
//   otherCity   an authority (a participant signed in by magic link) of Medellín;
//   sameCity    an authority of Bogotá, the city of the resource: the Bogotá commitment, the
//               encounter bogota-2024 (hosted by Bogotá, where this authority is registered and
//               checked in) and its registration. For organizer pages "same city" is still refused;
//   organizer   the demo organizer.
//
// How an authority is tied to a city: an active row of the city roster (city_roster), written
// when an organizer verifies the person or staff check them in; the city typed on a form grants
// nothing. Commitments carry city_id; an authority sees and changes only those of the city it
// was verified for (requireCommitment), and records only for it, whatever the form says.
//
// Every refused request (a redirect to sign in, any 4xx) must leave every table as it was (rate
// limit counters aside) and must not carry any of the fixture's private strings. A route file that
// is neither in the table nor in the short list of public routes fails the test, so a new page
// for organizers or for a city cannot land without its row.

// "unverified" (issue 14, item 1): signed in by magic link, registered for Bogotá, never
// verified for it; checked against the city's pages apart from the table, below.
type Visitor = "anonymous" | "otherCity" | "sameCity" | "organizer" | "unverified";
const visitors: Array<Exclude<Visitor, "unverified">> = ["anonymous", "otherCity", "sameCity", "organizer"];

/** A redirect to a sign-in page that brings the visitor back to the requested address. */
const organizerSignIn = Symbol("organizer sign-in");
const linkSignIn = Symbol("magic-link sign-in");

interface Expect {
  status: number;
  location?: string | RegExp | typeof organizerSignIn | typeof linkSignIn;
  /** The visitor gets what was asked for (no "nothing written" check then). */
  allowed: boolean;
}

const ok: Expect = { status: 200, allowed: true };
const done = (location: string | RegExp, status = 302): Expect => ({ status, location, allowed: true });
const refused = (status: number, location?: string): Expect => ({ status, location, allowed: false });
const toSignIn: Expect = { status: 302, location: organizerSignIn, allowed: false };
const toLinkSignIn: Expect = { status: 302, location: linkSignIn, allowed: false };

type Answers = Record<Exclude<Visitor, "unverified">, Expect>;
/** Organizer pages: everyone else goes to the organizers' sign-in (an authority's session is not an organizer's). */
const organizerOnly = (organizer: Expect = ok): Answers => ({ anonymous: toSignIn, otherCity: toSignIn, sameCity: toSignIn, organizer });
/** Pages of a city's commitments: sign in by link; another city's resource is a 404, whatever it is. */
const cityOnly = (same: Expect = ok, organizer: Expect = ok): Answers => ({ anonymous: toLinkSignIn, otherCity: refused(404), sameCity: same, organizer });
/** Drafts exist only for organizers: a 404 for everyone else, signed in or not. */
const draftOnly = (organizer: Expect = ok): Answers => ({ anonymous: refused(404), otherCity: refused(404), sameCity: refused(404), organizer });
/** The same answer for everyone: the secret in the address is the access, a cookie adds nothing. */
const everyone = (answer: Expect): Answers => ({ anonymous: answer, otherCity: answer, sameCity: answer, organizer: answer });

interface Fixture {
  commitmentId: number;
  commitmentTitle: string;
  evidenceUpdateId: number;
  sameCityEmail: string;
  sameCityRegistrationId: number;
  certificateRegistrationId: number;
  agendaItemId: number;
  draftItemId: number;
  materialId: number;
  outboxId: number;
  erasableEmail: string;
  /** A verified Bogotá official registered for bogota-2024, whose verification the organizer withdraws. */
  rosterRegistrationId: number;
}

type Body = Record<string, string> | { multipart: MultipartPart[] };

interface Row {
  /** The route module's file name in app/routes, without .tsx. */
  route: string;
  url: (f: Fixture) => string;
  get?: Answers;
  post?: { body: (f: Fixture) => Body; answers: Answers };
  /** A string that only some visitors' successful answers may contain. */
  shows?: { text: (f: Fixture) => string; to: Visitor[] };
}

const bogota = "/admin/encuentros/bogota-2024";
const draftSlug = "matriz-borrador";
const csv = (text: string) => ({ name: "file", filename: "invitados.csv", content: Buffer.from(text, "utf8"), contentType: "text/csv" });
const pdf = (name = "guia.pdf") => ({ name: "file", filename: name, content: pdfBytes("Matriz"), contentType: "application/pdf" });
const fieldsOf = (values: Record<string, string>): MultipartPart[] => Object.entries(values).map(([name, value]) => ({ name, value }));

const commitmentFields = {
  title: "Ruta de atención a víctimas en el PISCC (matriz)",
  instrument: "PISCC",
  theme: "trafficking",
  dueDate: "2031-12-31",
  responsibleName: "Marta Ruiz",
  responsibleEmail: "marta.ruiz@bogota.gov.co",
};

const table: Row[] = [
  // ---- organizers ------------------------------------------------------------------------------
  { route: "admin", url: () => "/admin", get: organizerOnly() },
  { route: "admin._index", url: () => "/admin", get: organizerOnly() },
  {
    route: "admin.compromisos.$id",
    url: (f) => `/admin/compromisos/${f.commitmentId}`,
    get: organizerOnly(),
    post: { body: () => ({ intent: "stopReminders" }), answers: organizerOnly() },
  },
  { route: "admin.compromisos._index", url: () => "/admin/compromisos?ciudad=11001", get: organizerOnly() },
  {
    route: "admin.compromisos.puntos-focales",
    url: () => "/admin/compromisos/puntos-focales",
    get: organizerOnly(),
    post: { body: () => ({ cityDane: "11001", focalPointName: "Punto focal de Bogotá", focalPointEmail: "punto.focal@bogota.gov.co" }), answers: organizerOnly() },
  },
  {
    route: "admin.compromisos.responsables",
    url: () => "/admin/compromisos/responsables",
    get: organizerOnly(),
    post: { body: (f) => ({ intent: "stopResponsible", id: String(f.commitmentId) }), answers: organizerOnly(refused(409)) },
  },
  { route: "admin.compromisos[.csv]", url: () => "/admin/compromisos.csv", get: organizerOnly() },
  { route: "admin.compromisos[.xlsx]", url: () => "/admin/compromisos.xlsx", get: organizerOnly() },
  {
    route: "admin.correo.$id",
    url: (f) => `/admin/correo/${f.outboxId}`,
    get: organizerOnly(),
    post: { body: () => ({ intent: "requeue" }), answers: organizerOnly() },
  },
  { route: "admin.correo._index", url: () => "/admin/correo", get: organizerOnly() },
  {
    // One's own account, for every organizer (admin or not); the change keeps the matrix's session.
    route: "admin.cuenta",
    url: () => "/admin/cuenta",
    get: organizerOnly(),
    post: {
      body: () => ({ currentPassword: "convoca-demo", newPassword: "otra-clave-de-la-matriz", confirmPassword: "otra-clave-de-la-matriz" }),
      answers: organizerOnly(done("/admin/cuenta?hecho=contrasena")),
    },
  },
  {
    route: "admin.encuentros.$slug._index",
    url: () => bogota,
    get: organizerOnly(),
    post: { body: () => ({ intent: "duplicate", title: "Copia de la matriz", startDate: "2031-03-04" }), answers: organizerOnly(done(/^\/admin\/encuentros\/[a-z0-9-]+\?hecho=duplicated$/)) },
  },
  {
    route: "admin.encuentros.$slug.acreditacion",
    url: () => `${bogota}/acreditacion`,
    get: organizerOnly(),
    post: { body: (f) => ({ intent: "checkIn", registrationId: String(f.sameCityRegistrationId) }), answers: organizerOnly() },
  },
  { route: "admin.encuentros.$slug.acreditacion_.asistencia", url: () => `${bogota}/acreditacion/asistencia`, get: organizerOnly() },
  {
    route: "admin.encuentros.$slug.agenda.$itemId",
    url: (f) => `${bogota}/agenda/${f.agendaItemId}`,
    get: organizerOnly(),
    post: { body: () => ({ intent: "delete" }), answers: organizerOnly(done(`${bogota}/agenda?hecho=deleted`)) },
  },
  {
    route: "admin.encuentros.$slug.agenda._index",
    url: () => `/admin/encuentros/${draftSlug}/agenda`,
    get: organizerOnly(),
    post: {
      body: () => ({ intent: "create", title: "Mesa de trabajo (matriz)", kind: "working_table", room: "Salón 2", date: "2031-05-20", startTime: "15:00", endTime: "16:00" }),
      answers: organizerOnly(done(new RegExp(`^/admin/encuentros/${draftSlug}/agenda\\?hecho=created#item-\\d+$`))),
    },
  },
  { route: "admin.encuentros.$slug.asistencia[.csv]", url: () => `${bogota}/asistencia.csv`, get: organizerOnly() },
  { route: "admin.encuentros.$slug.certificados[.zip]", url: () => `${bogota}/certificados.zip`, get: organizerOnly() },
  {
    route: "admin.encuentros.$slug.informe",
    url: () => `${bogota}/informe`,
    get: organizerOnly(),
    post: { body: () => ({ intent: "public-on" }), answers: organizerOnly(done(`${bogota}/informe`)) },
  },
  { route: "admin.encuentros.$slug.informe[.csv]", url: () => `${bogota}/informe.csv`, get: organizerOnly() },
  { route: "admin.encuentros.$slug.informe[.xlsx]", url: () => `${bogota}/informe.xlsx`, get: organizerOnly() },
  {
    route: "admin.encuentros.$slug.materiales",
    url: () => `${bogota}/materiales`,
    get: organizerOnly(),
    post: {
      body: () => ({ multipart: [...fieldsOf({ title: "Guía (matriz)", language: "es", visibility: "public" }), pdf()] }),
      answers: organizerOnly(done(/^\/admin\/materiales\/\d+\?hecho=creado&avisos=0$/)),
    },
  },
  {
    route: "admin.encuentros.$slug.registros",
    url: () => `${bogota}/registros`,
    get: organizerOnly(),
    post: { body: () => ({ intent: "fill" }), answers: organizerOnly() },
  },
  { route: "admin.encuentros.$slug.registros[.csv]", url: () => `${bogota}/registros.csv`, get: organizerOnly() },
  { route: "admin.encuentros.$slug.registros[.xlsx]", url: () => `${bogota}/registros.xlsx`, get: organizerOnly() },
  {
    route: "admin.encuentros.$slug.registros_.$id",
    // The same-city authority's own registration: still not theirs to open here.
    url: (f) => `${bogota}/registros/${f.sameCityRegistrationId}`,
    get: organizerOnly(),
    post: {
      body: () => ({ fullName: "Autoridad de Bogotá", entity: "Secretaría de Gobierno", position: "Asesora", phone: "", cityDane: "11001", needs: "" }),
      answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/registros\?q=/, 303)),
    },
  },
  {
    route: "admin.encuentros.$slug.registros_.importar",
    url: () => `${bogota}/registros/importar`,
    get: organizerOnly(),
    post: {
      body: () => ({ multipart: [{ name: "intent", value: "preview" }, csv("nombre,correo,dane,entidad,cargo\nInvitada Matriz,invitada.matriz@cali.gov.co,76001,Alcaldía,Asesora\n")] }),
      answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/registros\/importar\?id=\d+$/, 303)),
    },
  },
  {
    route: "admin.encuentros.$slug.seguimiento",
    url: () => `${bogota}/seguimiento`,
    get: organizerOnly(),
    post: { body: () => ({ enabled: "on", reminderDays: "30, 7, 1", overdueNotice: "on", weeklyOverdue: "on", escalateAfterWeeks: "4", sendHour: "9" }), answers: organizerOnly() },
  },
  {
    route: "admin.encuentros.nuevo",
    url: () => "/admin/encuentros/nuevo",
    get: organizerOnly(),
    post: {
      body: () => ({
        title: "Encuentro de la matriz",
        slug: "encuentro-matriz",
        hostCityId: "",
        timezone: "America/Bogota",
        startDate: "2031-08-12",
        startTime: "08:00",
        endDate: "2031-08-12",
        endTime: "17:00",
        capacity: "120",
        cityQuota: "5",
      }),
      answers: organizerOnly(done("/admin/encuentros/encuentro-matriz?hecho=created")),
    },
  },
  { route: "admin.informes", url: () => "/admin/informes", get: organizerOnly() },
  { route: "admin.informes[.csv]", url: () => "/admin/informes.csv", get: organizerOnly() },
  { route: "admin.informes[.xlsx]", url: () => "/admin/informes.xlsx", get: organizerOnly() },
  {
    route: "admin.materiales.$id",
    url: (f) => `/admin/materiales/${f.materialId}`,
    get: organizerOnly(),
    post: {
      body: () => ({ intent: "update", title: "Presentación para inscritos (matriz)", description: "", language: "es", visibility: "registered" }),
      answers: organizerOnly(done(/^\/admin\/materiales\/\d+\?hecho=guardado$/)),
    },
  },
  {
    route: "admin.materiales._index",
    url: () => "/admin/materiales",
    get: organizerOnly(),
    post: {
      body: () => ({ multipart: [...fieldsOf({ title: "Material general (matriz)", language: "es", visibility: "public", encounterId: "" }), pdf("general.pdf")] }),
      answers: organizerOnly(done(/^\/admin\/materiales\/\d+\?hecho=creado&avisos=0$/)),
    },
  },
  {
    // Admins only: the demo organizer is an admin; an organizer without that role gets a 403 (tests/organizers.test.ts).
    route: "admin.organizadores",
    url: () => "/admin/organizadores",
    get: organizerOnly(),
    post: { body: () => ({ intent: "create", name: "Colega de la matriz", email: "colega.matriz@asociacion.org", role: "organizer" }), answers: organizerOnly() },
  },
  {
    route: "admin.personas",
    url: (f) => `/admin/personas?email=${encodeURIComponent(f.sameCityEmail)}`,
    get: organizerOnly(),
    post: { body: (f) => ({ email: f.erasableEmail, confirm: f.erasableEmail }), answers: organizerOnly() },
  },
  { route: "admin.personas.exportar", url: (f) => `/admin/personas/exportar?email=${encodeURIComponent(f.sameCityEmail)}`, get: organizerOnly() },

  // ---- a city's authorities (and organizers) ------------------------------------------------------
  {
    route: "compromisos.$id._index",
    url: (f) => `/compromisos/${f.commitmentId}`,
    get: cityOnly(),
    post: { body: () => ({ intent: "stopReminders" }), answers: cityOnly() },
  },
  {
    route: "compromisos.$id.editar",
    url: (f) => `/compromisos/${f.commitmentId}/editar`,
    get: cityOnly(),
    post: {
      body: (f) => ({ ...commitmentFields, title: f.commitmentTitle, description: "Con la Secretaría de la Mujer." }),
      answers: cityOnly(done(/^\/compromisos\/\d+$/), done(/^\/admin\/compromisos\/\d+$/)),
    },
  },
  { route: "compromisos.$id.evidencia.$updateId", url: (f) => `/compromisos/${f.commitmentId}/evidencia/${f.evidenceUpdateId}`, get: cityOnly() },
  {
    // Recording is not about another city's resource: each authority records for its own city
    // (the cityDane of the form is ignored for them), organizers for the city they choose.
    route: "encuentros.$slug.compromisos_.nuevo",
    url: () => "/encuentros/bogota-2024/compromisos/nuevo",
    get: { anonymous: toLinkSignIn, otherCity: ok, sameCity: ok, organizer: ok },
    post: {
      body: () => ({ ...commitmentFields, cityDane: "11001" }),
      answers: {
        anonymous: toLinkSignIn,
        otherCity: done(/^\/compromisos\/\d+\?registrado=1$/),
        sameCity: done(/^\/compromisos\/\d+\?registrado=1$/),
        organizer: done(/^\/admin\/compromisos\/\d+\?registrado=1$/),
      },
    },
  },
  {
    route: "mi-ciudad.compromisos",
    url: () => "/mi-ciudad/compromisos",
    get: { anonymous: toLinkSignIn, otherCity: ok, sameCity: ok, organizer: done("/admin/compromisos") },
    shows: { text: (f) => f.commitmentTitle, to: ["sameCity"] },
  },
  {
    // A participant's own registrations; organizers are not participants.
    route: "mi-cuenta",
    url: () => "/mi-cuenta",
    get: { anonymous: toLinkSignIn, otherCity: ok, sameCity: ok, organizer: toLinkSignIn },
    shows: { text: () => "bogota-2024", to: ["sameCity"] },
  },
  {
    // The calendar feed's key (?clave=) is the access, for calendar programs that send no
    // cookie; without it nobody gets the city's due dates, signed in or not.
    route: "ciudades.$dane.compromisos[.ics]",
    url: () => "/ciudades/11001/compromisos.ics",
    get: everyone(refused(404)),
  },
  {
    // A certificate is personal: organizers, the person, or the holder of the person's manage
    // link. Another official of the same city gets the same 404 as anyone.
    route: "certificados.$id",
    url: (f) => `/certificados/${f.certificateRegistrationId}`,
    get: { anonymous: refused(404), otherCity: refused(404), sameCity: refused(404), organizer: ok },
  },
  {
    // A material for registered people of bogota-2024, where the same-city authority is registered.
    route: "materiales.$id.descargar",
    url: (f) => `/materiales/${f.materialId}/descargar`,
    get: {
      anonymous: refused(302, "/ingresar/enlace?redirectTo=%2Fencuentros%2Fbogota-2024%2Fmateriales"),
      otherCity: refused(403),
      sameCity: ok,
      organizer: ok,
    },
  },

  // ---- public pages of an encounter: a draft (hosted by Bogotá) exists only for organizers --------
  { route: "encuentros.$slug._index", url: () => `/encuentros/${draftSlug}`, get: draftOnly() },
  { route: "encuentros.$slug.agenda", url: () => `/encuentros/${draftSlug}/agenda`, get: draftOnly() },
  { route: "encuentros.$slug.agenda[.ics]", url: () => `/encuentros/${draftSlug}/agenda.ics`, get: draftOnly() },
  { route: "encuentros.$slug.agenda_.$itemId[.ics]", url: (f) => `/encuentros/${draftSlug}/agenda/${f.draftItemId}.ics`, get: draftOnly() },
  { route: "encuentros.$slug.compromisos", url: () => `/encuentros/${draftSlug}/compromisos`, get: draftOnly() },
  { route: "encuentros.$slug.materiales", url: () => `/encuentros/${draftSlug}/materiales`, get: draftOnly() },
  {
    route: "encuentros.$slug.registro",
    url: () => `/encuentros/${draftSlug}/registro`,
    get: draftOnly(),
    post: {
      body: () => ({ fullName: "Persona Matriz", email: "persona.matriz@bogota.gov.co", cityDane: "11001", entity: "Alcaldía", position: "Asesora", consent: "on" }),
      // Even an organizer cannot register anyone for a draft through the public form.
      answers: draftOnly(refused(409)),
    },
  },
  {
    route: "ingresar._index",
    url: () => "/ingresar",
    get: { anonymous: ok, otherCity: ok, sameCity: ok, organizer: done("/admin") },
    post: { body: () => ({ email: "organizadora@convoca.test", password: "no-es-la-clave" }), answers: everyone(refused(400)) },
  },

  // ---- signed links: the secret in the address is the access; no cookie replaces it ---------------
  {
    route: "inscripcion.$token",
    url: () => `/inscripcion/${"M".repeat(43)}`,
    get: everyone(refused(404)),
    post: { body: () => ({ intent: "cancel" }), answers: everyone(refused(404)) },
  },
  {
    route: "confirmar-datos.$token",
    url: () => `/confirmar-datos/${"C".repeat(43)}`,
    get: everyone(refused(404)),
    post: { body: () => ({}), answers: everyone(refused(404)) },
  },
  { route: "d.$token", url: () => `/d/${Buffer.from("1.1.4102444800").toString("base64url")}.${"A".repeat(43)}`, get: everyone(refused(403)) },
  {
    route: "seguimiento.$token._index",
    url: () => "/seguimiento/no-es-un-enlace",
    get: everyone(refused(404)),
    post: { body: () => ({ status: "in_progress", progress: "50", note: "Avance" }), answers: everyone(refused(404)) },
  },
  {
    route: "seguimiento.$token.detener",
    url: () => "/seguimiento/no-es-un-enlace/detener",
    get: everyone(refused(404)),
    post: { body: () => ({ intent: "stopReminders" }), answers: everyone(refused(404)) },
  },
  {
    route: "ingresar.enlace.$token",
    url: () => `/ingresar/enlace/${"L".repeat(43)}`,
    get: everyone(refused(410)),
    post: { body: () => ({}), answers: everyone(refused(410)) },
  },
];

/** Deliberately left out: the same for every visitor, and they read nobody's session. */
const publicRoutes: Record<string, string> = {
  $: "any unknown address: a 404",
  _index: "published encounters",
  healthz: "load balancer check",
  idioma: "language switch (a cookie for anyone)",
  privacidad: "privacy notice",
  salir: "sign-out: ends whatever session the cookie names",
  "verificar._index": "certificate verification form",
  "verificar.$code": "public certificate verification (rate limited)",
  "ingresar.enlace._index": "asks for a sign-in link; the same answer for any address",
};

// Reading a session, or a helper that does, makes a route depend on who is asking.
const identityHelpers = /\b(requireOrganizer|requireAdmin|requireParticipant|requireViewer|requireCommitment|requireOrganizerEncounter|getOrganizer|getParticipant|getViewer|viewerOf|loadVisibleEncounter|readSession)\b/;

type RouteModule = { loader?: (args: any) => unknown; action?: (args: any) => unknown };
const modules = import.meta.glob<RouteModule>("../app/routes/*.tsx", { eager: true });
const sources = import.meta.glob<string>("../app/routes/*.tsx", { eager: true, query: "?raw", import: "default" });
const nameOf = (file: string) => file.replace(/^.*routes\//, "").replace(/\.tsx$/, "");
const moduleOf = (route: string) => modules[`../app/routes/${route}.tsx`];

/** The params a flat route file name takes from a URL path; null if the path is not that route's. */
function paramsFor(route: string, pathname: string): Record<string, string> | null {
  const names: string[] = [];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const parts = route
    .replace(/\[([^\]]*)\]/g, (_, inner: string) => inner.replace(/\./g, "\u0001"))
    .split(".")
    .filter((segment) => segment !== "_index")
    .map((segment) => segment.replace(/_$/, "").replace(/\u0001/g, "."))
    .map((segment) => {
      const param = /^\$(\w+)(.*)$/.exec(segment);
      if (!param) return escape(segment);
      names.push(param[1]);
      return `([^/]+)${escape(param[2])}`;
    });
  const match = new RegExp(`^/${parts.join("/")}$`).exec(pathname);
  if (!match) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
}

function bodyText(result: RouteResult): string {
  return typeof result.data === "string" ? result.data : JSON.stringify(result.data ?? null);
}

let fixture: Fixture;
const cookies: Record<Visitor, string | undefined> = { anonymous: undefined, otherCity: undefined, sameCity: undefined, organizer: undefined, unverified: undefined };
let clients = 0;
/** A fresh client address per request, so rate limits never decide an answer here. */
const nextClient = () => ({ clientIp: `198.51.${100 + Math.floor(++clients / 250)}.${clients % 250}` });

beforeAll(async () => {
  const db = getDb();
  const now = new Date().toISOString();
  const cityId = async (dane: string) => (await db.selectFrom("cities").select("id").where("dane", "=", dane).executeTakeFirstOrThrow()).id;
  const bogotaCity = await cityId("11001");
  const organizer = await db.selectFrom("organizers").select(["id", "name"]).where("email", "=", "organizadora@convoca.test").executeTakeFirstOrThrow();
  const encounter = await db.selectFrom("encounters").selectAll().where("slug", "=", "bogota-2024").executeTakeFirstOrThrow();
  expect(encounter.host_city_id).toBe(bogotaCity);

  const sameCityEmail = "autoridad.matriz@bogota.gov.co";
  // Both speak for their city: verified through the roster, as a typed city grants nothing.
  const sameCity = await verifiedParticipant(sameCityEmail, "11001");
  const otherCity = await verifiedParticipant("autoridad.matriz@medellin.gov.co", "05001");
  cookies.sameCity = await participantCookie(sameCity);
  cookies.otherCity = await participantCookie(otherCity);
  cookies.organizer = await organizerCookie();
  cookies.unverified = await participantCookie(await ensureParticipant("sin.verificar.matriz@bogota.gov.co", "11001"));

  // The Bogotá authority came to bogota-2024.
  const registration = await db
    .insertInto("registrations")
    .values({ encounter_id: encounter.id, participant_id: sameCity, status: "confirmed", consent_at: now, manage_token_hash: `matriz-${Math.random()}`, checked_in_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.updateTable("encounters").set({ confirmed_count: (eb) => eb("confirmed_count", "+", 1) }).where("id", "=", encounter.id).execute();

  // Another Bogotá official's certificate.
  const certificate = await db
    .selectFrom("registrations")
    .innerJoin("participants", "participants.id", "registrations.participant_id")
    .select("registrations.id")
    .where("registrations.encounter_id", "=", encounter.id)
    .where("participants.city_id", "=", bogotaCity)
    .where("registrations.checked_in_at", "is not", null)
    .where("participants.id", "!=", sameCity)
    .executeTakeFirstOrThrow();

  // The Bogotá commitment, with an evidence file sent by the city.
  const commitmentTitle = "Compromiso privado de Bogotá para la matriz de acceso";
  const commitmentId = await recordCommitment(db, {
    encounter,
    cityId: bogotaCity,
    fields: {
      ...commitmentFields,
      title: commitmentTitle,
      instrument: "PISCC",
      theme: "trafficking",
      description: "",
      agendaItemId: null,
      responsiblePosition: "",
      indicator: "",
      target: "",
    },
    actor: { kind: "organizer", id: organizer.id, name: organizer.name },
  });
  const progress = await import("~/routes/compromisos.$id._index");
  const evidence = await call(() =>
    progress.action({
      request: multipartRequest(
        `/compromisos/${commitmentId}`,
        [...fieldsOf({ status: "in_progress", progress: "20", note: "Acta" }), { name: "evidenceFile", filename: "acta.pdf", content: pdfBytes("Acta"), contentType: "application/pdf" }],
        { cookie: cookies.sameCity },
      ),
      params: { id: String(commitmentId) },
      context: nextClient(),
    }),
  );
  expect(evidence.status, JSON.stringify(evidence.data)).toBe(200);
  const update = await db.selectFrom("commitment_updates").select("id").where("commitment_id", "=", commitmentId).where("evidence_key", "is not", null).executeTakeFirstOrThrow();

  // A session of bogota-2024 for the organizer's delete.
  const agendaItem = await db
    .insertInto("agenda_items")
    .values({ encounter_id: encounter.id, starts_at: encounter.ends_at, ends_at: encounter.ends_at, title: "Sesión de la matriz", kind: "panel", position: 999 })
    .returning("id")
    .executeTakeFirstOrThrow();

  // A draft encounter hosted by Bogotá, with a session, a material and public commitments.
  const draft = await db
    .insertInto("encounters")
    .values({
      slug: draftSlug,
      title: "Borrador de la matriz",
      host_city_id: bogotaCity,
      starts_at: "2031-05-20T13:00:00.000Z",
      ends_at: "2031-05-20T22:00:00.000Z",
      capacity: 50,
      city_quota: 3,
      status: "draft",
      commitments_public: 1,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const draftItem = await db
    .insertInto("agenda_items")
    .values({ encounter_id: draft.id, starts_at: "2031-05-20T14:00:00.000Z", ends_at: "2031-05-20T15:00:00.000Z", title: "Apertura del borrador (matriz)", kind: "plenary", position: 1 })
    .returning("id")
    .executeTakeFirstOrThrow();

  // A material for registered people of bogota-2024, uploaded by the organizer.
  const upload = await import("~/routes/admin.encuentros.$slug.materiales");
  const uploaded = await call(() =>
    upload.action({
      request: multipartRequest(`${bogota}/materiales`, [...fieldsOf({ title: "Presentación para inscritos", language: "es", visibility: "registered" }), pdf("inscritos.pdf")], {
        cookie: cookies.organizer,
      }),
      params: { slug: "bogota-2024" },
      context: nextClient(),
    }),
  );
  expect(uploaded.status, JSON.stringify(uploaded.data)).toBe(302);
  const materialId = Number(/\/admin\/materiales\/(\d+)/.exec(uploaded.headers.get("Location")!)![1]);

  let outbox = await db.selectFrom("email_outbox").select("id").orderBy("id").executeTakeFirst();
  if (!outbox) {
    outbox = await db
      .insertInto("email_outbox")
      .values({ idempotency_key: "matriz:1", recipient: sameCityEmail, template: "magic-link", next_attempt_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
  }

  const erasableEmail = "borrar.matriz@bogota.gov.co";
  await ensureParticipant(erasableEmail, "11001");

  const rosterPerson = await verifiedParticipant("retirar.matriz@bogota.gov.co", "11001");
  const rosterRegistration = await db
    .insertInto("registrations")
    .values({ encounter_id: encounter.id, participant_id: rosterPerson, status: "cancelled", consent_at: now, manage_token_hash: `matriz-${Math.random()}`, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();

  fixture = {
    commitmentId,
    commitmentTitle,
    evidenceUpdateId: update.id,
    sameCityEmail,
    sameCityRegistrationId: registration.id,
    certificateRegistrationId: certificate.id,
    agendaItemId: agendaItem.id,
    draftItemId: draftItem.id,
    materialId,
    outboxId: outbox.id,
    erasableEmail,
    rosterRegistrationId: rosterRegistration.id,
  };
});

/** Strings no refused answer may carry. */
const secrets = (f: Fixture) => [f.commitmentTitle, f.sameCityEmail, "acta.pdf", "Presentación para inscritos", "Borrador de la matriz", "Apertura del borrador (matriz)"];

function requestFor(method: "GET" | "POST", url: string, visitor: Visitor, body?: Body): Request {
  const cookie = cookies[visitor];
  if (method === "GET") return getRequest(url, cookie);
  if (body && "multipart" in body && Array.isArray(body.multipart)) return multipartRequest(url, body.multipart, { cookie });
  return formRequest(url, (body ?? {}) as Record<string, string>, { cookie });
}

async function check(row: Row, method: "GET" | "POST", visitor: Visitor, expected: Expect, body?: (f: Fixture) => Body) {
  const url = row.url(fixture);
  const parsed = new URL(url, "http://localhost");
  const params = paramsFor(row.route, parsed.pathname);
  expect(params, `${url} is not an address of ${row.route}`).not.toBeNull();
  const mod = moduleOf(row.route);
  const fn = method === "GET" ? mod.loader! : mod.action!;
  const before = expected.allowed ? null : await rowCounts();
  const request = requestFor(method, url, visitor, body?.(fixture));
  const result = await call(() => fn({ request, params: params!, context: nextClient() }));
  const where = `${visitor} ${method} ${url} (${row.route}): ${bodyText(result).slice(0, 300)}`;

  expect(result.status, where).toBe(expected.status);
  const location = result.headers.get("Location");
  if (expected.location === organizerSignIn) expect(location, where).toBe(`/ingresar?redirectTo=${encodeURIComponent(parsed.pathname + parsed.search)}`);
  else if (expected.location === linkSignIn) expect(location, where).toBe(`/ingresar/enlace?redirectTo=${encodeURIComponent(parsed.pathname + parsed.search)}`);
  else if (expected.location instanceof RegExp) expect(location, where).toMatch(expected.location);
  else if (typeof expected.location === "string") expect(location, where).toBe(expected.location);
  else expect(location, where).toBeNull();

  if (!expected.allowed) {
    expect(await rowCounts(), `a refused request wrote rows: ${where}`).toEqual(before);
    const text = bodyText(result);
    for (const secret of secrets(fixture)) expect(text.includes(secret), `${where} carries "${secret}"`).toBe(false);
  }
  if (row.shows && result.status === 200) {
    const sees = bodyText(result).includes(row.shows.text(fixture));
    expect(sees, `${where}: ${row.shows.to.includes(visitor) ? "should" : "should not"} show ${row.shows.text(fixture)}`).toBe(row.shows.to.includes(visitor));
  }
}

describe("access matrix", () => {
  it("has one row for every route that depends on who asks; every other route is listed as public", () => {
    const files = Object.keys(modules).map(nameOf).sort();
    const inTable = table.map((r) => r.route);
    expect(new Set(inTable).size, "a route has two rows").toBe(inTable.length);
    for (const route of inTable) expect(publicRoutes[route], `${route} is both in the table and public`).toBeUndefined();
    const missing = files.filter((f) => !inTable.includes(f) && !(f in publicRoutes));
    expect(missing, "route files without a row in the access matrix (add one, or list them as public if they are)").toEqual([]);
    const gone = [...inTable, ...Object.keys(publicRoutes)].filter((r) => !files.includes(r));
    expect(gone, "rows for route files that no longer exist").toEqual([]);
    const organizerFiles = files.filter((f) => f === "admin" || f.startsWith("admin."));
    for (const f of organizerFiles) expect(inTable, `${f} (organizers only) needs a row`).toContain(f);
  });

  it("lists as public only routes that read no session", () => {
    for (const route of Object.keys(publicRoutes)) {
      expect(identityHelpers.test(sources[`../app/routes/${route}.tsx`]), `${route} reads who is asking: give it a row in the access matrix`).toBe(false);
    }
  });

  it("exercises every loader and every action of the table", () => {
    for (const row of table) {
      const mod = moduleOf(row.route);
      expect(Boolean(row.get), `${row.route}: a GET row iff it has a loader`).toBe(typeof mod.loader === "function");
      expect(Boolean(row.post), `${row.route}: a POST row iff it has an action`).toBe(typeof mod.action === "function");
    }
  });

  for (const row of table) {
    it(`${row.route}`, async () => {
      if (row.get) for (const visitor of visitors) await check(row, "GET", visitor, row.get[visitor]);
      if (row.post) for (const visitor of visitors) await check(row, "POST", visitor, row.post.answers[visitor], row.post.body);
    });
  }
});

// Issue 14, item 1: the intents of the city roster, and a person whose typed city was never
// verified. Rows apart from the table (a route has one row there), checked the same way.
describe("access matrix: the city roster", () => {
  const roster = (route: string, url: (f: Fixture) => string, body: (f: Fixture) => Body): Row => ({ route, url, post: { body, answers: organizerOnly() } });
  const rosterRows: Array<{ row: Row; organizer: Expect }> = [
    { row: roster("admin.encuentros.$slug.registros", () => `${bogota}/registros`, (f) => ({ intent: "verifyCity", registrationId: String(f.sameCityRegistrationId) })), organizer: ok },
    { row: roster("admin.encuentros.$slug.registros_.$id", (f) => `${bogota}/registros/${f.sameCityRegistrationId}`, () => ({ intent: "verifyCity" })), organizer: ok },
    { row: roster("admin.encuentros.$slug.registros", () => `${bogota}/registros`, (f) => ({ intent: "withdrawCity", registrationId: String(f.rosterRegistrationId) })), organizer: ok },
    { row: roster("admin.encuentros.$slug.registros_.$id", (f) => `${bogota}/registros/${f.rosterRegistrationId}`, () => ({ intent: "withdrawCity" })), organizer: ok },
  ];
  for (const { row, organizer } of rosterRows) {
    it(`${row.route} ${JSON.stringify(row.post!.body(fixture ?? ({} as Fixture))).replace(/"registrationId":"[^"]*"/, "")}`, async () => {
      for (const visitor of visitors) await check(row, "POST", visitor, visitor === "organizer" ? organizer : toSignIn, row.post!.body);
      await check(row, "POST", "unverified", toSignIn, row.post!.body);
    });
  }

  const byRoute = (route: string) => table.find((r) => r.route === route)!;
  const unverified: Array<{ route: string; get?: Expect; post?: Expect }> = [
    { route: "compromisos.$id._index", get: refused(404), post: refused(404) },
    { route: "compromisos.$id.editar", get: refused(404), post: refused(404) },
    { route: "compromisos.$id.evidencia.$updateId", get: refused(404) },
    // The page says who must confirm them; recording is refused and writes nothing.
    { route: "encuentros.$slug.compromisos_.nuevo", get: ok, post: refused(403) },
    { route: "mi-ciudad.compromisos", get: ok },
    { route: "ciudades.$dane.compromisos[.ics]", get: refused(404) },
  ];
  for (const { route, get, post } of unverified) {
    it(`${route} refuses a person whose city was never verified`, async () => {
      const row = byRoute(route);
      if (get) await check(row, "GET", "unverified", get);
      if (post) await check(row, "POST", "unverified", post, row.post!.body);
      // Whatever the answer, nothing of the city's commitments is in it.
      const result = await call(() =>
        moduleOf(route).loader!({ request: getRequest(row.url(fixture), cookies.unverified), params: paramsFor(route, new URL(row.url(fixture), "http://localhost").pathname)!, context: nextClient() }),
      );
      expect(bodyText(result)).not.toContain(fixture.commitmentTitle);
    });
  }
});
