import { beforeAll, describe, expect, it } from "vitest";
import * as adminEncounterMaterials from "~/routes/admin.encuentros.$slug.materiales";
import * as adminMaterial from "~/routes/admin.materiales.$id/route";
import { getDb } from "~/server/db.server";
import { formRequest } from "../helpers/auth";
import { makeEncounter, makeSignedInOrganizer } from "../factories";
import { multipartRequest, pdfBytes } from "../helpers/multipart";
import { describedBy, openingTag, renderAfterPost } from "../helpers/rendered-page";
import { call } from "../helpers/route";

// A screen reader user who sends a description that is too long must hear why when the form
// comes back: the error is tied to the textarea (aria-describedby) and the textarea is marked
// invalid. The forms are posted to their real actions and the pages rendered to HTML as the
// server would send them.

let cookie: string;
const tooLong = "x".repeat(2001);

// A signed-in organizer and the encounter the materials are uploaded to.
beforeAll(async () => {
  const db = getDb();
  cookie = (await makeSignedInOrganizer(db, { role: "admin" })).cookie;
  await makeEncounter(db, { slug: "bogota-2024" });
});

/** The description textarea's opening tag, and the text of the element its aria-describedby names. */
function describedDescription(html: string) {
  const textarea = openingTag(html, "textarea", "description");
  return { textarea, ...describedBy(html, textarea) };
}

describe("the material description field says why it was refused", () => {
  it("on the upload form of an encounter", async () => {
    const request = multipartRequest(
      "/admin/encuentros/bogota-2024/materiales",
      [
        { name: "title", value: "Guía larga" },
        { name: "description", value: tooLong },
        { name: "language", value: "es" },
        { name: "visibility", value: "registered" },
        { name: "file", filename: "guia.pdf", content: pdfBytes(), contentType: "application/pdf" },
      ],
      { cookie },
    );
    const html = await renderAfterPost(adminEncounterMaterials, "admin/encuentros/:slug/materiales", request);
    const { textarea, describedBy, described } = describedDescription(html);
    expect(textarea).toContain('aria-invalid="true"');
    expect(describedBy).toBe("field-description-error");
    expect(described).toEqual(["El texto es demasiado largo."]);
  });

  it("on the material page's data form", async () => {
    const upload = multipartRequest(
      "/admin/encuentros/bogota-2024/materiales",
      [
        { name: "title", value: "Guía para editar" },
        { name: "language", value: "es" },
        { name: "visibility", value: "registered" },
        { name: "file", filename: "guia.pdf", content: pdfBytes("Editar"), contentType: "application/pdf" },
      ],
      { cookie },
    );
    const created = await call(() => adminEncounterMaterials.action({ request: upload, params: { slug: "bogota-2024" }, context: {} }));
    const id = /^\/admin\/materiales\/(\d+)/.exec(created.headers.get("Location") ?? "")?.[1];
    expect(id, JSON.stringify(created.data)).toBeDefined();

    const request = formRequest(
      `/admin/materiales/${id}`,
      { intent: "update", title: "Guía para editar", description: tooLong, language: "es", visibility: "registered" },
      { cookie },
    );
    const html = await renderAfterPost(adminMaterial, "admin/materiales/:id", request);
    const { textarea, describedBy, described } = describedDescription(html);
    expect(textarea).toContain('aria-invalid="true"');
    expect(describedBy).toBe("field-description-error");
    expect(described).toEqual(["El texto es demasiado largo."]);
  });
});
