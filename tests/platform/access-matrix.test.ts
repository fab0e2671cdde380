/// <reference types="vite/client" />
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { recordCommitment } from "~/features/commitments/commands/record.server";
import { signDelegationLink } from "~/features/invitations/links.server";
import { createMessage } from "~/features/messages/commands.server";
import { addDays, utcToWallTime } from "~/lib/time";
import { getDb } from "~/server/db.server";
import { hashPassword } from "~/server/password.server";
import { newCheckinCode } from "~/features/registrations/tokens.server";
import { emailLinkCookie, ensureParticipant, formRequest, getRequest, organizerCookie, participantCookie, verifiedParticipant } from "../helpers/auth";
import { pngImage } from "../helpers/images";
import { multipartRequest, pdfBytes, type MultipartPart } from "../helpers/multipart";
import { flashOf } from "../helpers/flash";
import { call, type RouteResult } from "../helpers/route";
import { routeModules, routeSources } from "../helpers/route-modules";
import { tableContents } from "../helpers/table-contents";
import { dane, makeBogotaDay, makeInvitation, makeOpenEncounter, makeOrganizer, makeParticipant, makeRegistration } from "../factories";
import { makeAnswer, makeQuestion, makeSurvey, makeSurveyQuestion, makeSurveyResponse } from "../factories";

// Issues #9 (item 4) and #14 (item 31): who may open what. One row per route file, with the
// concrete answer to each of five visitors, for its loader (GET) and for EVERY intent of its
// action (POST, with a well-formed form for that intent, so that a refusal is about access and
// not about the input):
//
//   anonymous   no cookie;
//   otherCity   a registrant signed in by email link (a participant's session) of Medellín;
//   sameCity    a registrant signed in by email link of Bogotá, the city of the resource: the
//               Bogotá commitment, the encounter bogota-2024 (hosted by Bogotá, where this
//               registrant is registered and checked in) and its registration. For organizer
//               pages "same city" is still refused;
//   organizer   an organizer account with the role `organizer` (not an admin);
//   admin       an organizer account with the role `admin`, the file's first organizer.
//
// How a registrant is tied to a city: an active row of the city roster (city_roster), written
// when an organizer verifies the person or staff check them in; the city typed on a form grants
// nothing. Commitments carry city_id; a registrant sees and changes only those of the city it
// was verified for (requireCommitment), and records only for it, whatever the form says. A
// sixth visitor, "unverified" (signed in, registered for Bogotá, never verified), is checked
// against the city's pages apart from the table, at the end.
//
// Every refused request (a redirect to sign in, any 4xx) must leave every table's contents as
// they were (tests/helpers/table-contents.ts: rate-limit counters aside) and must not carry any
// of the fixture's private strings.
//
// Adding a route or an intent: a route file without a row fails "has one row for every route
// file"; an intent the action's code tests for (intent === "x", a hidden input name="intent",
// a zod union on "intent"...) without its entry in the row's `post` fails "posts every intent".
// Copy a neighbouring row: `post: { intentName: { body, answers } }`, the answers for all five
// visitors (organizerOnly(), adminOnly(), cityOnly(), everyone(), draftOnly() cover most).
// Intents run in the order written, every intent for one visitor before the next visitor, so a
// sequence that undoes itself (publish, close, reopen, unpublish) can run for both organizers.

type Visitor = "anonymous" | "otherCity" | "sameCity" | "organizer" | "admin";
const visitors: Visitor[] = ["anonymous", "otherCity", "sameCity", "organizer", "admin"];

/** A redirect to a sign-in page that brings the visitor back to the requested address. */
const organizerSignIn = Symbol("organizer sign-in");
const linkSignIn = Symbol("magic-link sign-in");

interface Expect {
  status: number;
  location?: string | RegExp | typeof organizerSignIn | typeof linkSignIn;
  /** The visitor gets what was asked for (no "nothing written" check then). */
  allowed: boolean;
  /** The one-time message the redirect carries (redirectWithFlash): what was done, in Spanish. */
  flash?: string | RegExp;
}

const ok: Expect = { status: 200, allowed: true };
const done = (location: string | RegExp, status = 302): Expect => ({ status, location, allowed: true });
/** A redirect that says once what was done (its flash). */
const doneSaying = (location: string | RegExp, flash: string | RegExp): Expect => ({ ...done(location), flash });
const refused = (status: number, location?: string): Expect => ({ status, location, allowed: false });
const toSignIn: Expect = { status: 302, location: organizerSignIn, allowed: false };
const toLinkSignIn: Expect = { status: 302, location: linkSignIn, allowed: false };

type Answers = Record<Visitor, Expect>;
/** Organizer pages: everyone else goes to the organizers' sign-in (a registrant's session is not an organizer's). */
const organizerOnly = (answer: Expect = ok): Answers => ({ anonymous: toSignIn, otherCity: toSignIn, sameCity: toSignIn, organizer: answer, admin: answer });
/** Admin pages: an organizer without the admin role is signed in, and refused. */
const adminOnly = (answer: Expect = ok): Answers => ({ ...organizerOnly(answer), organizer: refused(403) });
/** Pages of a city's commitments: sign in by link; another city's resource is a 404, whatever it is. */
const cityOnly = (same: Expect = ok, staff: Expect = ok): Answers => ({
  anonymous: toLinkSignIn,
  otherCity: refused(404),
  sameCity: same,
  organizer: staff,
  admin: staff,
});
/** Drafts exist only for organizers: a 404 for everyone else, signed in or not. */
const draftOnly = (staff: Expect = ok): Answers => ({
  anonymous: refused(404),
  otherCity: refused(404),
  sameCity: refused(404),
  organizer: staff,
  admin: staff,
});
/** The same answer for everyone: a public page, or a signed link whose secret is the access (a cookie adds nothing). */
const everyone = (answer: Expect): Answers => ({ anonymous: answer, otherCity: answer, sameCity: answer, organizer: answer, admin: answer });

/** A change to a city's roster from its own page: a focal point's only (the focal point's own answer is checked apart). */
const directoryPost = (): Answers => ({
  anonymous: toLinkSignIn,
  otherCity: refused(403),
  sameCity: refused(403),
  organizer: refused(302, "/admin/ciudades"),
  admin: refused(302, "/admin/ciudades"),
});

type Staff = "organizer" | "admin";
/** For bodies and addresses that must differ between the two organizers (each runs every intent). */
const staffOf = (v: Visitor): Staff => (v === "admin" ? "admin" : "organizer");

interface Fixture {
  commitmentId: number;
  commitmentTitle: string;
  evidenceUpdateId: number;
  sameCityEmail: string;
  sameCityRegistrationId: number;
  sameCityCheckinCode: string;
  certificateRegistrationId: number;
  /** A session of bogota-2024 each organizer saves and deletes. */
  agendaItemFor: Record<Staff, number>;
  /** The first session of bogota-2024, moved by each organizer. */
  firstItemId: number;
  draftItemId: number;
  materialId: number;
  /** A material each organizer versions, restores, edits, reminds about and deletes; its first version. */
  materialFor: Record<Staff, { id: number; firstVersionId: number }>;
  /** A draft message to bogota-2024's confirmed people each organizer edits, schedules, sends and cancels. */
  messageFor: Record<Staff, number>;
  outboxId: number;
  erasableEmailFor: Record<Staff, string>;
  /** Registrations of bogota-2024 each organizer cancels. */
  cancellableFor: Record<Staff, number>;
  /** An organizer account whose role and status the admin changes. */
  targetAccountId: number;
  organizerPassword: string;
  /** A verified Bogotá official registered for bogota-2024, whose verification each organizer withdraws and gives back. */
  rosterRegistrationId: number;
  /** Invitation links of Montería to seguimiento (genuine, withdrawn) and of Bogotá to the past bogota-2024 (expired). */
  delegationLinks: { valid: string; withdrawn: string; expired: string };
  /** A Bogotá registrant on no roster, verified from the city's page. */
  rosterCandidateId: number;
  /** Bogotá roster rows each organizer names focal point and back (toggle) and withdraws. */
  rosterRowFor: Record<Staff, { toggle: number; withdraw: number }>;
  /** Bogotá's focal point (enlace), signed in by link as the sixth visitor. */
  focalPointName: string;
  /** A registration question of bogota-2024 the same-city registrant answered: edited, moved, hidden, never deleted. */
  questionId: number;
  /** A linked survey of bogota-2024, open, and its first question (answered by the same-city registrant). */
  surveyId: number;
  surveyQuestionId: number;
  /** An anonymous survey of the draft encounter, open now. */
  draftSurveyId: number;
}

type Body = Record<string, string> | { multipart: MultipartPart[] };

/** The form with no intent field, for an action that takes one form (or whose default path takes none). */
const noIntent = "(no intent)";

interface Post {
  body: (f: Fixture, v: Visitor) => Body | Promise<Body>;
  /** Another address of the same route for this intent (the row's url otherwise). */
  url?: (f: Fixture, v: Visitor) => string;
  answers: Answers;
}

interface Row {
  /** The route module's file name in app/routes, without .tsx. */
  route: string;
  url: (f: Fixture, v: Visitor) => string;
  get?: Answers;
  /** Every intent of the action, by its value (noIntent for a form without one). */
  post?: Record<string, Post>;
  /** A string that only some visitors' successful answers may contain. */
  shows?: { text: (f: Fixture) => string; to: Visitor[] };
  /** The same for every visitor and reads nobody's session (checked): why it is public. */
  publicRoute?: string;
  /** Each request gets a session of its own (sign-out ends the one it is sent with). */
  freshSession?: boolean;
}

const bogota = "/admin/encuentros/bogota-2024";
const draftSlug = "matriz-borrador";
/** An encounter without registrations, for the status changes (unpublish needs none). */
const statusSlug = "matriz-estados";
const csv = (text: string) => ({ name: "file", filename: "invitados.csv", content: Buffer.from(text, "utf8"), contentType: "text/csv" });
const pdf = (name = "guia.pdf") => ({ name: "file", filename: name, content: pdfBytes("Matriz"), contentType: "application/pdf" });
const surveyFields = (titleEs: string) => ({
  titleEs,
  mode: "linked",
  opensDate: "2024-02-29",
  opensTime: "08:00",
  closesDate: "2024-03-14",
  closesTime: "23:59",
  mailAfterEnd: "on",
  mailDelayHours: "2",
  reminderDays: "3",
});
const fieldsOf = (values: Record<string, string>): MultipartPart[] => Object.entries(values).map(([name, value]) => ({ name, value }));

