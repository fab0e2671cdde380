import { beforeAll, describe, expect, it } from "vitest";
import * as encounterMaterials from "~/routes/admin.encuentros.$slug.materiales";
import * as registrations from "~/routes/admin.encuentros.$slug.registros/route";
import * as material from "~/routes/admin.materiales.$id/route";
import * as people from "~/routes/admin.personas";
import { getDb } from "~/server/db.server";
import { ensureParticipant, formRequest, organizerCookie } from "../helpers/auth";
import { multipartRequest, pdfBytes } from "../helpers/multipart";
import { call } from "../helpers/route";
import { tableContents } from "../helpers/table-contents";
import { makeEncounter, makeOrganizer } from "../factories";

// The specific answer each refusal gives (the key the page turns into words), and that a
// refusal writes nothing: the cases the area tests leave at "a 400".

let organizer: string;
beforeAll(async () => {
  const db = getDb();
  await makeEncounter(db, { slug: "bogota-2024" });
  organizer = await organizerCookie((await makeOrganizer(db, { role: "admin" })).email);
});

describe("a material's organizer page (POST /admin/materiales/:id)", () => {
  let id = "";
  beforeAll(async () => {
    const r = await call(() =>
      encounterMaterials.action({
        request: multipartRequest(
          "/admin/encuentros/bogota-2024/materiales",
          [
            { name: "language", value: "es" },
            { name: "title", value: "Guía de rutas de atención" },
            { name: "visibility", value: "public" },
            { name: "file", filename: "guia.pdf", content: pdfBytes("Guía", 800), contentType: "application/pdf" },
          ],
          { cookie: organizer },
        ),
        params: { slug: "bogota-2024" },
        context: {},
      }),
    );
    id = /\/admin\/materiales\/(\d+)/.exec(r.headers.get("Location") ?? "")![1];
  });

  const act = (fields: Record<string, string>) =>
    call(() => material.action({ request: formRequest(`/admin/materiales/${id}`, fields, { cookie: organizer }), params: { id }, context: {} }));

  it.each([
    ["delete without the confirmation box", { intent: "delete" }, "confirm"],
    ["an unknown intent", { intent: "publish" }, "invalid"],
    ["no intent at all", {}, "invalid"],
    ["restore with a version id that is not a number", { intent: "restore", versionId: "1 or 1=1" }, "invalid"],
    ["restore with no version id", { intent: "restore" }, "invalid"],
    ["a reminder for a city id that is not a number", { intent: "remind", cityId: "-1" }, "invalid"],
  ])("refuses %s with 400 and the error %s, writing nothing", async (_what, fields, error) => {
    const before = await tableContents();
    const r = await act(fields as Record<string, string>);
    expect(r).toMatchObject({ status: 400, data: { form: "other", error } });
    expect(await tableContents()).toEqual(before);
  });

  it("refuses an update without a title with 400 and the field's error, keeping what was typed", async () => {
    const before = await tableContents();
    const r = await act({ intent: "update", title: "   ", description: "Nueva", language: "es", visibility: "public" });
    expect(r.status).toBe(400);
    expect(r.data).toMatchObject({ form: "update", error: { title: ["required"] }, initialValue: { description: "Nueva" } });
    expect(await tableContents()).toEqual(before);
  });
});

describe("deleting a person's data (POST /admin/personas)", () => {
  const remove = (fields: Record<string, string>) =>
    call(() => people.action({ request: formRequest("/admin/personas", fields, { cookie: organizer }), params: {}, context: {} }));

  it("says the two addresses differ (mismatch) when the confirmation is another address", async () => {
    const email = "no.coincide@alcaldia.gov.co";
    await ensureParticipant(email);
    const before = await tableContents();
    expect(await remove({ email, confirm: "otra@alcaldia.gov.co" })).toMatchObject({ status: 400, data: { error: { "": ["confirmMismatch"] } } });
    expect(await tableContents()).toEqual(before);
  });

  it("refuses an address that is not one with 400 (not a mismatch), and an unknown address with 404", async () => {
    const before = await tableContents();
    const notAnAddress = await remove({ email: "no-es-correo", confirm: "no-es-correo" });
    expect(notAnAddress).toMatchObject({ status: 400, data: { error: { email: ["email"], confirm: ["email"] } } });
    expect(notAnAddress.data.error[""]).toBeUndefined();
    expect(await remove({ email: "nadie@alcaldia.gov.co", confirm: "nadie@alcaldia.gov.co" })).toMatchObject({
      status: 404,
      data: { error: { "": ["notFound"] } },
    });
    expect(await tableContents()).toEqual(before);
  });
});

describe("the registrations list's actions (POST /admin/encuentros/:slug/registros)", () => {
  it("refuses an unknown intent, a registration id that is not one and an over-long reason with 400 and the field's error", async () => {
    const encounter = await makeEncounter(getDb());
    const url = `/admin/encuentros/${encounter.slug}/registros`;
    const post = (fields: Record<string, string>) =>
      call(() => registrations.action({ request: formRequest(url, fields, { cookie: organizer }), params: { slug: encounter.slug }, context: {} }));
    const before = await tableContents();
    const refused: Array<[Record<string, string>, Record<string, string[]>]> = [
      [{ intent: "delete", registrationId: "1" }, { intent: ["invalid"] }],
      [{ intent: "cancel", registrationId: "uno" }, { registrationId: ["invalid"] }],
      [{ intent: "cancel", registrationId: "1", reason: "x".repeat(1001) }, { reason: ["tooLong"] }],
      [{}, { intent: ["invalid"] }],
    ];
    for (const [fields, error] of refused) {
      expect(await post(fields), JSON.stringify(fields)).toMatchObject({ status: 400, data: { error } });
    }
    // A well-formed id that is no registration of this encounter: notActive, 404.
    expect(await post({ intent: "promote", registrationId: "999999" })).toMatchObject({ status: 404, data: { error: { "": ["notActive"] } } });
    expect(await tableContents()).toEqual(before);
    expect(await getDb().selectFrom("registrations").select("id").where("encounter_id", "=", encounter.id).execute()).toHaveLength(0);
  });
});
