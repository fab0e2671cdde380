import { beforeAll, describe, expect, it } from "vitest";
import { messagesFor } from "~/i18n/catalog.server";
import { format } from "~/i18n/index";
import * as mailMessage from "~/routes/admin.correo.$id";
import * as checkin from "~/routes/admin.encuentros.$slug.acreditacion/route";
import * as registrations from "~/routes/admin.encuentros.$slug.registros/route";
import * as importer from "~/routes/admin.encuentros.$slug.registros_.importar";
import * as people from "~/routes/admin.personas";
import { getDb } from "~/server/db.server";
import { formRequest, organizerCookie } from "../helpers/auth";
import { multipartRequest } from "../helpers/multipart";
import { describedBy, openingTag, renderAfterPost } from "../helpers/rendered-page";
import { dane, makeEncounter, makeOrganizer, makeParticipant, makeRegistration } from "../factories";

// The organizers' forms answer a refusal with conform's reply; these render the page after a
// refused post (the real action, loader and component) to check that the reply reaches the
// person: the field marked invalid and pointing at its words, or the page's alert.

const es = messagesFor("es");
let cookie: string;
beforeAll(async () => {
  cookie = await organizerCookie((await makeOrganizer(getDb(), { role: "admin" })).email);
});

/** The opening tag of the first element with this id. */
const tagWithId = (html: string, element: string, id: string) => new RegExp(`<${element}[^>]*id="${id}"[^>]*>`).exec(html)?.[0] ?? "";
/** The text of every role="alert" on the page. */
const alerts = (html: string) => [...html.matchAll(/<[a-z]+[^>]*role="alert"[^>]*>([^<]*)</g)].map((m) => m[1]);

describe("the check-in page after a refusal", () => {
  it("says an unknown code aloud and marks the code field", async () => {
    const encounter = await makeEncounter(getDb());
    const url = `/admin/encuentros/${encounter.slug}/acreditacion`;
    const html = await renderAfterPost(
      checkin,
      "/admin/encuentros/:slug/acreditacion",
      formRequest(url, { intent: "code", code: "ZZZZZ-ZZZZZ" }, { cookie }),
      404,
    );
    expect(alerts(html)).toContain(es.registration.checkin.unknownCode);
    const input = tagWithId(html, "input", "field-code");
    expect(input).toContain('aria-invalid="true"');
    expect(describedBy(html, input).described).toContain(es.registration.checkin.unknownCode);
    expect(input).toContain('value="ZZZZZ-ZZZZZ"');
  });

  it("opens the walk-in form again with the address already registered marked, keeping what was typed", async () => {
    const db = getDb();
    const encounter = await makeEncounter(db);
    const registered = await makeParticipant(db, { email: `ya.inscrita.${encounter.id}@alcaldia.gov.co` });
    await makeRegistration(db, { encounter_id: encounter.id, participant_id: registered.id });
    const fields = {
      intent: "walkIn",
      fullName: "Llegó Sin Inscripción",
      email: registered.email,
      cityDane: dane.bogota,
      entity: "Alcaldía",
      position: "Asesora",
      consent: "on",
    };
    const html = await renderAfterPost(
      checkin,
      "/admin/encuentros/:slug/acreditacion",
      formRequest(`/admin/encuentros/${encounter.slug}/acreditacion`, fields, { cookie }),
      409,
    );
    expect(html).toMatch(/<details class="card" open="">/);
    const email = tagWithId(html, "input", "walkin-email");
    expect(email).toContain('aria-invalid="true"');
    expect(describedBy(html, email).described).toEqual([es.registration.checkin.walkInExisting]);
    expect(tagWithId(html, "input", "walkin-fullName")).toContain('value="Llegó Sin Inscripción"');
    // Only the walk-in's field: the code form above is not marked.
    expect(tagWithId(html, "input", "field-code")).not.toContain("aria-invalid");
  });
});

describe("the registrations list after a refusal", () => {
  it("says why a person cannot move up from the waiting list", async () => {
    const db = getDb();
    const encounter = await makeEncounter(db, { capacity: 1 });
    await makeRegistration(db, { encounter_id: encounter.id });
    const waiting = await makeRegistration(db, { encounter_id: encounter.id, status: "waitlisted" });
    const html = await renderAfterPost(
      registrations,
      "/admin/encuentros/:slug/registros",
      formRequest(`/admin/encuentros/${encounter.slug}/registros`, { intent: "promote", registrationId: String(waiting.id) }, { cookie }),
      409,
    );
    expect(alerts(html)).toContain(es.registration.admin.refusals.full);
  });
});

describe("the import after a refused file", () => {
  it("marks the file field and names the columns that are missing", async () => {
    const encounter = await makeEncounter(getDb());
    const request = multipartRequest(
      `/admin/encuentros/${encounter.slug}/registros/importar`,
      [
        { name: "intent", value: "preview" },
        { name: "file", filename: "invitados.csv", content: Buffer.from("nombre;correo\nAna;ana@alcaldia.gov.co\n"), contentType: "text/csv" },
      ],
      { cookie },
    );
    const html = await renderAfterPost(importer, "/admin/encuentros/:slug/registros/importar", request);
    const input = openingTag(html, "input", "file");
    expect(input).toContain('aria-invalid="true"');
    const [hint, error] = describedBy(html, input).described;
    expect(hint).toBe(es.registration.import.fileHint);
    expect(error).toBe(format(es.registration.import.missingColumns, { columns: "entity, position, cityDane" }));
  });
});

describe("one person's data after a refused deletion", () => {
  it("says the two addresses differ", async () => {
    const person = await makeParticipant(getDb());
    const html = await renderAfterPost(
      people,
      "/admin/personas",
      formRequest("/admin/personas", { email: person.email, confirm: "otra@alcaldia.gov.co" }, { cookie }),
    );
    expect(alerts(html)).toContain(es.people.confirmMismatch);
  });
});

describe("a message of the outbox after a refused requeue", () => {
  it("says only a failed message can be sent again", async () => {
    const db = getDb();
    const row = await db
      .insertInto("email_outbox")
      .values({
        idempotency_key: "refusal:pending",
        recipient: "x@example.test",
        template: "sign-in-link",
        locale: "es",
        data: "{}",
        status: "pending",
        next_attempt_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const html = await renderAfterPost(mailMessage, "/admin/correo/:id", formRequest(`/admin/correo/${row.id}`, { intent: "requeue" }, { cookie }), 200);
    expect(alerts(html)).toContain(es.mailbox.message.notRequeued);
  });
});