const commitmentFields = {
  title: "Ruta de atención a víctimas en el PISCC (matriz)",
  instrument: "PISCC",
  theme: "trafficking",
  dueDate: "2031-12-31",
  responsibleName: "Marta Ruiz",
  responsibleEmail: "marta.ruiz@bogota.gov.co",
};

const encounterFields = (title: string, slug: string) => ({
  title,
  slug,
  hostCityId: "",
  timezone: "America/Bogota",
  startDate: "2031-08-12",
  startTime: "08:00",
  endDate: "2031-08-12",
  endTime: "17:00",
  capacity: "120",
  cityQuota: "5",
});

const agendaFields = { title: "Sesión de la matriz", kind: "working_table", room: "Salón 3", date: "2024-02-29", startTime: "09:00", endTime: "09:30" };
const personFields = (email: string, cityDane = "11001") => ({
  fullName: "Persona Matriz",
  email,
  cityDane,
  entity: "Alcaldía",
  position: "Asesora",
  phone: "",
  consent: "on",
});

let waitlisted = 0;
/** A new person on the waiting list of bogota-2024. */
async function waitlistedRegistration(): Promise<number> {
  const db = getDb();
  const encounter = await db.selectFrom("encounters").select("id").where("slug", "=", "bogota-2024").executeTakeFirstOrThrow();
  const participant = await ensureParticipant(`espera.${++waitlisted}.matriz@cali.gov.co`, "76001");
  const now = new Date().toISOString();
  const row = await db
    .insertInto("registrations")
    .values({
      encounter_id: encounter.id,
      participant_id: participant,
      status: "waitlisted",
      waitlist_position: 1000 + waitlisted,
      consent_at: now,
      manage_token_hash: `matriz-espera-${waitlisted}`,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const invitations = "/admin/encuentros/seguimiento/invitaciones";

/** Invite all 32: an address for each city (a city with a focal point ignores it). */
async function everyCityAddress(): Promise<Record<string, string>> {
  const cities = await getDb().selectFrom("cities").select("dane").execute();
  return { intent: "inviteAll", ...Object.fromEntries(cities.map((c) => [`address.${c.dane}`, `enlace.${c.dane}.matriz@alcaldia.gov.co`])) };
}

/** Every intent of the delegation page, well formed, all answered `answers`. */
function delegationPosts(answers: Answers): Record<string, Post> {
  const person = { fullName: "Delegada Matriz", email: "delegada.matriz@alcaldia.gov.co", entity: "Alcaldía", position: "Asesora" };
  return {
    register: {
      body: () => ({ intent: "register", ...Object.fromEntries(Object.entries(person).map(([k, v]) => [`delegates[0].${k}`, v])) }),
      answers,
    },
    replace: { body: () => ({ intent: "replace", registrationId: "1", ...person }), answers },
    cancel: { body: () => ({ intent: "cancel", registrationId: "1" }), answers },
    decline: { body: () => ({ intent: "decline", reason: "No viajamos" }), answers },
  };
}

const table: Row[] = [
  // ---- organizers ------------------------------------------------------------------------------
  { route: "admin", url: () => "/admin", get: organizerOnly() },
  { route: "admin._index", url: () => "/admin", get: organizerOnly() },
  {
    route: "admin.compromisos.$id",
    url: (f) => `/admin/compromisos/${f.commitmentId}`,
    get: organizerOnly(),
    post: {
      // Each organizer marks it done, validates it, reopens it (back to in progress), and stops and resumes its reminders.
      progress: { body: (_f, v) => ({ intent: "progress", status: "done", progress: "100", note: `Terminado (${v})` }), answers: organizerOnly() },
      validate: { body: () => ({ intent: "validate", note: "Revisado con el acta" }), answers: organizerOnly() },
      reopen: { body: () => ({ intent: "reopen", note: "Falta la evidencia" }), answers: organizerOnly() },
      stopReminders: { body: () => ({ intent: "stopReminders" }), answers: organizerOnly() },
      resumeReminders: { body: () => ({ intent: "resumeReminders" }), answers: organizerOnly() },
    },
  },
  { route: "admin.compromisos._index", url: () => "/admin/compromisos?ciudad=11001", get: organizerOnly() },
  {
    route: "admin.compromisos.puntos-focales",
    url: () => "/admin/compromisos/puntos-focales",
    get: organizerOnly(),
    post: {
      rotate: { body: () => ({ intent: "rotate", cityDane: "11001" }), answers: organizerOnly() },
    },
  },
  {
    // Nothing is pending for the fixture's commitment: each one-click answer is a 409 "unchanged".
    route: "admin.compromisos.responsables",
    url: () => "/admin/compromisos/responsables",
    get: organizerOnly(),
    post: {
      confirm: { body: (f) => ({ intent: "confirm", id: String(f.commitmentId) }), answers: organizerOnly(refused(409)) },
      stopResponsible: { body: (f) => ({ intent: "stopResponsible", id: String(f.commitmentId) }), answers: organizerOnly(refused(409)) },
      send: { body: (f) => ({ intent: "send", id: String(f.commitmentId) }), answers: organizerOnly(refused(409)) },
      stopMail: { body: (f) => ({ intent: "stopMail", id: String(f.commitmentId) }), answers: organizerOnly(refused(409)) },
      // An official with nothing pending or held: nothing to stop.
      stopOfficial: { body: () => ({ intent: "stopOfficial", id: "999999" }), answers: organizerOnly(refused(409)) },
    },
  },
  { route: "admin.compromisos[.csv]", url: () => "/admin/compromisos.csv", get: organizerOnly() },
  { route: "admin.compromisos[.xlsx]", url: () => "/admin/compromisos.xlsx", get: organizerOnly() },
  // The city roster (issue 16, item 1): the 32 capitals, and Bogotá's roster, domains and history.
  { route: "admin.ciudades._index", url: () => "/admin/ciudades", get: organizerOnly() },
  {
    route: "admin.ciudades.$dane",
    url: () => "/admin/ciudades/11001",
    get: organizerOnly(),
    post: {
      add: {
        body: (_f, v) => ({
          intent: "add",
          fullName: `Funcionaria de la matriz (${staffOf(v)})`,
          email: `anadida.${staffOf(v)}.matriz@bogota.gov.co`,
          entity: "Secretaría de Gobierno",
          position: "Asesora",
          role: "official",
        }),
        answers: organizerOnly(done("/admin/ciudades/11001")),
      },
      // A Bogotá registrant nobody verified: the first organizer verifies, the second finds it done.
      verify: { body: (f) => ({ intent: "verify", participantId: String(f.rosterCandidateId) }), answers: organizerOnly(done("/admin/ciudades/11001")) },
      makeFocalPoint: {
        body: (f, v) => ({ intent: "makeFocalPoint", rosterId: String(f.rosterRowFor[staffOf(v)].toggle) }),
        answers: organizerOnly(done("/admin/ciudades/11001")),
      },
      unmakeFocalPoint: {
        body: (f, v) => ({ intent: "unmakeFocalPoint", rosterId: String(f.rosterRowFor[staffOf(v)].toggle) }),
        answers: organizerOnly(done("/admin/ciudades/11001")),
      },
      withdraw: {
        body: (f, v) => ({ intent: "withdraw", rosterId: String(f.rosterRowFor[staffOf(v)].withdraw) }),
        answers: organizerOnly(done("/admin/ciudades/11001")),
      },
      addDomain: {
        body: (_f, v) => ({ intent: "addDomain", domain: `matriz-${staffOf(v)}.bogota.gov.co` }),
        answers: organizerOnly(done("/admin/ciudades/11001")),
      },
      // Removes the domain this organizer just added (another visitor's try finds the same one).
      removeDomain: {
        body: async (_f, v) => ({
          intent: "removeDomain",
          domainId: String(
            (
              await getDb()
                .selectFrom("city_email_domains")
                .select("id")
                .where("domain", "=", `matriz-${staffOf(v)}.bogota.gov.co`)
                .executeTakeFirst()
            )?.id ?? 999_999,
          ),
        }),
        answers: organizerOnly(done("/admin/ciudades/11001")),
      },
    },
  },
  {
    route: "admin.correo.$id",
    url: (f) => `/admin/correo/${f.outboxId}`,
    get: organizerOnly(),
    post: { requeue: { body: () => ({ intent: "requeue" }), answers: organizerOnly() } },
  },
  { route: "admin.correo._index", url: () => "/admin/correo", get: organizerOnly() },
  {
    // One's own account, for every organizer (admin or not); the change keeps the matrix's session.
    route: "admin.cuenta",
    url: () => "/admin/cuenta",
    get: organizerOnly(),
    post: {
      [noIntent]: {
        body: (f, v) => ({
          currentPassword: v === "admin" ? "convoca-demo" : f.organizerPassword,
          newPassword: "otra-clave-de-la-matriz",
          confirmPassword: "otra-clave-de-la-matriz",
        }),
        answers: organizerOnly(done("/admin/cuenta")),
      },
    },
  },
  {
    route: "admin.encuentros.$slug._index",
    url: () => `/admin/encuentros/${statusSlug}`,
    get: organizerOnly(),
    post: {
      save: {
        body: () => ({ intent: "save", ...encounterFields("Estados de la matriz", statusSlug) }),
        answers: organizerOnly(doneSaying(`/admin/encuentros/${statusSlug}`, "Los cambios se guardaron.")),
      },
      // A draft without registrations goes round: published, closed, published again, draft.
      publish: { body: () => ({ intent: "publish" }), answers: organizerOnly(doneSaying(`/admin/encuentros/${statusSlug}`, "El encuentro está publicado.")) },
      close: { body: () => ({ intent: "close" }), answers: organizerOnly(doneSaying(`/admin/encuentros/${statusSlug}`, /^El encuentro está cerrado/)) },
      reopen: {
        body: () => ({ intent: "reopen" }),
        answers: organizerOnly(doneSaying(`/admin/encuentros/${statusSlug}`, "El encuentro está publicado de nuevo.")),
      },
      unpublish: {
        body: () => ({ intent: "unpublish" }),
        answers: organizerOnly(doneSaying(`/admin/encuentros/${statusSlug}`, "El encuentro volvió a borrador.")),
      },
      duplicate: {
        body: () => ({ intent: "duplicate", title: "Copia de la matriz", startDate: "2031-03-04" }),
        answers: organizerOnly(doneSaying(/^\/admin\/encuentros\/[a-z0-9-]+$/, /^Esta es la copia, como borrador\./)),
      },
    },
  },
  {
    route: "admin.encuentros.$slug.acreditacion",
    url: () => `${bogota}/acreditacion`,
    get: organizerOnly(),
    post: {
      // The same-city registrant arrived: each organizer takes the arrival back, marks it, and scans its code (already in).
      undo: { body: (f) => ({ intent: "undo", registrationId: String(f.sameCityRegistrationId) }), answers: organizerOnly() },
      checkIn: { body: (f) => ({ intent: "checkIn", registrationId: String(f.sameCityRegistrationId) }), answers: organizerOnly() },
      code: { body: (f) => ({ intent: "code", code: f.sameCityCheckinCode }), answers: organizerOnly() },
      walkIn: { body: (_f, v) => ({ intent: "walkIn", ...personFields(`llegada.${staffOf(v)}.matriz@mitu.gov.co`, "97001") }), answers: organizerOnly() },
    },
  },
  { route: "admin.encuentros.$slug.acreditacion_.asistencia", url: () => `${bogota}/acreditacion/asistencia`, get: organizerOnly() },
  {
    route: "admin.encuentros.$slug.agenda.$itemId",
    url: (f, v) => `${bogota}/agenda/${f.agendaItemFor[staffOf(v)]}`,
    get: organizerOnly(),
    post: {
      save: {
        body: () => ({ intent: "save", ...agendaFields }),
        answers: organizerOnly(doneSaying(/^\/admin\/encuentros\/bogota-2024\/agenda#item-\d+$/, /^(La sesión se guardó|No había cambios que guardar)\.$/)),
      },
      delete: { body: () => ({ intent: "delete" }), answers: organizerOnly(doneSaying(`${bogota}/agenda`, "La sesión se eliminó.")) },
    },
  },
  {
    route: "admin.encuentros.$slug.agenda._index",
    url: () => `${bogota}/agenda`,
    get: organizerOnly(),
    post: {
      create: {
        body: (_f, v) => ({ intent: "create", ...agendaFields, title: "Mesa de trabajo (matriz)", room: `Salón ${staffOf(v)}` }),
        answers: organizerOnly(doneSaying(/^\/admin\/encuentros\/bogota-2024\/agenda#item-\d+$/, "La sesión se añadió a la agenda.")),
      },
      move: {
        body: (f) => ({ intent: "move", itemId: String(f.firstItemId), direction: "down" }),
        answers: organizerOnly(
          doneSaying(/^\/admin\/encuentros\/bogota-2024\/agenda#item-\d+$/, /^(La sesión cambió de lugar|No había cambios que guardar)\.$/),
        ),
      },
      notify: {
        body: () => ({ intent: "notify" }),
        answers: organizerOnly(doneSaying(`${bogota}/agenda`, /^El aviso va en camino a \d+ personas? inscritas?/)),
      },
    },
  },
  {
    route: "admin.encuentros.$slug.preguntas._index",
    url: () => `${bogota}/preguntas`,
    get: organizerOnly(),
    post: {
      add: {
        body: (_f, v) => ({ intent: "add", kind: "short_text", wordingEs: `Pregunta de la matriz (${staffOf(v)})` }),
        answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/preguntas#question-\d+$/)),
      },
      move: {
        body: (f) => ({ intent: "move", id: String(f.questionId), direction: "up" }),
        answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/preguntas#question-\d+$/)),
      },
      hide: {
        body: (f) => ({ intent: "hide", id: String(f.questionId) }),
        answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/preguntas#question-\d+$/)),
      },
      show: {
        body: (f) => ({ intent: "show", id: String(f.questionId) }),
        answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/preguntas#question-\d+$/)),
      },
      // Answered: refused with the reason, for every organizer.
      delete: { body: (f) => ({ intent: "delete", id: String(f.questionId) }), answers: organizerOnly(refused(409)) },
      standard: { body: () => ({ intent: "standard" }), answers: organizerOnly(done(`${bogota}/preguntas`)) },
    },
  },
  {
    route: "admin.encuentros.$slug.preguntas.$id",
    url: (f) => `${bogota}/preguntas/${f.questionId}`,
    get: organizerOnly(),
    post: {
      [noIntent]: {
        body: () => ({ kind: "long_text", wordingEs: "Pregunta de la matriz", wordingEn: "The matrix's question" }),
        answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/preguntas#question-\d+$/)),
      },
    },
  },
  {
    route: "admin.encuentros.$slug.encuestas._index",
    url: () => `${bogota}/encuestas`,
    get: organizerOnly(),
    post: {
      create: {
        body: (_f, v) => ({ intent: "create", ...surveyFields(`Encuesta de la matriz (${staffOf(v)})`) }),
        answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/encuestas\/\d+$/)),
      },
    },
  },
  {
    route: "admin.encuentros.$slug.encuestas.$id",
    url: (f) => `${bogota}/encuestas/${f.surveyId}`,
    get: organizerOnly(),
    post: {
      settings: {
        body: () => ({ intent: "settings", ...surveyFields("Encuesta de satisfacción") }),
        answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/encuestas\/\d+$/)),
      },
      add: {
        body: (_f, v) => ({ intent: "add", kind: "scale", perSession: "on", wordingEs: `Pregunta de la matriz (${staffOf(v)})` }),
        answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/encuestas\/\d+#question-\d+$/)),
      },
      move: {
        body: (f) => ({ intent: "move", id: String(f.surveyQuestionId), direction: "down" }),
        answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/encuestas\/\d+#question-\d+$/)),
      },
      hide: {
        body: (f) => ({ intent: "hide", id: String(f.surveyQuestionId) }),
        answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/encuestas\/\d+#question-\d+$/)),
      },
      show: {
        body: (f) => ({ intent: "show", id: String(f.surveyQuestionId) }),
        answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/encuestas\/\d+#question-\d+$/)),
      },
      // Answered: refused with the reason, for every organizer.
      delete: { body: (f) => ({ intent: "delete", id: String(f.surveyQuestionId) }), answers: organizerOnly(refused(409)) },
    },
  },
  {
    route: "admin.encuentros.$slug.encuestas.$id_.preguntas.$questionId",
    url: (f) => `${bogota}/encuestas/${f.surveyId}/preguntas/${f.surveyQuestionId}`,
    get: organizerOnly(),
    post: {
      [noIntent]: {
        body: () => ({ kind: "scale", required: "on", wordingEs: "En general, ¿qué tan satisfecho o satisfecha quedó con el encuentro?" }),
        answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/encuestas\/\d+#question-\d+$/)),
      },
    },
  },
  { route: "admin.encuentros.$slug.encuestas.$id_.respuestas[.csv]", url: (f) => `${bogota}/encuestas/${f.surveyId}/respuestas.csv`, get: organizerOnly() },
  { route: "admin.encuentros.$slug.encuestas.$id_.respuestas[.xlsx]", url: (f) => `${bogota}/encuestas/${f.surveyId}/respuestas.xlsx`, get: organizerOnly() },
  { route: "admin.encuentros.$slug.asistencia[.csv]", url: () => `${bogota}/asistencia.csv`, get: organizerOnly() },
  { route: "admin.encuentros.$slug.certificados[.zip]", url: () => `${bogota}/certificados.zip`, get: organizerOnly() },
  {
    // Issue 18, section 4: each organizer adds a logo and a signatory (two of each in all,
    // under the limits); removing what does not exist is a 404.
    route: "admin.encuentros.$slug.certificado",
    url: () => `${bogota}/certificado`,
    get: organizerOnly(),
    post: {
      text: {
        body: () => ({ intent: "text", textEs: "En el marco del programa (matriz).", textEn: "", showHours: "on" }),
        answers: organizerOnly(doneSaying(`${bogota}/certificado`, "Se guardó el certificado.")),
      },
      addLogo: {
        body: (_f, v) => ({
          multipart: [
            ...fieldsOf({ intent: "addLogo", institution: `Institución (${staffOf(v)})` }),
            { name: "file", filename: "logo.png", content: pngImage(), contentType: "image/png" },
          ],
        }),
        answers: organizerOnly(doneSaying(`${bogota}/certificado#logos`, "Se agregó el logo.")),
      },
      saveSignatory: {
        body: (_f, v) => ({ multipart: fieldsOf({ intent: "saveSignatory", name: `Firmante (${staffOf(v)})`, title: "Dirección" }) }),
        answers: organizerOnly(doneSaying(/^\/admin\/encuentros\/bogota-2024\/certificado#signatory-\d+$/, "Se guardó el firmante.")),
      },
      removeLogo: { body: () => ({ intent: "removeLogo", id: "999999" }), answers: organizerOnly(refused(404)) },
      removeSignatory: { body: () => ({ intent: "removeSignatory", id: "999999" }), answers: organizerOnly(refused(404)) },
    },
  },
  { route: "admin.encuentros.$slug.certificado_.vista-previa[.pdf]", url: () => `${bogota}/certificado/vista-previa.pdf?lang=en`, get: organizerOnly() },
  {
    // Issue 18, section 6: written, published (the first time registrants are told), hidden.
    route: "admin.encuentros.$slug.relatoria",
    url: () => `${bogota}/relatoria`,
    get: organizerOnly(),
    post: {
      save: {
        body: (_f, v) => ({ intent: "save", body: `## Acuerdos (${staffOf(v)})\n\n- Revisar el PISCC.` }),
        answers: organizerOnly(doneSaying(`${bogota}/relatoria`, "Se guardó la relatoría.")),
      },
      publish: { body: () => ({ intent: "publish" }), answers: organizerOnly(done(`${bogota}/relatoria`)) },
      hide: { body: () => ({ intent: "hide" }), answers: organizerOnly(doneSaying(`${bogota}/relatoria`, "La relatoría ya no está publicada.")) },
    },
  },
  {
    route: "admin.encuentros.$slug.informe",
    url: () => `${bogota}/informe`,
    get: organizerOnly(),
    post: {
      "public-on": { body: () => ({ intent: "public-on" }), answers: organizerOnly(done(`${bogota}/informe`)) },
      "public-off": { body: () => ({ intent: "public-off" }), answers: organizerOnly(done(`${bogota}/informe`)) },
    },
  },
  { route: "admin.encuentros.$slug.informe[.csv]", url: () => `${bogota}/informe.csv`, get: organizerOnly() },
  { route: "admin.encuentros.$slug.informe[.xlsx]", url: () => `${bogota}/informe.xlsx`, get: organizerOnly() },
  {
    // Issue 16: organizers invite the capitals to the upcoming encounter. Each organizer runs every
    // intent: the second one's invitations find the cities invited already (a flash says so).
    route: "admin.encuentros.$slug.invitaciones",
    url: () => invitations,
    get: organizerOnly(),
    post: {
      inviteChosen: {
        body: () => ({ intent: "inviteChosen", cities: "85001", "address.85001": "enlace.matriz@yopal.gov.co" }),
        answers: organizerOnly(done(invitations)),
      },
      inviteRegion: {
        body: () => ({ intent: "inviteRegion", region: "insular", "address.88001": "enlace.matriz@sanandres.gov.co" }),
        answers: organizerOnly(done(invitations)),
      },
      inviteAll: { body: () => everyCityAddress(), answers: organizerOnly(done(invitations)) },
      resend: { body: () => ({ intent: "resend", city: "85001" }), answers: organizerOnly(done(invitations)) },
      remind: { body: () => ({ intent: "remind" }), answers: organizerOnly(done(invitations)) },
      reminderDays: { body: () => ({ intent: "reminderDays", days: "4" }), answers: organizerOnly(done(invitations)) },
      withdraw: { body: (_f, v) => ({ intent: "withdraw", city: staffOf(v) === "admin" ? "08001" : "05001" }), answers: organizerOnly(done(invitations)) },
    },
  },
  {
    route: "admin.encuentros.$slug.materiales",
    url: () => `${bogota}/materiales`,
    get: organizerOnly(),
    post: {
      [noIntent]: {
        body: (_f, v) => ({ multipart: [...fieldsOf({ title: `Guía (matriz, ${staffOf(v)})`, language: "es", visibility: "public" }), pdf()] }),
        answers: organizerOnly(doneSaying(/^\/admin\/materiales\/\d+$/, "El material quedó publicado.")),
      },
    },
  },
  {
    route: "admin.encuentros.$slug.mensajes._index",
    url: () => `${bogota}/mensajes`,
    get: organizerOnly(),
    post: {
      create: {
        body: (_f, v) => ({ intent: "create", subject: `Mensaje de la matriz (${staffOf(v)})`, body: "Texto", statuses: "confirmed" }),
        answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/mensajes\/\d+$/, 303)),
      },
      reminders: {
        body: () => ({ intent: "reminders", enabled: "on", daysBefore: "7, 1", sendTime: "08:00", whatToBring: "Documento de identidad" }),
        answers: organizerOnly(done(`${bogota}/mensajes`, 303)),
      },
    },
  },
  {
    // Each organizer edits its draft, schedules it for tomorrow, sends it now (it is scheduled
    // until the scheduler runs), then cancels it.
    route: "admin.encuentros.$slug.mensajes.$id",
    url: (f, v) => `${bogota}/mensajes/${f.messageFor[staffOf(v)]}`,
    get: organizerOnly(),
    post: {
      save: {
        body: (_f, v) => ({ intent: "save", subject: `Mensaje editado (${staffOf(v)})`, body: "Texto", statuses: "confirmed" }),
        answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/mensajes\/\d+$/, 303)),
      },
      schedule: {
        body: () => ({ intent: "schedule", sendDate: utcToWallTime(addDays(new Date(), 1).toISOString(), "America/Bogota").date, sendTime: "09:00" }),
        answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/mensajes\/\d+$/, 303)),
      },
      send: { body: () => ({ intent: "send" }), answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/mensajes\/\d+$/, 303)) },
      cancel: { body: () => ({ intent: "cancel" }), answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/mensajes\/\d+$/, 303)) },
    },
  },
  {
    route: "admin.encuentros.$slug.registros",
    url: () => `${bogota}/registros`,
    get: organizerOnly(),
    post: {
      // A fresh waitlisted registration each time: a cancellation or a fill promotes the ones waiting.
      promote: {
        body: async () => ({ intent: "promote", registrationId: String(await waitlistedRegistration()), ignoreQuota: "on" }),
        answers: organizerOnly(),
      },
      cancel: { body: (f, v) => ({ intent: "cancel", registrationId: String(f.cancellableFor[staffOf(v)]), reason: "No viaja" }), answers: organizerOnly() },
      fill: { body: () => ({ intent: "fill" }), answers: organizerOnly() },
      // The city roster (issue 14, item 1): each organizer withdraws a verification and gives it back.
      withdrawCity: { body: (f) => ({ intent: "withdrawCity", registrationId: String(f.rosterRegistrationId) }), answers: organizerOnly() },
      verifyCity: { body: (f) => ({ intent: "verifyCity", registrationId: String(f.rosterRegistrationId) }), answers: organizerOnly() },
    },
  },
  { route: "admin.encuentros.$slug.registros[.csv]", url: () => `${bogota}/registros.csv`, get: organizerOnly() },
  { route: "admin.encuentros.$slug.registros[.xlsx]", url: () => `${bogota}/registros.xlsx`, get: organizerOnly() },
  {
    route: "admin.encuentros.$slug.registros_.$id",
    // The same-city registrant's own registration: still not theirs to open here.
    url: (f) => `${bogota}/registros/${f.sameCityRegistrationId}`,
    get: organizerOnly(),
    post: {
      [noIntent]: {
        body: () => ({ fullName: "Autoridad de Bogotá", entity: "Secretaría de Gobierno", position: "Asesora", phone: "", cityDane: "11001", needs: "" }),
        answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/registros\?q=/, 303)),
      },
      withdrawCity: { url: (f) => `${bogota}/registros/${f.rosterRegistrationId}`, body: () => ({ intent: "withdrawCity" }), answers: organizerOnly() },
      verifyCity: { url: (f) => `${bogota}/registros/${f.rosterRegistrationId}`, body: () => ({ intent: "verifyCity" }), answers: organizerOnly() },
    },
  },
  {
    route: "admin.encuentros.$slug.registros_.importar",
    url: () => `${bogota}/registros/importar`,
    get: organizerOnly(),
    post: {
      preview: {
        body: (_f, v) => ({
          multipart: [
            { name: "intent", value: "preview" },
            csv(`nombre,correo,dane,entidad,cargo\nInvitada Matriz,invitada.${staffOf(v)}.matriz@cali.gov.co,76001,Alcaldía,Asesora\n`),
          ],
        }),
        answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/registros\/importar\?id=\d+$/, 303)),
      },
      // Runs the newest preview (the one this organizer just made).
      run: {
        body: async () => ({
          intent: "run",
          id: String((await getDb().selectFrom("registration_imports").select("id").orderBy("id", "desc").executeTakeFirst())?.id ?? 1),
          notify: "",
        }),
        answers: organizerOnly(done(/^\/admin\/encuentros\/bogota-2024\/registros\/importar\?id=\d+$/, 303)),
      },
    },
  },
  {
    route: "admin.encuentros.$slug.seguimiento",
    url: () => `${bogota}/seguimiento`,
    get: organizerOnly(),
    post: {
      [noIntent]: {
        body: () => ({ enabled: "on", reminderDays: "30, 7, 1", overdueNotice: "on", weeklyOverdue: "on", escalateAfterWeeks: "4", sendHour: "9" }),
        answers: organizerOnly(),
      },
    },
  },
  {
    route: "admin.encuentros.nuevo",
    url: () => "/admin/encuentros/nuevo",
    get: organizerOnly(),
    post: {
      [noIntent]: {
        body: (_f, v) => encounterFields("Encuentro de la matriz", `encuentro-matriz-${staffOf(v)}`),
        answers: organizerOnly(doneSaying(/^\/admin\/encuentros\/encuentro-matriz-(organizer|admin)$/, "El encuentro se creó como borrador.")),
      },
    },
  },
  { route: "admin.informes", url: () => "/admin/informes", get: organizerOnly() },
  { route: "admin.informes[.csv]", url: () => "/admin/informes.csv", get: organizerOnly() },
  { route: "admin.informes[.xlsx]", url: () => "/admin/informes.xlsx", get: organizerOnly() },
  {
    route: "admin.materiales.$id",
    url: (f, v) => `/admin/materiales/${f.materialFor[staffOf(v)].id}`,
    get: organizerOnly(),
    post: {
      // A multipart body is a new version of the file (no intent field); then the first version is restored.
      [noIntent]: {
        body: () => ({ multipart: [pdf("version-2.pdf")] }),
        answers: organizerOnly(doneSaying(/^\/admin\/materiales\/\d+$/, "La versión 2 quedó publicada.")),
      },
      restore: {
        body: (f, v) => ({ intent: "restore", versionId: String(f.materialFor[staffOf(v)].firstVersionId) }),
        answers: organizerOnly(doneSaying(/^\/admin\/materiales\/\d+$/, /^La versión \d+ vuelve a ser la actual\.$/)),
      },
      update: {
        body: () => ({ intent: "update", title: "Material de la matriz (editado)", description: "", language: "es", visibility: "registered" }),
        answers: organizerOnly(doneSaying(/^\/admin\/materiales\/\d+$/, "Cambios guardados.")),
      },
      remind: {
        body: () => ({ intent: "remind", cityId: "" }),
        answers: organizerOnly(doneSaying(/^\/admin\/materiales\/\d+$/, /^\d+ recordatorios? en cola para \d+ personas? /)),
      },
      delete: { body: () => ({ intent: "delete", confirm: "on" }), answers: organizerOnly(doneSaying("/admin/materiales", "El material se eliminó.")) },
    },
  },
  {
    route: "admin.materiales._index",
    url: () => "/admin/materiales",
    get: organizerOnly(),
    post: {
      [noIntent]: {
        body: (_f, v) => ({
          multipart: [
            ...fieldsOf({ title: `Material general (matriz, ${staffOf(v)})`, language: "es", visibility: "public", encounterId: "" }),
            pdf("general.pdf"),
          ],
        }),
        answers: organizerOnly(doneSaying(/^\/admin\/materiales\/\d+$/, "El material quedó publicado.")),
      },
    },
  },
  {
    // Admins only: an organizer without that role is refused every part of it.
    route: "admin.organizadores",
    url: () => "/admin/organizadores",
    get: adminOnly(),
    post: {
      create: {
        body: () => ({ intent: "create", name: "Colega de la matriz", email: "colega.matriz@asociacion.org", role: "organizer" }),
        answers: adminOnly(),
      },
      role: { body: (f) => ({ intent: "role", id: String(f.targetAccountId), role: "admin" }), answers: adminOnly() },
      disable: { body: (f) => ({ intent: "disable", id: String(f.targetAccountId) }), answers: adminOnly() },
      enable: { body: (f) => ({ intent: "enable", id: String(f.targetAccountId) }), answers: adminOnly() },
    },
  },
  {
    route: "admin.personas",
    url: (f) => `/admin/personas?email=${encodeURIComponent(f.sameCityEmail)}`,
    get: organizerOnly(),
    // Reading a person's data is for every organizer; erasing it, for admins only.
    post: { [noIntent]: { body: (f, v) => ({ email: f.erasableEmailFor[staffOf(v)], confirm: f.erasableEmailFor[staffOf(v)] }), answers: adminOnly() } },
  },
  { route: "admin.personas.exportar", url: (f) => `/admin/personas/exportar?email=${encodeURIComponent(f.sameCityEmail)}`, get: organizerOnly() },

  // ---- a city's registrants (and organizers) ------------------------------------------------------
  {
    route: "compromisos.$id._index",
    url: (f) => `/compromisos/${f.commitmentId}`,
    get: cityOnly(),
    post: {
      progress: { body: (_f, v) => ({ intent: "progress", status: "in_progress", progress: "60", note: `Avance (${v})` }), answers: cityOnly() },
      stopReminders: { body: () => ({ intent: "stopReminders" }), answers: cityOnly() },
      resumeReminders: { body: () => ({ intent: "resumeReminders" }), answers: cityOnly() },
    },
  },
  {
    route: "compromisos.$id.editar",
    url: (f) => `/compromisos/${f.commitmentId}/editar`,
    get: cityOnly(),
    post: {
      [noIntent]: {
        body: (f) => ({ ...commitmentFields, title: f.commitmentTitle, description: "Con la Secretaría de la Mujer." }),
        answers: cityOnly(done(/^\/compromisos\/\d+$/), done(/^\/admin\/compromisos\/\d+$/)),
      },
    },
  },
  { route: "compromisos.$id.evidencia.$updateId", url: (f) => `/compromisos/${f.commitmentId}/evidencia/${f.evidenceUpdateId}`, get: cityOnly() },
  {
    // Recording is not about another city's resource: each registrant records for its own city
    // (the cityDane of the form is ignored for them), organizers for the city they choose.
    route: "encuentros.$slug.compromisos_.nuevo",
    url: () => "/encuentros/bogota-2024/compromisos/nuevo",
    get: { anonymous: toLinkSignIn, otherCity: ok, sameCity: ok, organizer: ok, admin: ok },
    post: {
      [noIntent]: {
        body: () => ({ ...commitmentFields, cityDane: "11001" }),
        answers: {
          anonymous: toLinkSignIn,
          otherCity: done(/^\/compromisos\/\d+\?registrado=1$/),
          sameCity: done(/^\/compromisos\/\d+\?registrado=1$/),
          organizer: done(/^\/admin\/compromisos\/\d+\?registrado=1$/),
          admin: done(/^\/admin\/compromisos\/\d+\?registrado=1$/),
        },
      },
    },
  },
  {
    route: "mi-ciudad.compromisos",
    url: () => "/mi-ciudad/compromisos",
    get: { anonymous: toLinkSignIn, otherCity: ok, sameCity: ok, organizer: done("/admin/compromisos"), admin: done("/admin/compromisos") },
    shows: { text: (f) => f.commitmentTitle, to: ["sameCity"] },
  },
  {
    // A city's roster for its own people: officials read their own city's, only a focal point
    // changes it (the focal point and the never-verified visitor are checked at the end).
    route: "mi-ciudad.directorio",
    url: () => "/mi-ciudad/directorio",
    get: { anonymous: toLinkSignIn, otherCity: ok, sameCity: ok, organizer: done("/admin/ciudades"), admin: done("/admin/ciudades") },
    post: {
      add: {
        body: () => ({ intent: "add", fullName: "Funcionario de la matriz", email: "agregado.matriz@bogota.gov.co", entity: "Alcaldía", position: "Asesor" }),
        answers: directoryPost(),
      },
      withdraw: { body: (f) => ({ intent: "withdraw", rosterId: String(f.rosterRowFor.organizer.withdraw) }), answers: directoryPost() },
      handOver: { body: (f) => ({ intent: "handOver", rosterId: String(f.rosterRowFor.admin.toggle) }), answers: directoryPost() },
    },
    shows: { text: (f) => f.focalPointName, to: ["sameCity"] },
  },
  {
    // A participant's own registrations; organizers are not participants.
    route: "mi-cuenta",
    url: () => "/mi-cuenta",
    get: { anonymous: toLinkSignIn, otherCity: ok, sameCity: ok, organizer: toLinkSignIn, admin: toLinkSignIn },
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
    get: { anonymous: refused(404), otherCity: refused(404), sameCity: refused(404), organizer: ok, admin: ok },
  },
  {
    // A material for registered people of bogota-2024, where the same-city registrant is registered.
    route: "materiales.$id.descargar",
    url: (f) => `/materiales/${f.materialId}/descargar`,
    get: {
      anonymous: refused(302, "/ingresar/enlace?redirectTo=%2Fencuentros%2Fbogota-2024%2Fmateriales"),
      otherCity: refused(403),
      sameCity: ok,
      organizer: ok,
      admin: ok,
    },
  },

  // ---- public pages of an encounter: a draft (hosted by Bogotá) exists only for organizers --------
  { route: "encuentros.$slug._index", url: () => `/encuentros/${draftSlug}`, get: draftOnly() },
  { route: "encuentros.$slug.agenda", url: () => `/encuentros/${draftSlug}/agenda`, get: draftOnly() },
  { route: "encuentros.$slug.agenda[.ics]", url: () => `/encuentros/${draftSlug}/agenda.ics`, get: draftOnly() },
  { route: "encuentros.$slug.agenda_.$itemId[.ics]", url: (f) => `/encuentros/${draftSlug}/agenda/${f.draftItemId}.ics`, get: draftOnly() },
  { route: "encuentros.$slug.compromisos", url: () => `/encuentros/${draftSlug}/compromisos`, get: draftOnly() },
  { route: "encuentros.$slug.materiales", url: () => `/encuentros/${draftSlug}/materiales`, get: draftOnly() },
  { route: "encuentros.$slug.relatoria", url: () => `/encuentros/${draftSlug}/relatoria`, get: draftOnly() },
  // An anonymous survey of the draft, open now: organizers answer it (a redirect with its thanks).
  {
    route: "encuentros.$slug.encuesta._index",
    url: () => `/encuentros/${draftSlug}/encuesta`,
    get: draftOnly(),
    post: { [noIntent]: { body: () => ({}), answers: draftOnly(done(`/encuentros/${draftSlug}/encuesta`)) } },
  },
  {
    route: "encuentros.$slug.encuesta.$id",
    url: (f) => `/encuentros/${draftSlug}/encuesta/${f.draftSurveyId}`,
    get: draftOnly(),
    post: { [noIntent]: { body: () => ({}), answers: draftOnly(done(/^\/encuentros\/matriz-borrador\/encuesta\/\d+$/)) } },
  },
  {
    route: "encuentros.$slug.registro",
    url: () => `/encuentros/${draftSlug}/registro`,
    get: draftOnly(),
    post: {
      // Even an organizer cannot register anyone for a draft through the public form.
      [noIntent]: { body: () => personFields("persona.matriz@bogota.gov.co"), answers: draftOnly(refused(409)) },
    },
  },
  {
    route: "ingresar._index",
    url: () => "/ingresar",
    get: { anonymous: ok, otherCity: ok, sameCity: ok, organizer: done("/admin"), admin: done("/admin") },
    post: { [noIntent]: { body: () => ({ email: "organizadora@convoca.test", password: "no-es-la-clave" }), answers: everyone(refused(400)) } },
  },

  // ---- signed links: the secret in the address is the access; no cookie replaces it ---------------
  {
    route: "inscripcion.$token",
    url: () => `/inscripcion/${"M".repeat(43)}`,
    get: everyone(refused(404)),
    post: {
      update: {
        body: () => ({ intent: "update", fullName: "Persona Matriz", entity: "Alcaldía", position: "Asesora", phone: "", needs: "" }),
        answers: everyone(refused(404)),
      },
      cancel: { body: () => ({ intent: "cancel" }), answers: everyone(refused(404)) },
      consent: { body: () => ({ intent: "consent", consent: "on" }), answers: everyone(refused(404)) },
      answers: { body: () => ({ intent: "answers" }), answers: everyone(refused(404)) },
    },
  },
  {
    // A forged invitation link; the genuine, withdrawn and expired ones are checked below the table.
    route: "delegacion.$token",
    url: () => `/delegacion/1.1.${"D".repeat(43)}`,
    get: everyone(refused(404)),
    post: delegationPosts(everyone(refused(404))),
  },
  {
    route: "confirmar-datos.$token",
    url: () => `/confirmar-datos/${"C".repeat(43)}`,
    get: everyone(refused(404)),
    post: { [noIntent]: { body: () => ({}), answers: everyone(refused(404)) } },
  },
  { route: "d.$token", url: () => `/d/${Buffer.from("1.1.4102444800").toString("base64url")}.${"A".repeat(43)}`, get: everyone(refused(403)) },
  {
    route: "seguimiento.$token._index",
    url: () => "/seguimiento/no-es-un-enlace",
    get: everyone(refused(404)),
    post: {
      progress: { body: () => ({ intent: "progress", status: "in_progress", progress: "50", note: "Avance" }), answers: everyone(refused(404)) },
      renew: { body: () => ({ intent: "renew" }), answers: everyone(refused(404)) },
    },
  },
  {
    route: "seguimiento.$token.detener",
    url: () => "/seguimiento/no-es-un-enlace/detener",
    get: everyone(refused(404)),
    post: {
      stopReminders: { body: () => ({ intent: "stopReminders" }), answers: everyone(refused(404)) },
      resumeReminders: { body: () => ({ intent: "resumeReminders" }), answers: everyone(refused(404)) },
    },
  },
  {
    route: "mensajes.detener.$token",
    url: () => `/mensajes/detener/1.${"A".repeat(43)}`,
    get: everyone(refused(404)),
    post: {
      stop: { body: () => ({ intent: "stop" }), answers: everyone(refused(404)) },
      resume: { body: () => ({ intent: "resume" }), answers: everyone(refused(404)) },
    },
  },
  {
    route: "ingresar.enlace.$token",
    url: () => `/ingresar/enlace/${"L".repeat(43)}`,
    get: everyone(refused(410)),
    post: { [noIntent]: { body: () => ({}), answers: everyone(refused(410)) } },
  },

  // ---- public routes: the same answer whoever asks (and they read nobody's session) --------------
  { route: "$", url: () => "/no-existe-en-la-matriz", get: everyone(refused(404)), publicRoute: "any unknown address: a 404" },
  { route: "_index", url: () => "/", get: everyone(ok), publicRoute: "published encounters" },
  { route: "healthz", url: () => "/healthz", get: everyone(ok), publicRoute: "load balancer check" },
  { route: "light[.]js", url: () => "/light.js", get: everyone(ok), publicRoute: "the light pages' script, the same for anyone" },
  {
    route: "idioma",
    url: () => "/idioma",
    get: everyone(done("/")),
    post: { [noIntent]: { body: () => ({ lang: "en", redirectTo: "/encuentros/bogota-2024" }), answers: everyone(done("/encuentros/bogota-2024")) } },
    publicRoute: "language switch: a cookie for anyone",
  },
  { route: "privacidad", url: () => "/privacidad", publicRoute: "privacy notice (no loader, no action)" },
  {
    route: "salir",
    url: () => "/salir",
    get: everyone(done("/")),
    post: { [noIntent]: { body: () => ({}), answers: everyone(done("/")) } },
    publicRoute: "sign-out: ends whatever session the cookie names",
    freshSession: true,
  },
  { route: "verificar._index", url: () => "/verificar", get: everyone(ok), publicRoute: "certificate verification form" },
  { route: "verificar.$code", url: () => "/verificar/ABCDE-FGHJK", get: everyone(refused(404)), publicRoute: "public certificate verification (rate limited)" },
  {
    route: "ingresar.enlace._index",
    url: () => "/ingresar/enlace",
    post: { [noIntent]: { body: () => ({ email: "alguien.matriz@bogota.gov.co", redirectTo: "/mi-cuenta" }), answers: everyone(ok) } },
    publicRoute: "asks for a sign-in link; the same answer for any address",
  },
];

