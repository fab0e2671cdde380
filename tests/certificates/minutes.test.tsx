import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "~/components/markdown";
import { dispatchBatch } from "~/features/mail/dispatcher.server";
import * as editor from "~/routes/admin.encuentros.$slug.relatoria";
import * as page from "~/routes/encuentros.$slug.relatoria";
import { getDb } from "~/server/db.server";
import { formRequest, getRequest, organizerCookie } from "../helpers/auth";
import { flashOf } from "../helpers/flash";
import { call } from "../helpers/route";
import { useSmtpDelivery } from "../helpers/smtp-delivery";
import { attendee, encounterWithAgenda, organizer } from "./helpers";

// Issue 18, section 6: the minutes. Published through the editor's real action, they reach a
// real SMTP server once per registrant, however often they are published; what organizers
// typed is drawn safely on the public page.

const smtp = useSmtpDelivery();

async function post(slug: string, fields: Record<string, string>, cookie: string) {
  return call(() => editor.action({ request: formRequest(`/admin/encuentros/${slug}/relatoria`, fields, { cookie }), params: { slug }, context: {} }));
}

async function deliver() {
  for (;;) {
    const batch = await dispatchBatch({ db: getDb(), transport: smtp.transport, from: smtp.from, batchSize: 50 });
    expect(batch.failed).toBe(0);
    if (batch.claimed === 0) return;
  }
}

describe("the minutes", () => {
  it("are mailed once to confirmed registrants when first published, in their language", async () => {
    await organizer();
    const cookie = await organizerCookie();
    const encounter = await encounterWithAgenda();
    await attendee(encounter.id, { name: "Ana Gómez", email: "ana@bogota.gov.co" });
    await attendee(encounter.id, { name: "John Smith", email: "john@bogota.gov.co", locale: "en", checkedIn: false });
    await attendee(encounter.id, { name: "En espera", email: "espera@bogota.gov.co", status: "waitlisted", checkedIn: false });
    await attendee(encounter.id, { name: "Canceló", email: "cancelo@bogota.gov.co", status: "cancelled", checkedIn: false });

    // Empty minutes cannot be published.
    const empty = await post(encounter.slug, { intent: "publish" }, cookie);
    expect(empty.status).toBe(400);
    expect(empty.data.error[""]).toEqual(["empty"]);

    const items = await getDb().selectFrom("agenda_items").select(["id", "kind"]).where("encounter_id", "=", encounter.id).orderBy("starts_at").execute();
    const saved = await post(
      encounter.slug,
      { intent: "save", body: "## Acuerdos\n\n- Cada ciudad revisará su **PISCC** antes de marzo.", [`session-${items[2].id}`]: "El taller revisó la guía." },
      cookie,
    );
    expect(await flashOf(saved)).toBe("Se guardó la relatoría.");
    // Not published yet: the public page is a 404.
    expect(
      (await call(() => page.loader({ request: getRequest(`/encuentros/${encounter.slug}/relatoria`), params: { slug: encounter.slug }, context: {} }))).status,
    ).toBe(404);

    const published = await post(encounter.slug, { intent: "publish" }, cookie);
    expect(await flashOf(published)).toBe("Se publicó la relatoría y se avisó a 2 personas.");
    await deliver();
    await smtp.sink.waitForMessages(2);
    const mails = await Promise.all(smtp.sink.received.map(async (m) => ({ to: m.to, parsed: await smtp.sink.parse(m) })));
    expect(
      mails
        .map((m) => m.to)
        .flat()
        .sort(),
    ).toEqual(["ana@bogota.gov.co", "john@bogota.gov.co"]);
    const ana = mails.find((m) => m.to.includes("ana@bogota.gov.co"))!.parsed;
    expect(ana.subject).toBe(`Relatoría publicada: ${encounter.title}`);
    expect(ana.text).toContain(`/encuentros/${encounter.slug}/relatoria`);
    expect(ana.text).toContain("Cada ciudad revisará su PISCC antes de marzo.");
    expect(mails.find((m) => m.to.includes("john@bogota.gov.co"))!.parsed.subject).toBe(`Minutes published: ${encounter.title}`);

    // Hidden and published again: nobody is told a second time.
    expect(await flashOf(await post(encounter.slug, { intent: "hide" }, cookie))).toBe("La relatoría ya no está publicada.");
    expect((await call(() => page.loader({ request: getRequest("/x"), params: { slug: encounter.slug }, context: {} }))).status).toBe(404);
    expect(await flashOf(await post(encounter.slug, { intent: "publish" }, cookie))).toBe("Se publicó de nuevo la relatoría (sin otro aviso).");
    await deliver();
    expect(smtp.sink.received).toHaveLength(2);
    const rows = await getDb().selectFrom("email_outbox").select("idempotency_key").where("template", "=", "minutes-published").execute();
    expect(rows).toHaveLength(2);

    const shown = await call(() => page.loader({ request: getRequest("/x"), params: { slug: encounter.slug }, context: {} }));
    expect(shown.status).toBe(200);
    expect(shown.data.minutes.sessions.map((s: { body: string }) => s.body)).toEqual(["El taller revisó la guía."]);
  });

  it("neutralise unsafe Markdown on the public page", async () => {
    await organizer();
    const cookie = await organizerCookie();
    const encounter = await encounterWithAgenda();
    const unsafe = [
      "<script>alert('relatoria')</script>",
      "",
      '<img src=x onerror="alert(1)">',
      "",
      "[Acta](javascript:alert(document.cookie)) y [guía](https://example.org/guia.pdf)",
      "",
      "[otra](JaVaScRiPt:alert(1)) [datos](data:text/html;base64,PHNjcmlwdD4=)",
    ].join("\n");
    await post(encounter.slug, { intent: "save", body: unsafe }, cookie);
    await post(encounter.slug, { intent: "publish" }, cookie);
    const loaded = await call(() => page.loader({ request: getRequest("/x"), params: { slug: encounter.slug }, context: {} }));
    const html = renderToStaticMarkup(<Markdown source={loaded.data.minutes.body} />);
    expect(html).not.toMatch(/<script|<img|javascript:|data:text/i);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('<a href="https://example.org/guia.pdf" rel="nofollow noopener noreferrer">guía</a>');
    expect(html).toContain("Acta");
  });

  it("refuse too long a text with the reason, and are for organizers only", async () => {
    await organizer();
    const cookie = await organizerCookie();
    const encounter = await encounterWithAgenda();
    const long = await post(encounter.slug, { intent: "save", body: "a".repeat(20_001) }, cookie);
    expect(long.status).toBe(400);
    expect(long.data.error.body).toEqual(["tooLong"]);
    const anonymous = await call(() => editor.action({ request: formRequest("/x", { intent: "publish" }), params: { slug: encounter.slug }, context: {} }));
    expect(anonymous.status).toBe(302);
    expect(await getDb().selectFrom("encounter_minutes").selectAll().where("encounter_id", "=", encounter.id).execute()).toEqual([]);
  });
});
