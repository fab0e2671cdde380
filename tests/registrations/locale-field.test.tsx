import { describe, expect, it } from "vitest";
import * as form from "~/routes/encuentros.$slug.registro";
import * as manage from "~/routes/inscripcion.$token";
import { formRequest } from "../helpers/auth";
import { describedBy, openingTag, renderAfterPost } from "../helpers/rendered-page";
import { call, ctx } from "../helpers/route";
import { formFields, makeEncounter, outbox } from "./helpers";

// The language select of the person's own page says why it was refused, as its text fields
// do: marked invalid and pointing at its error (aria-describedby). The form is posted to the
// real action and the page rendered to HTML.

describe("the manage page's language select", () => {
  it("is marked invalid and points at its error when the language is not one offered", async () => {
    const encounter = await makeEncounter({ capacity: 5 });
    const registered = await call(() =>
      form.action({
        request: formRequest(`/encuentros/${encounter.slug}/registro`, formFields(`locale-${encounter.id}`)),
        params: { slug: encounter.slug },
        context: ctx(),
      }),
    );
    expect(registered.data.kind).toBe("received");
    // The personal link goes by mail only.
    const mail = (await outbox()).filter((m) => m.recipient === formFields(`locale-${encounter.id}`).email).at(-1);
    const token = /\/inscripcion\/([A-Za-z0-9_-]{43})$/.exec(JSON.parse(mail?.data ?? "{}").manageUrl ?? "")?.[1];
    expect(token, JSON.stringify(registered.data)).toBeDefined();

    const request = formRequest(`/inscripcion/${token}`, {
      intent: "update",
      fullName: "Ana María Ruiz",
      entity: "Alcaldía",
      position: "Asesora",
      needs: "",
      locale: "de",
    });
    const html = await renderAfterPost(manage, "inscripcion/:token", request, 400, ctx());
    const select = openingTag(html, "select", "locale");
    expect(select).toContain('aria-invalid="true"');
    expect(describedBy(html, select)).toEqual({ describedBy: "field-locale-error", described: ["El valor no es válido."] });
  });
});