// Reading a session, or a helper that does, makes a route depend on who is asking.
const identityHelpers =
  /\b(requireOrganizer|requireAdmin|requireParticipant|requireViewer|requireCommitment|requireOrganizerEncounter|getOrganizer|getParticipant|getViewer|viewerOf|loadVisibleEncounter|readSession)\b/;

const modules = routeModules;
const formModules = import.meta.glob<Record<string, unknown>>("../../app/features/**/forms.ts", { eager: true });
// Shared action parts of several routes (the roster's buttons, the follow-up's intents).
const partModules = import.meta.glob<Record<string, unknown>>("../../app/features/**/*actions.server.ts", { eager: true });
const moduleOf = (route: string) => modules[route];
const sourceOf = (route: string) => routeSources[route];

const literals = (text: string) => [...text.matchAll(/"([^"]+)"/g)].map((m) => m[1]);

/**
 * The intents a route's action tells apart, read from its code: comparisons with the intent
 * (`intent === "x"`, `form.get("intent") !== "x"`, `form.data.intent === "x"`; not `typeof intent`), the values its
 * forms post (`name="intent" value="x"` or `value={a ? "x" : "y"}`, `intent="x"` given to a form
 * component, `{ intent: "x" }` sent by a fetcher), a list it checks with `.includes(intent)`,
 * a `const …intents = [...]` list of its own or exported by a feature's shared actions module it imports, and
 * the options of a zod union on "intent" it parses with.
 */
