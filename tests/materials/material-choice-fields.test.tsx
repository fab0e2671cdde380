import { beforeAll, describe, expect, it } from "vitest";
import * as adminEncounterMaterials from "~/routes/admin.encuentros.$slug.materiales";
import * as adminMaterial from "~/routes/admin.materiales.$id/route";
import * as adminMaterials from "~/routes/admin.materiales._index";
import { getDb } from "~/server/db.server";
import { formRequest } from "../helpers/auth";
import { makeEncounter, makeSignedInOrganizer } from "../factories";
import { multipartRequest, pdfBytes, type MultipartPart } from "../helpers/multipart";
import { describedBy, openingTag, radioGroup, renderAfterPost } from "../helpers/rendered-page";
import { call } from "../helpers/route";

// The material forms' choices say why they were refused, as their text fields do: the
// encounter and language selects are marked invalid and point at their error
// (aria-describedby); the visibility radios are marked invalid and their fieldset points at
// its error. The forms are posted to their real actions and the pages rendered to HTML.

let cookie: string;
const invalid = "El valor no es válido.";

// A signed-in organizer and the encounter the materials are uploaded to.
beforeAll(async () => {
  const db = getDb();
  cookie = (await makeSignedInOrganizer(db, { role: "admin" })).cookie;
  await makeEncounter(db, { slug: "bogota-2024" });
});

function upload(url: string, fields: Record<string, string>): Request {
  const parts: MultipartPart[] = Object.entries(fields).map(([name, value]) => ({ name, value }));
  parts.push({ name: "file", filename: "guia.pdf", content: pdfBytes(url), contentType: "application/pdf" });
  return multipartRequest(url, parts, { cookie });
}

function expectSelectRefused(html: string, name: string) {
  const select = openingTag(html, "select", name);
  expect(select).toContain('aria-invalid="true"');
  expect(describedBy(html, select)).toEqual({ describedBy: `field-${name}-error`, described: [invalid] });
}

function expectRadiosRefused(html: string, name: string, fieldId: string) {
  const { radios, fieldset } = radioGroup(html, name);
  expect(radios).toHaveLength(3);
  for (const radio of radios) expect(radio).toContain('aria-invalid="true"');
  expect(describedBy(html, fieldset)).toEqual({ describedBy: `${fieldId}-error`, described: [invalid] });
}

describe("the material forms' choices say why they were refused", () => {
  it("the encounter select, when the encounter does not exist", async () => {
    const request = upload("/admin/materiales", { encounterId: "999999999", title: "Guía sin encuentro", language: "es", visibility: "registered" });
    const html = await renderAfterPost(adminMaterials, "admin/materiales", request);
    expectSelectRefused(html, "encounterId");
    // The other choices were fine: not marked.
    expect(openingTag(html, "select", "language")).not.toContain("aria-invalid");
    expect(radioGroup(html, "visibility").fieldset).not.toContain("aria-describedby");
  });

  it("the language select and the visibility radios of the upload form", async () => {
    const request = upload("/admin/encuentros/bogota-2024/materiales", { title: "Guía secreta", language: "de", visibility: "secret" });
    const html = await renderAfterPost(adminEncounterMaterials, "admin/encuentros/:slug/materiales", request);
    expectSelectRefused(html, "language");
    expectRadiosRefused(html, "visibility", "field-visibility");
  });

  it("the language select and the visibility radios of the material page's data form", async () => {
    const created = await call(() =>
      adminEncounterMaterials.action({
        request: upload("/admin/encuentros/bogota-2024/materiales", { title: "Guía para corregir", language: "es", visibility: "registered" }),
        params: { slug: "bogota-2024" },
        context: {},
      }),
    );
    const id = /^\/admin\/materiales\/(\d+)/.exec(created.headers.get("Location") ?? "")?.[1];
    expect(id, JSON.stringify(created.data)).toBeDefined();

    const request = formRequest(
      `/admin/materiales/${id}`,
      { intent: "update", title: "Guía para corregir", description: "", language: "de", visibility: "secret" },
      { cookie },
    );
    const html = await renderAfterPost(adminMaterial, "admin/materiales/:id", request);
    expectSelectRefused(html, "language");
    expectRadiosRefused(html, "visibility", "field-edit-visibility");
  });
});
