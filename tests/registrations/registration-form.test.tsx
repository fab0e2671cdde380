import { describe, expect, it } from "vitest";
import * as form from "~/routes/encuentros.$slug.registro";
import { messagesFor } from "~/i18n/catalog.server";
import { formRequest } from "../helpers/auth";
import { describedBy, openingTag, renderAfterPost } from "../helpers/rendered-page";
import { ctx } from "../helpers/route";
import { formFields, makeEncounter } from "./helpers";

// The public form as the server sends it back after a refusal, with JavaScript off: the list
// of errors above it links to each field, each field keeps what was typed and points at its
// own error, and the honeypot never comes back filled.

const es = messagesFor("es").registration;

describe("the public registration form after a refusal", () => {
  it("lists each error with a link to its field, keeps what was typed, and never echoes the honeypot", async () => {
    const encounter = await makeEncounter({ capacity: 5 });
    const fields = { ...formFields(`rendered-${encounter.id}`), email: "no-es-correo", website: "http://spam.example" };
    delete (fields as Partial<typeof fields>).consent;
    const html = await renderAfterPost(
      form as never,
      "/encuentros/:slug/registro",
      formRequest(`/encuentros/${encounter.slug}/registro`, fields),
      400,
      ctx("203.0.113.90"),
    );

    const summary = /<div class="alert alert--error" role="alert">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "";
    expect(summary).toContain("Revise los campos marcados.");
    expect(summary).toContain('<a href="#field-email">');
    expect(summary).toContain('<a href="#field-consent">');
    expect(summary).toContain(es.errors.consent);

    const email = openingTag(html, "input", "email");
    expect(email).toContain('id="field-email"');
    expect(email).toContain('value="no-es-correo"');
    expect(email).toContain('aria-invalid="true"');
    expect(describedBy(html, email).described).toEqual([es.form.emailHint, es.errors.email]);
    expect(openingTag(html, "input", "fullName")).toContain(`value="${fields.fullName}"`);
    expect(openingTag(html, "input", "fullName")).not.toContain("aria-invalid");
    expect(openingTag(html, "input", "consent")).toContain('aria-invalid="true"');
    expect(openingTag(html, "select", "cityDane")).toMatch(/id="field-cityDane"/);
    expect(html).toMatch(/<option value="11001" selected="">/);

    const honeypot = openingTag(html, "input", "website");
    expect(honeypot).not.toBe("");
    expect(honeypot).not.toContain("spam.example");
  });
});