function intentsOf(route: string): string[] {
  const source = sourceOf(route);
  const found = new Set<string>();
  const add = (values: string[]) => values.forEach((v) => found.add(v));
  for (const m of source.matchAll(/(?<!typeof\s+)\bintent\b["')]*\s*[!=]==?\s*"([^"]+)"/g)) found.add(m[1]);
  for (const m of source.matchAll(/name="intent"\s+value="([^"]+)"/g)) found.add(m[1]);
  for (const m of source.matchAll(/name="intent"\s+value=\{([^}]*)\}/g)) add(literals(m[1]));
  for (const m of source.matchAll(/\bintent(?::\s*|=)"([^"]+)"/g)) found.add(m[1]);
  for (const m of source.matchAll(/\(?(\w+)(?:\s+as\s+[^)]*)?\)?\.includes\(intent\)/g)) {
    const list = new RegExp(`const ${m[1]}\\b[^=]*=\\s*\\[([^\\]]*)\\]`).exec(source);
    expect(list, `${route}: the list ${m[1]} checked with .includes(intent)`).not.toBeNull();
    add(literals(list![1]));
  }
  for (const m of source.matchAll(/const (\w*[iI]ntents)\b[^=]*=\s*\[([^\]]*)\]/g)) add(literals(m[2]));
  // A list of intents exported by a shared part of several routes (e.g. the roster's buttons).
  for (const [file, part] of Object.entries(partModules)) {
    if (!source.includes(`~/${file.replace(/^\.\.\/\.\.\/app\//, "").replace(/\.ts$/, "")}`)) continue;
    for (const [name, value] of Object.entries(part)) if (/intents$/i.test(name) && Array.isArray(value)) add(value.map(String));
  }
  for (const forms of Object.values(formModules)) {
    for (const [name, schema] of Object.entries(forms)) {
      if (!(schema instanceof z.ZodDiscriminatedUnion) || schema.discriminator !== "intent") continue;
      if (!new RegExp(`\\b${name}\\b`).test(source)) continue;
      for (const option of schema.options as z.ZodObject<{ intent: z.ZodLiteral<string> }>[]) found.add(option.shape.intent.value);
    }
  }
  return [...found].sort();
}

