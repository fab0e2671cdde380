import { beforeAll, describe, expect, it } from "vitest";
import { renderEmail } from "~emails/index";
import { plural } from "~/i18n/index";
import { messagesFor } from "~/i18n/catalog.server";
import * as importPage from "~/routes/admin.encuentros.$slug.registros_.importar";
import * as agendaPage from "~/routes/encuentros.$slug.agenda";
import { previewImport } from "~/features/registrations/import.server";
import { getDb } from "~/server/db.server";
import { zoneInWords } from "~/lib/time";
import { sampleData } from "../mail/fixtures";
import { getRequest, organizerCookie } from "../helpers/auth";
import { renderAfterPost } from "../helpers/rendered-page";
import { makeAgendaItem, makeEncounter, makeOrganizer } from "../factories";

// An organizer, and an encounter (in Bogotá's zone) with an agenda.
beforeAll(async () => {
  const db = getDb();
  await makeOrganizer(db, { email: "organizadora@convoca.test", role: "admin" });
  await makeAgendaItem(db, { encounter_id: (await makeEncounter(db, { slug: "bogota-2024" })).id });
});

// Where people read: zones in words, fields by their labels, counts in the right number, and
// wording that does not assume the reader's gender.

const es = messagesFor("es");
const en = messagesFor("en");

describe("plain language", () => {
  it("writes a count with its words in the right number, in both languages", () => {
    expect(plural("es", es.commitments.admin.recipients, 1)).toBe("1 destinatario");
    expect(plural("es", es.commitments.admin.recipients, 2)).toBe("2 destinatarios");
    expect(plural("es", es.commitments.admin.recipients, 0)).toBe("0 destinatarios");
    expect(plural("es", es.commitments.admin.recipients, 1_000_000)).toBe("1000000 destinatarios");
    expect(plural("en", en.commitments.admin.recipients, 1)).toBe("1 recipient");
    expect(plural("en", en.commitments.admin.recipients, 3)).toBe("3 recipients");
    expect(plural("es", es.scheduling.editor.notice.button, 1)).toBe("Avisar a 1 persona inscrita");
    expect(plural("es", es.scheduling.editor.notice.button, 4)).toBe("Avisar a 4 personas inscritas");
    expect(plural("en", en.scheduling.editor.notice.button, 1)).toBe("Notify 1 registered person");
    expect(plural("es", es.registration.form.placesLeft, 1)).toBe("Queda 1 cupo.");
    expect(plural("es", es.admin.overview.daysToGo, 1)).toBe("falta 1 día");
    expect(plural("es", es.commitments.admin.rules.before, 1)).toBe("1 día antes");
    // No catalog falls back on "(s)" for a plural.
    expect(JSON.stringify(es)).not.toMatch(/\(s\)|\(es\)/);
    expect(JSON.stringify(en)).not.toMatch(/\w\(s\)/);
  });

  it("says a mail's days in the right number", async () => {
    const one = await renderEmail("commitment-escalation", "es", { ...sampleData["commitment-escalation"], daysOverdue: 1 } as never);
    expect(one.subject).toContain("vencido hace 1 día:");
    expect(one.text).toContain("(hace 1 día)");
    const oneEn = await renderEmail("commitment-escalation", "en", { ...sampleData["commitment-escalation"], daysOverdue: 1 } as never);
    expect(oneEn.subject).toContain("overdue for 1 day:");
  });

  it("names a zone in words, never by its IANA name", () => {
    expect(zoneInWords("America/Bogota", "es")).toBe("hora de Bogotá");
    expect(zoneInWords("America/Bogota", "en")).toBe("Bogotá time");
    expect(zoneInWords("America/Argentina/Buenos_Aires", "es")).toBe("hora de Buenos Aires");
    expect(zoneInWords("Asia/Tokyo", "en")).toBe("Tokyo time");
  });

  it("shows the agenda's times as 'hora de Bogotá', not America/Bogota", async () => {
    const html = await renderAfterPost(agendaPage as never, "/encuentros/:slug/agenda", getRequest("/encuentros/bogota-2024/agenda"), 200);
    expect(html).toContain("hora de Bogotá");
    expect(html).not.toMatch(/America\/Bogota/);
  });

  it("names the field of an import error as the form labels it, not by its key", async () => {
    const encounter = await makeEncounter(getDb(), { capacity: 5, city_quota: 2 });
    const organizer = await getDb().selectFrom("organizers").select("id").executeTakeFirstOrThrow();
    const text = [
      "nombre;correo;dane;entidad;cargo;telefono",
      "Ana Ruiz;no-es-correo;11001;Alcaldía;Asesora;",
      "Luis Mora;luis@cali.gov.co;99999;Alcaldía;Asesor;",
    ].join("\r\n");
    const preview = await previewImport(getDb(), { encounterId: encounter.id, organizerId: organizer.id, fileName: "invitados.csv", text });
    expect(preview.ok).toBe(true);
    const id = preview.ok ? preview.importId : 0;
    const html = await renderAfterPost(
      importPage as never,
      "/admin/encuentros/:slug/registros/importar",
      getRequest(`/admin/encuentros/${encounter.slug}/registros/importar?id=${id}`, await organizerCookie()),
      200,
    );
    expect(html).toContain(`${es.registration.form.email}: ${es.registration.errors.email}`);
    expect(html).toContain(`${es.registration.form.city}: ${es.registration.errors.city}`);
    expect(html).not.toMatch(/<li>(email|cityDane|fullName):/);
  });

  it("does not assume a gender where it speaks of a person", () => {
    const all = JSON.stringify(es);
    expect(all).not.toMatch(/quedó inscrit[ao]\b|Nadie está inscrito|nadie esté inscrito/);
    expect(es.registration.checkin.walkInDone).not.toMatch(/inscrit[ao]\b/);
  });
});
