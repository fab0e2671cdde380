import { beforeAll, describe, expect, it } from "vitest";
import * as record from "~/routes/encuentros.$slug.compromisos_.nuevo";
import { verifiedParticipant, formRequest, participantCookie } from "../helpers/auth";
import { getDb } from "~/server/db.server";
import { makeEncounter } from "../factories";
import { describedBy, radioGroup, renderAfterPost } from "../helpers/rendered-page";

// The commitment form's radio choices (instrument, status) say why they were refused: each
// radio is marked invalid and the fieldset points at the error (aria-describedby). The form is
// posted to the real action and the page rendered to HTML.

let cookie: string;
let slug: string;

beforeAll(async () => {
  slug = (await makeEncounter(getDb(), { starts_at: "2024-02-29T13:00:00.000Z" })).slug;
  cookie = await participantCookie(await verifiedParticipant("autoridad@medellin.example.org", "05001"));
});

describe("the commitment form's instrument choice", () => {
  it("is marked invalid and points at its error when the instrument is not one offered", async () => {
    const fields = {
      title: "Ruta de atención en el POT",
      instrument: "POT",
      theme: "trafficking",
      dueDate: "2024-12-31",
      responsibleName: "Marta Ruiz",
      responsibleEmail: "marta.ruiz@medellin.example.org",
    };
    const html = await renderAfterPost(record, "encuentros/:slug/compromisos/nuevo", formRequest(`/encuentros/${slug}/compromisos/nuevo`, fields, { cookie }));
    const { radios, fieldset } = radioGroup(html, "instrument");
    expect(radios.length).toBeGreaterThan(1);
    for (const radio of radios) expect(radio).toContain('aria-invalid="true"');
    expect(describedBy(html, fieldset)).toEqual({ describedBy: "field-instrument-error", described: ["El valor no es válido."] });
  });
});
