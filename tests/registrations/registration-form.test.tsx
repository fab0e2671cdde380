import { describe, expect, it } from "vitest";
import * as form from "~/routes/encuentros.$slug.registro";
import * as manage from "~/routes/inscripcion.$token";
import { registerForEncounter } from "~/features/registrations/commands/register.server";
import { getDb } from "~/server/db.server";
import { makeOrganizer } from "../factories";
import { messagesFor } from "~/i18n/catalog.server";
import { formRequest } from "../helpers/auth";
import { describedBy, openingTag, renderAfterPost } from "../helpers/rendered-page";
import { ctx } from "../helpers/route";
import { formFields, makeEncounter, person } from "./helpers";

// The public form as the server sends it back after a refusal, with JavaScript off: the list
// of errors above it links to each field, each field keeps what was typed and points at its
// own error, and the honeypot never comes back filled. Then the personal page's consent gate.

const es = messagesFor("es").registration;

describe("the public registration form after a refusal", () => {
  it("lists each error with a link to its field, keeps what was typed, and never echoes the honeypot", async () => {
    const encounter = await makeEncounter({ capacity: 5 });
    const fields: Record<string, string> = { ...formFields(`rendered-${encounter.id}`), email: "no-es-correo", website: "http://spam.example" };
    delete fields.consent;
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

describe("the personal page's consent gate after a refusal", () => {
  it("says to tick the box, marks it invalid, and shows nothing else of the registration", async () => {
    const db = getDb();
    const encounter = await makeEncounter({ capacity: 5 });
    const organizer = await makeOrganizer(db);
    const imported = await registerForEncounter(db, encounter.id, person(`gate-${encounter.id}`), {
      locale: "es",
      source: "import",
      registeredBy: organizer.id,
      notify: false,
    });
    if (!("token" in imported)) throw new Error(imported.kind);
    const html = await renderAfterPost(
      manage as never,
      "/inscripcion/:token",
      formRequest(`/inscripcion/${imported.token}`, { intent: "consent" }),
      400,
      ctx("203.0.113.91"),
    );
    const home = messagesFor("es").registrationHome.consent;
    expect(html).toContain(`<div class="alert alert--error" role="alert">${home.required}</div>`);
    const box = openingTag(html, "input", "consent");
    expect(box).toContain('aria-invalid="true"');
    expect(box).not.toContain("checked");
    expect(describedBy(html, box).described.at(-1)).toBe(es.errors.consent);
    expect(html).not.toContain(`gate-${encounter.id}@`);
  });
});