/** The params a flat route file name takes from a URL path; null if the path is not that route's. */
function paramsFor(route: string, pathname: string): Record<string, string> | null {
  const names: string[] = [];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  if (route === "$") return { "*": pathname.slice(1) };
  const parts = route
    .replace(/\[([^\]]*)\]/g, (_, inner: string) => inner.replace(/\./g, "\u0001"))
    .split(".")
    .filter((segment) => segment !== "_index")
    // eslint-disable-next-line no-control-regex
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
const sessionOf: Record<Visitor, (() => Promise<string>) | undefined> = {
  anonymous: undefined,
  otherCity: undefined,
  sameCity: undefined,
  organizer: undefined,
  admin: undefined,
};
const cookies: Record<Visitor, string | undefined> = {
  anonymous: undefined,
  otherCity: undefined,
  sameCity: undefined,
  organizer: undefined,
  admin: undefined,
};
let unverifiedCookie: string | undefined;
let focalPointCookie: string | undefined;
let clients = 0;
/** A fresh client address per request, so rate limits never decide an answer here. */
const nextClient = () => ({ clientIp: `198.51.${100 + Math.floor(++clients / 250)}.${clients % 250}` });

beforeAll(async () => {
  const db = getDb();
  const now = new Date().toISOString();
  const cityId = async (dane: string) => (await db.selectFrom("cities").select("id").where("dane", "=", dane).executeTakeFirstOrThrow()).id;
  const bogotaCity = await cityId("11001");
  // The admin (the first organizer, so organizerCookie() signs it in; the account row changes
  // its password from this one); the encounter of 29 February 2024, hosted by Bogotá, with its
  // agenda; and another Bogotá official who came to it.
  const admin = await makeOrganizer(db, { email: "organizadora@convoca.test", password: "convoca-demo", role: "admin" });
  const { encounter } = await makeBogotaDay(db, { slug: "bogota-2024", capacity: 120, city_quota: 5 });
  expect(encounter.host_city_id).toBe(bogotaCity);
  const cameToo = await makeParticipant(db, { cityDane: dane.bogota });
  await makeRegistration(db, { encounter_id: encounter.id, participant_id: cameToo.id, checked_in_at: encounter.starts_at });

  // An organizer who is not an admin, and an account for the admin's role and status changes.
  const organizerPassword = "clave-de-la-organizadora-matriz";
  const account = (email: string) =>
    db
      .insertInto("organizers")
      .values({ email, name: `Cuenta ${email}`, role: "organizer", password_hash: "" })
      .returning("id")
      .executeTakeFirstOrThrow();
  await db
    .insertInto("organizers")
    .values({
      email: "organizador.matriz@asociacion.org",
      name: "Organizador de la matriz",
      role: "organizer",
      password_hash: await hashPassword(organizerPassword),
    })
    .execute();
  const target = await account("cuenta.objetivo.matriz@asociacion.org");

  const sameCityEmail = "autoridad.matriz@bogota.gov.co";
  // Both speak for their city: verified through the roster, as a typed city grants nothing.
  const sameCity = await verifiedParticipant(sameCityEmail, "11001");
  const otherCity = await verifiedParticipant("autoridad.matriz@medellin.gov.co", "05001");
  // Registrants sign in by email link; the fresh sessions of the sign-out row are rows like the
  // ones the link creates (asking for a link each time would meet its per-address limit).
  cookies.sameCity = await emailLinkCookie(sameCityEmail);
  cookies.otherCity = await emailLinkCookie("autoridad.matriz@medellin.gov.co");
  sessionOf.sameCity = () => participantCookie(sameCity);
  sessionOf.otherCity = () => participantCookie(otherCity);
  sessionOf.organizer = () => organizerCookie("organizador.matriz@asociacion.org");
  sessionOf.admin = () => organizerCookie();
  cookies.organizer = await sessionOf.organizer();
  cookies.admin = await sessionOf.admin();
  await ensureParticipant("sin.verificar.matriz@bogota.gov.co", "11001");
  unverifiedCookie = await emailLinkCookie("sin.verificar.matriz@bogota.gov.co");

  // The Bogotá registrant came to bogota-2024.
  const sameCityCheckinCode = newCheckinCode();
  const register = async (participantId: number, extra: { checked_in_at?: string; checkin_code?: string } = {}) => {
    const row = await db
      .insertInto("registrations")
      .values({
        encounter_id: encounter.id,
        participant_id: participantId,
        status: "confirmed",
        consent_at: now,
        manage_token_hash: `matriz-${Math.random()}`,
        updated_at: now,
        ...extra,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .updateTable("encounters")
      .set({ confirmed_count: (eb) => eb("confirmed_count", "+", 1) })
      .where("id", "=", encounter.id)
      .execute();
    return row.id;
  };
  const registration = await register(sameCity, { checked_in_at: now, checkin_code: sameCityCheckinCode });
  const cancellableFor = {
    organizer: await register(await ensureParticipant("cancela.organizer.matriz@cali.gov.co", "76001")),
    admin: await register(await ensureParticipant("cancela.admin.matriz@cali.gov.co", "76001")),
  };

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
    actor: { kind: "organizer", id: admin.id, name: admin.name },
  });
  const progress = await import("~/routes/compromisos.$id._index");
  const evidence = await call(() =>
    progress.action({
      request: multipartRequest(
        `/compromisos/${commitmentId}`,
        [
          ...fieldsOf({ status: "in_progress", progress: "20", note: "Acta" }),
          { name: "evidenceFile", filename: "acta.pdf", content: pdfBytes("Acta"), contentType: "application/pdf" },
        ],
        { cookie: cookies.sameCity },
      ),
      params: { id: String(commitmentId) },
      context: nextClient(),
    }),
  );
  expect(evidence.status, JSON.stringify(evidence.data)).toBe(200);
  const update = await db
    .selectFrom("commitment_updates")
    .select("id")
    .where("commitment_id", "=", commitmentId)
    .where("evidence_key", "is not", null)
    .executeTakeFirstOrThrow();

  // Sessions of bogota-2024 for each organizer's save and delete.
  const agendaItem = async (title: string) =>
    (
      await db
        .insertInto("agenda_items")
        .values({ encounter_id: encounter.id, starts_at: encounter.ends_at, ends_at: encounter.ends_at, title, kind: "panel", position: 999 })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const agendaItemFor = { organizer: await agendaItem("Sesión de la matriz (organizador)"), admin: await agendaItem("Sesión de la matriz (admin)") };
  const firstItem = await db
    .selectFrom("agenda_items")
    .select("id")
    .where("encounter_id", "=", encounter.id)
    .orderBy("position")
    .orderBy("id")
    .executeTakeFirstOrThrow();

  // A draft encounter hosted by Bogotá, with a session, a material and public commitments;
  // and an empty draft for the status changes.
  const draftValues = (slug: string, title: string) => ({
    slug,
    title,
    host_city_id: bogotaCity,
    starts_at: "2031-05-20T13:00:00.000Z",
    ends_at: "2031-05-20T22:00:00.000Z",
    capacity: 50,
    city_quota: 3,
    status: "draft" as const,
    commitments_public: 1,
    updated_at: now,
  });
  const draft = await db.insertInto("encounters").values(draftValues(draftSlug, "Borrador de la matriz")).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("encounters").values(draftValues(statusSlug, "Estados de la matriz")).execute();
  const draftItem = await db
    .insertInto("agenda_items")
    .values({
      encounter_id: draft.id,
      starts_at: "2031-05-20T14:00:00.000Z",
      ends_at: "2031-05-20T15:00:00.000Z",
      title: "Apertura del borrador (matriz)",
      kind: "plenary",
      position: 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  // Materials for registered people of bogota-2024, uploaded by the admin: one the registrants
  // download, one for each organizer to change and delete.
  const upload = await import("~/routes/admin.encuentros.$slug.materiales");
  const uploadMaterial = async (title: string) => {
    const uploaded = await call(() =>
      upload.action({
        request: multipartRequest(`${bogota}/materiales`, [...fieldsOf({ title, language: "es", visibility: "registered" }), pdf("inscritos.pdf")], {
          cookie: cookies.admin,
        }),
        params: { slug: "bogota-2024" },
        context: nextClient(),
      }),
    );
    expect(uploaded.status, JSON.stringify(uploaded.data)).toBe(302);
    const id = Number(/\/admin\/materiales\/(\d+)/.exec(uploaded.headers.get("Location")!)![1]);
    const version = await db.selectFrom("material_versions").select("id").where("material_id", "=", id).executeTakeFirstOrThrow();
    return { id, firstVersionId: version.id };
  };
  const material = await uploadMaterial("Presentación para inscritos");
  const materialFor = { organizer: await uploadMaterial("Material de la matriz (organizador)"), admin: await uploadMaterial("Material de la matriz (admin)") };

  let outbox = await db.selectFrom("email_outbox").select("id").orderBy("id").executeTakeFirst();
  if (!outbox) {
    outbox = await db
      .insertInto("email_outbox")
      .values({ idempotency_key: "matriz:1", recipient: sameCityEmail, template: "magic-link", next_attempt_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
  }

  const rosterPerson = await verifiedParticipant("retirar.matriz@bogota.gov.co", "11001");
  const rosterRegistration = await db
    .insertInto("registrations")
    .values({
      encounter_id: encounter.id,
      participant_id: rosterPerson,
      status: "cancelled",
      consent_at: now,
      manage_token_hash: `matriz-${Math.random()}`,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  // The roster's page: a registrant to verify, rows for each organizer, and Bogotá's focal point.
  const rosterCandidateId = await ensureParticipant("por.verificar.matriz@bogota.gov.co", "11001");
  const rosterRow = async (email: string) => {
    const id = await verifiedParticipant(email, "11001");
    return (await db.selectFrom("city_roster").select("id").where("participant_id", "=", id).where("withdrawn_at", "is", null).executeTakeFirstOrThrow()).id;
  };
  const rosterRowFor = {
    organizer: { toggle: await rosterRow("enlace.organizer.matriz@bogota.gov.co"), withdraw: await rosterRow("retiro.organizer.matriz@bogota.gov.co") },
    admin: { toggle: await rosterRow("enlace.admin.matriz@bogota.gov.co"), withdraw: await rosterRow("retiro.admin.matriz@bogota.gov.co") },
  };
  const focalPointName = "Enlace de Bogotá de la matriz";
  const focalPointId = await ensureParticipant("enlace.matriz@bogota.gov.co", "11001");
  await db.updateTable("participants").set({ full_name: focalPointName }).where("id", "=", focalPointId).execute();
  await verifiedParticipant("enlace.matriz@bogota.gov.co", "11001");
  await db
    .updateTable("city_roster")
    .set({ role: "focal_point", focal_point_since: now })
    .where("participant_id", "=", focalPointId)
    .where("withdrawn_at", "is", null)
    .execute();
  focalPointCookie = await emailLinkCookie("enlace.matriz@bogota.gov.co");
  // A question of bogota-2024 with an answer (its deletion is refused for everyone).
  const question = await makeQuestion(db, { encounter_id: encounter.id, kind: "long_text", wording_es: "Pregunta de la matriz" });
  await makeAnswer(db, { question_id: question.id, registration_id: registration });
  const demoAdmin = await db.selectFrom("organizers").select("id").orderBy("id").executeTakeFirstOrThrow();
  const draftMessage = async (staff: Staff) =>
    (
      await createMessage(db, demoAdmin.id, encounter.id, {
        subject: `Borrador de mensaje (${staff})`,
        body: "Texto",
        segment: { statuses: ["confirmed"], cities: [] },
      })
    ).id;
  const messageFor = { organizer: await draftMessage("organizer"), admin: await draftMessage("admin") };

  const erasableEmailFor = { organizer: "borrar.organizer.matriz@bogota.gov.co", admin: "borrar.admin.matriz@bogota.gov.co" };
  for (const email of Object.values(erasableEmailFor)) await ensureParticipant(email, "11001");

  // The upcoming encounter the capitals are invited to, with Montería's invitation (sent), and
  // an invitation of Bogotá to the past bogota-2024.
  const upcoming = await makeOpenEncounter(db, { slug: "seguimiento", title: "Encuentro de seguimiento" });
  const monteria = await makeInvitation(db, { encounter_id: upcoming.id, cityDane: "23001" });
  const past = await makeInvitation(db, { encounter_id: encounter.id, city_id: bogotaCity });
  const delegationLinks = {
    valid: signDelegationLink({ invitationId: monteria.id, version: monteria.link_version }),
    withdrawn: signDelegationLink({ invitationId: monteria.id, version: monteria.link_version + 1 }),
    expired: signDelegationLink({ invitationId: past.id, version: past.link_version }),
  };
  // A survey of bogota-2024 whose first question the same-city registrant answered.
  const demoSurvey = await makeSurvey(db, { encounter_id: encounter.id });
  const demoSurveyQuestion = await makeSurveyQuestion(db, { survey_id: demoSurvey.id });
  await makeSurveyQuestion(db, { survey_id: demoSurvey.id, kind: "long_text" });
  await makeSurveyResponse(db, { survey_id: demoSurvey.id, registration_id: registration }, [{ question_id: demoSurveyQuestion.id, value: "4" }]);
  const draftSurvey = await makeSurvey(db, { encounter_id: draft.id, mode: "anonymous" });
  await makeSurveyQuestion(db, { survey_id: draftSurvey.id });

  fixture = {
    commitmentId,
    commitmentTitle,
    evidenceUpdateId: update.id,
    sameCityEmail,
    sameCityRegistrationId: registration,
    sameCityCheckinCode,
    certificateRegistrationId: certificate.id,
    agendaItemFor,
    firstItemId: firstItem.id,
    draftItemId: draftItem.id,
    materialId: material.id,
    materialFor,
    messageFor,
    outboxId: outbox.id,
    erasableEmailFor,
    cancellableFor,
    targetAccountId: target.id,
    organizerPassword,
    rosterRegistrationId: rosterRegistration.id,
    delegationLinks,
    rosterCandidateId,
    rosterRowFor,
    focalPointName,
    questionId: question.id,
    surveyId: demoSurvey.id,
    surveyQuestionId: demoSurveyQuestion.id,
    draftSurveyId: draftSurvey.id,
  };
});

/** Strings no refused answer may carry. */
const secrets = (f: Fixture) => [
  f.commitmentTitle,
  f.sameCityEmail,
  "acta.pdf",
  "Presentación para inscritos",
  "Borrador de la matriz",
  "Apertura del borrador (matriz)",
];

function requestFor(method: "GET" | "POST", url: string, cookie: string | undefined, body?: Body): Request {
  if (method === "GET") return getRequest(url, cookie);
  if (body && "multipart" in body && Array.isArray(body.multipart)) return multipartRequest(url, body.multipart, { cookie });
  return formRequest(url, (body ?? {}) as Record<string, string>, { cookie });
}

/** Two visitors checked apart from the table, each as a Bogotá registrant: one never verified, and Bogotá's focal point. */
type ApartVisitor = "unverified" | "focalPoint";

async function check(row: Row, method: "GET" | "POST", visitor: Visitor | ApartVisitor, expected: Expect, intent?: string) {
  const as: Visitor = visitor === "unverified" || visitor === "focalPoint" ? "sameCity" : visitor;
  const url = (intent === undefined ? undefined : row.post![intent].url?.(fixture, as)) ?? row.url(fixture, as);
  const parsed = new URL(url, "http://localhost");
  const params = paramsFor(row.route, parsed.pathname);
  expect(params, `${url} is not an address of ${row.route}`).not.toBeNull();
  const mod = moduleOf(row.route);
  const fn = method === "GET" ? mod.loader! : mod.action!;
  const body = intent === undefined ? undefined : await row.post![intent].body(fixture, as);
  const cookie =
    visitor === "unverified"
      ? unverifiedCookie
      : visitor === "focalPoint"
        ? focalPointCookie
        : row.freshSession
          ? await sessionOf[visitor]?.()
          : cookies[visitor];
  const before = expected.allowed ? null : await tableContents();
  const request = requestFor(method, url, cookie, body);
  const result = await call(() => fn({ request, params: params!, context: nextClient() }));
  const what = intent === undefined ? method : `POST ${intent}`;
  const where = `${visitor} ${what} ${url} (${row.route}): ${bodyText(result).slice(0, 300)}`;

  expect(result.status, where).toBe(expected.status);
  const location = result.headers.get("Location");
  if (expected.location === organizerSignIn) expect(location, where).toBe(`/ingresar?redirectTo=${encodeURIComponent(parsed.pathname + parsed.search)}`);
  else if (expected.location === linkSignIn) expect(location, where).toBe(`/ingresar/enlace?redirectTo=${encodeURIComponent(parsed.pathname + parsed.search)}`);
  else if (expected.location instanceof RegExp) expect(location, where).toMatch(expected.location);
  else if (typeof expected.location === "string") expect(location, where).toBe(expected.location);
  else expect(location, where).toBeNull();
  if (expected.flash instanceof RegExp) expect(await flashOf(result), `${where}: its flash`).toMatch(expected.flash);
  else if (expected.flash !== undefined) expect(await flashOf(result), `${where}: its flash`).toBe(expected.flash);

  if (!expected.allowed) {
    expect(await tableContents(), `a refused request wrote: ${where}`).toEqual(before);
    const text = bodyText(result);
    for (const secret of secrets(fixture)) expect(text.includes(secret), `${where} carries "${secret}"`).toBe(false);
  }
  if (row.shows && result.status === 200) {
    const sees = bodyText(result).includes(row.shows.text(fixture));
    const shown = visitor !== "unverified" && row.shows.to.includes(as);
    expect(sees, `${where}: ${shown ? "should" : "should not"} show ${row.shows.text(fixture)}`).toBe(shown);
  }
}

describe("access matrix", () => {
  it("has one row for every route file, and none for a file that is gone", () => {
    const files = Object.keys(modules).sort();
    const inTable = table.map((r) => r.route);
    expect(new Set(inTable).size, "a route has two rows").toBe(inTable.length);
    const missing = files.filter((f) => !inTable.includes(f));
    expect(missing, "route files without a row in the access matrix (add one: copy a neighbouring row)").toEqual([]);
    const gone = inTable.filter((r) => !files.includes(r));
    expect(gone, "rows for route files that no longer exist").toEqual([]);
  });

  it("gives public routes the same answer for every visitor, and they read no session", () => {
    for (const row of table.filter((r) => r.publicRoute)) {
      expect(identityHelpers.test(sourceOf(row.route)), `${row.route} reads who is asking: it is not public, give it per-visitor answers`).toBe(false);
      for (const answers of [row.get, ...Object.values(row.post ?? {}).map((p) => p.answers)]) {
        if (answers) for (const visitor of visitors) expect(answers[visitor], `${row.route}: ${visitor}`).toEqual(answers.anonymous);
      }
    }
  });

  it("exercises every loader and every action of every route", () => {
    for (const row of table) {
      const mod = moduleOf(row.route);
      expect(Boolean(row.get), `${row.route}: a GET row iff it has a loader`).toBe(typeof mod.loader === "function");
      expect(Boolean(row.post && Object.keys(row.post).length > 0), `${row.route}: POST rows iff it has an action`).toBe(typeof mod.action === "function");
    }
  });

  it("posts every intent each action tells apart", () => {
    const missing: string[] = [];
    for (const row of table) {
      if (!moduleOf(row.route).action) continue;
      for (const intent of intentsOf(row.route)) if (!(intent in row.post!)) missing.push(`${row.route}: ${intent}`);
    }
    expect(missing, "intents of an action without their entry in the access matrix").toEqual([]);
  });

  it("finds the intents of an action in its code (the reader of the check above)", () => {
    expect(intentsOf("admin.encuentros.$slug._index")).toEqual(["close", "duplicate", "publish", "reopen", "save", "unpublish"]);
    expect(intentsOf("admin.encuentros.$slug.acreditacion")).toEqual(["checkIn", "code", "undo", "walkIn"]);
    expect(intentsOf("admin.encuentros.$slug.registros")).toEqual(["cancel", "fill", "promote", "verifyCity", "withdrawCity"]);
    expect(intentsOf("admin.compromisos.responsables")).toEqual(["confirm", "send", "stopMail", "stopOfficial", "stopResponsible"]);
    expect(intentsOf("seguimiento.$token.detener")).toEqual(["resumeReminders", "stopReminders"]);
  });

  for (const row of table) {
    it(`${row.route}`, async () => {
      if (row.get) for (const visitor of visitors) await check(row, "GET", visitor, row.get[visitor]);
      if (row.post)
        for (const visitor of visitors) for (const [intent, post] of Object.entries(row.post)) await check(row, "POST", visitor, post.answers[visitor], intent);
    });
  }
});

// Issue 14, item 1: a person whose typed city was never verified, signed in by email link and
// registered for Bogotá, against the city's pages of the table, checked the same way.
describe("access matrix: a person whose city was never verified", () => {
  const byRoute = (route: string) => table.find((r) => r.route === route)!;
  const unverified: Array<{ route: string; get?: Expect; post?: Expect }> = [
    { route: "compromisos.$id._index", get: refused(404), post: refused(404) },
    { route: "compromisos.$id.editar", get: refused(404), post: refused(404) },
    { route: "compromisos.$id.evidencia.$updateId", get: refused(404) },
    // The page says who must confirm them; recording is refused and writes nothing.
    { route: "encuentros.$slug.compromisos_.nuevo", get: ok, post: refused(403) },
    { route: "mi-ciudad.compromisos", get: ok },
    { route: "ciudades.$dane.compromisos[.ics]", get: refused(404) },
    // The roster: the same notice on its own page, and no change to it; no organizer page.
    { route: "mi-ciudad.directorio", get: ok, post: refused(403) },
    { route: "admin.ciudades._index", get: toSignIn },
    { route: "admin.ciudades.$dane", get: toSignIn, post: toSignIn },
  ];
  for (const { route, get, post } of unverified) {
    it(`${route} refuses a person whose city was never verified`, async () => {
      const row = byRoute(route);
      if (get) await check(row, "GET", "unverified", get);
      if (post) for (const intent of Object.keys(row.post!)) await check(row, "POST", "unverified", post, intent);
      // Whatever the answer, nothing of the city's commitments is in it.
      const url = row.url(fixture, "sameCity");
      const result = await call(() =>
        moduleOf(route).loader!({
          request: getRequest(url, unverifiedCookie),
          params: paramsFor(route, new URL(url, "http://localhost").pathname)!,
          context: nextClient(),
        }),
      );
      expect(bodyText(result)).not.toContain(fixture.commitmentTitle);
    });
  }
});

// Issue 16: the delegation page's access is its link. The genuine link opens for anyone who holds
// it, signed in or not (a cookie adds nothing); a withdrawn (or superseded) one and one for an
// encounter that ended answer 410 to every visitor and every intent, writing nothing; a forged
// one is the table's row above (404).
describe("access matrix: the delegation page by its link", () => {
  const row = (url: (f: Fixture) => string, get: Answers, post?: Answers): Row => ({
    route: "delegacion.$token",
    url,
    get,
    post: post ? delegationPosts(post) : undefined,
  });
  const cases: Array<[string, Row]> = [
    ["a genuine link opens for every visitor", row((f) => `/delegacion/${f.delegationLinks.valid}`, everyone(ok))],
    ["a withdrawn link is refused (410)", row((f) => `/delegacion/${f.delegationLinks.withdrawn}`, everyone(refused(410)), everyone(refused(410)))],
    ["an expired link is refused (410)", row((f) => `/delegacion/${f.delegationLinks.expired}`, everyone(refused(410)), everyone(refused(410)))],
  ];
  for (const [name, r] of cases) {
    it(name, async () => {
      for (const visitor of visitors) await check(r, "GET", visitor, r.get![visitor]);
      if (r.post) for (const visitor of visitors) for (const [intent, p] of Object.entries(r.post)) await check(r, "POST", visitor, p.answers[visitor], intent);
    });
  }
});

// Issue 16, item 1: Bogotá's focal point (enlace), signed in by email link, is a verified
// official of Bogotá who also keeps its roster from /mi-ciudad/directorio, and no organizer. The
// hand-over runs last: after it, the visitor is an official like any other.
describe("access matrix: a city's focal point", () => {
  const byRoute = (route: string) => table.find((r) => r.route === route)!;
  const focal: Array<{ route: string; get?: Expect; post?: Record<string, Expect> }> = [
    { route: "compromisos.$id._index", get: ok },
    { route: "mi-ciudad.compromisos", get: ok },
    { route: "encuentros.$slug.compromisos_.nuevo", get: ok },
    { route: "admin.ciudades._index", get: toSignIn },
    {
      route: "admin.ciudades.$dane",
      get: toSignIn,
      post: {
        add: toSignIn,
        verify: toSignIn,
        makeFocalPoint: toSignIn,
        unmakeFocalPoint: toSignIn,
        withdraw: toSignIn,
        addDomain: toSignIn,
        removeDomain: toSignIn,
      },
    },
    { route: "admin.compromisos.puntos-focales", get: toSignIn },
    {
      route: "mi-ciudad.directorio",
      get: ok,
      // The rows each organizer already withdrew or named: the one left to withdraw and hand over is fresh.
      post: { add: done("/mi-ciudad/directorio"), withdraw: done("/mi-ciudad/directorio"), handOver: done("/mi-ciudad/directorio") },
    },
  ];
  for (const { route, get, post } of focal) {
    it(`${route} answers Bogotá's focal point`, async () => {
      const row = byRoute(route);
      if (get) await check(row, "GET", "focalPoint", get);
      for (const [intent, expected] of Object.entries(post ?? {})) {
        if (route !== "mi-ciudad.directorio") {
          await check(row, "POST", "focalPoint", expected, intent);
          continue;
        }
        // On its own roster page the focal point acts on rows of its own: a fresh official each time.
        const db = getDb();
        const official = await verifiedParticipant(`oficial.${intent}.matriz@bogota.gov.co`, "11001");
        const rosterId = (
          await db.selectFrom("city_roster").select("id").where("participant_id", "=", official).where("withdrawn_at", "is", null).executeTakeFirstOrThrow()
        ).id;
        const body = intent === "add" ? await row.post!.add.body(fixture, "sameCity") : { intent, rosterId: String(rosterId) };
        const result = await call(() =>
          moduleOf(route).action!({
            request: formRequest(row.url(fixture, "sameCity"), body as Record<string, string>, { cookie: focalPointCookie }),
            params: {},
            context: nextClient(),
          }),
        );
        expect(result.status, `focalPoint POST ${intent}: ${bodyText(result).slice(0, 300)}`).toBe(expected.status);
        expect(result.headers.get("Location")).toBe(expected.location);
      }
    });
  }
});
