import { describe, expect, it } from "vitest";
import { render as renderReactEmail } from "@react-email/render";
import { emailTemplates, htmlToTextOptions, renderEmail } from "~emails/index";
import { templateNames, type TemplateName } from "~/features/mail/outbox.server";
import { expectedSubjects, sampleData } from "./fixtures";

const render = (template: TemplateName, locale: "es" | "en") =>
  // The map's value type is the union of all data types; each entry fits its own template.
  renderEmail(template, locale, sampleData[template] as never);

const greeting = { es: /Hola, (Ana Pérez|Carlos Gómez):/, en: /Hello (Ana Pérez|Carlos Gómez),/ };
// A notice to an address nobody confirmed greets no one by name: the name was typed by whoever
// named that address, and none of their words go to a stranger.
const anonymousGreeting = { es: /Hola:/, en: /Hello,/ };
const greetsByName = (template: TemplateName) => template !== "commitment-pending-responsible";

describe("every template, in Spanish and English", () => {
  it("covers the messages the next issues need", () => {
    expect([...templateNames].sort()).toEqual(
      [
        "commitment-escalation",
        "commitment-link",
        "commitment-overdue",
        "commitment-pending-responsible",
        "commitment-recorded",
        "commitment-reminder",
        "materials-available",
        "materials-reminder",
        "minutes-published",
        "profile-changes",
        "registration-cancelled",
        "registration-confirmed",
        "registration-promoted",
        "registration-waitlisted",
        "sign-in-link",
        "agenda-changed",
        "roster-change",
        "roster-notice",
        "encounter-message",
        "encounter-reminder",
        "invitation",
        "delegation-removed",
        "survey-invitation",
      ].sort(),
    );
  });

  for (const template of templateNames) {
    for (const locale of ["es", "en"] as const) {
      it(`${template} (${locale}): subject, HTML and text`, async () => {
        const email = await render(template, locale);
        expect(email.subject).toBe(expectedSubjects[template][locale]);

        expect(email.html).toContain(`lang="${locale}"`);
        expect(email.html).toMatch((greetsByName(template) ? greeting : anonymousGreeting)[locale]);
        // No remote content and no scripts: nothing loads, nothing tracks.
        expect(email.html).not.toMatch(/<script|<img|<link|<iframe|src=|url\(/i);

        expect(email.text).toMatch((greetsByName(template) ? greeting : anonymousGreeting)[locale]);
        expect(email.text).not.toMatch(/<[a-z/!]/i);
        expect(email.text).not.toContain(locale === "es" ? "Hello" : "Hola");

        // The link the reader must follow appears in both versions.
        const data = sampleData[template] as Record<string, unknown>;
        const link = String(data.url ?? data.manageUrl ?? data.updateUrl ?? data.registerUrl);
        expect(email.html).toContain(`href="${link}"`);
        expect(email.text).toContain(link);

        // The shared layout names the encounter whenever the message is about one.
        const encounter = data.encounter as { title: string } | undefined;
        if (encounter) {
          expect(email.html).toContain(encounter.title);
          expect(email.text).toContain(encounter.title);
        }
      });
    }
  }

  it("says the encounter's time in its own zone, whatever the server's zone", async () => {
    const es = await render("registration-confirmed", "es");
    const en = await render("registration-confirmed", "en");
    expect(es.text).toContain("jueves, 29 de febrero de 2024");
    expect(es.text).toContain("08:00 a 13:30");
    expect(en.text).toContain("Thursday, February 29, 2024");
    expect(en.text).toContain("08:00 to 13:30");
  });

  it("passes attachments through and mentions the calendar file", async () => {
    const email = await render("registration-confirmed", "es");
    expect(email.attachments).toEqual([expect.objectContaining({ filename: "encuentro.ics", encoding: "utf-8" })]);
    expect(email.text).toContain("(.ics)");
    const waitlisted = await render("registration-waitlisted", "es");
    expect(waitlisted.attachments).toEqual([]);
  });

  it("escapes what people typed instead of letting it into the HTML", async () => {
    const email = await renderEmail("sign-in-link", "es", { ...sampleData["sign-in-link"], name: 'Ana <b onclick="x">' });
    expect(email.html).toContain("Ana &lt;b onclick=");
    expect(email.html).not.toContain("<b onclick");
  });
});

describe("the plain-text version", () => {
  it("is what react-email's render gives with plainText: true", async () => {
    const template = emailTemplates["commitment-reminder"];
    for (const locale of ["es", "en"] as const) {
      const element = template.body(template.schema.parse(sampleData["commitment-reminder"]), locale);
      const email = await render("commitment-reminder", locale);
      expect(email.text).toContain("40 %");
      expect(email.text).toBe(await renderReactEmail(element, { plainText: true, htmlToTextOptions }));
    }
  });
});
