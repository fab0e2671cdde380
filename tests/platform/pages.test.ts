import { beforeAll, describe, expect, it } from "vitest";
import { getLocale } from "~/i18n/locale.server";
import * as home from "~/routes/_index";
import * as encounterPage from "~/routes/encuentros.$slug._index";
import * as agendaPage from "~/routes/encuentros.$slug.agenda";
import * as health from "~/routes/healthz";
import * as language from "~/routes/idioma";
import { getDb } from "~/server/db.server";
import { verifiedParticipant, formRequest, getRequest, organizerCookie, participantCookie } from "../helpers/auth";
import { call } from "../helpers/route";
import { makeAgendaItem, makeEncounter, makeOrganizer } from "../factories";

// Two published encounters: one that has ended (with its seven-item agenda, the third a panel
// with speakers) and one to come.
let organizerEmail = "";
beforeAll(async () => {
  const db = getDb();
  organizerEmail = (await makeOrganizer(db, { role: "admin" })).email;
  const past = await makeEncounter(db, {
    slug: "bogota-2024",
    title: "Encuentro de Ciudades Capitales: movilidad humana, trata de personas y tráfico de migrantes",
    starts_at: "2024-02-29T13:00:00.000Z",
    ends_at: "2024-02-29T18:30:00.000Z",
  });
  const titles = ["Registro y bienvenida", "Instalación", "Panel: Política Integral Migratoria", "Receso", "Taller", "Mesa de trabajo", "Cierre"];
  for (const [position, title] of titles.entries()) {
    const startsAt = new Date(Date.parse(past.starts_at) + position * 45 * 60_000).toISOString();
    await makeAgendaItem(db, {
      encounter_id: past.id,
      title,
      position,
      starts_at: startsAt,
      speakers: position === 2 ? [{ name: "Moderación", role: "moderator" }] : [],
    });
  }
  await makeEncounter(db, { slug: "seguimiento" });
});

describe("public pages", () => {
  it("lists published encounters, the upcoming one first among upcoming", async () => {
    const r = await call(() => home.loader());
    expect(r.data.upcoming.map((e: { slug: string }) => e.slug)).toEqual(["seguimiento"]);
    expect(r.data.past.map((e: { slug: string }) => e.slug)).toEqual(["bogota-2024"]);
  });

  it("shows an encounter by slug and 404s an unknown one", async () => {
    const ok = await call(() => encounterPage.loader({ request: getRequest("/encuentros/bogota-2024"), params: { slug: "bogota-2024" }, context: {} }));
    expect(ok.data.encounter.title).toMatch(/^Encuentro de Ciudades Capitales/);
    expect(ok.data.window).toBe("ended");
    const missing = await call(() => encounterPage.loader({ request: getRequest("/encuentros/nada"), params: { slug: "nada" }, context: {} }));
    expect(missing.status).toBe(404);
    const hostile = await call(() => agendaPage.loader({ request: getRequest("/x"), params: { slug: "' or 1=1; drop table encounters; --" }, context: {} }));
    expect(hostile.status).toBe(404);
  });

  it("hides drafts from the public but not from organizers", async () => {
    const db = getDb();
    await db.updateTable("encounters").set({ status: "draft" }).where("slug", "=", "seguimiento").execute();
    try {
      const anon = await call(() => encounterPage.loader({ request: getRequest("/encuentros/seguimiento"), params: { slug: "seguimiento" }, context: {} }));
      expect(anon.status).toBe(404);
      const cookie = await organizerCookie(organizerEmail);
      const org = await call(() =>
        encounterPage.loader({ request: getRequest("/encuentros/seguimiento", cookie), params: { slug: "seguimiento" }, context: {} }),
      );
      expect(org.status).toBe(200);
      expect((await call(() => home.loader())).data.upcoming).toHaveLength(0);
    } finally {
      await db.updateTable("encounters").set({ status: "published" }).where("slug", "=", "seguimiento").execute();
    }
  });

  it("serves the agenda with its items in order", async () => {
    const r = await call(() => agendaPage.loader({ request: getRequest("/encuentros/bogota-2024/agenda"), params: { slug: "bogota-2024" }, context: {} }));
    expect(r.data.items).toHaveLength(7);
    expect(r.data.items[0].title).toBe("Registro y bienvenida");
    expect(r.data.items[2].speakers.length).toBeGreaterThan(0);
  });

  it("answers the health check when the database answers", async () => {
    const r = await call(() => health.loader());
    expect(r.status).toBe(200);
    expect(r.data).toBe("ok");
  });
});

describe("language", () => {
  it("defaults to Spanish, follows Accept-Language, and lets a cookie override it", async () => {
    expect(await getLocale(getRequest("/"))).toBe("es");
    expect(await getLocale(getRequest("/", undefined, { "Accept-Language": "en-US,en;q=0.9" }))).toBe("en");
    expect(await getLocale(getRequest("/", undefined, { "Accept-Language": "fr-FR, en;q=0.5, es;q=0.8" }))).toBe("es");
    const r = await call(() =>
      language.action({ request: formRequest("/idioma", { lang: "en", redirectTo: "/encuentros/bogota-2024" }), params: {}, context: {} }),
    );
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe("/encuentros/bogota-2024");
    const cookie = r.headers.get("Set-Cookie")!.split(";")[0];
    expect(await getLocale(getRequest("/", cookie, { "Accept-Language": "es-CO" }))).toBe("en");
  });

  it("refuses an unsupported language with a 400", async () => {
    const r = await call(() => language.action({ request: formRequest("/idioma", { lang: "fr" }), params: {}, context: {} }));
    expect(r.status).toBe(400);
  });
});

describe("the encounter page's ways forward", () => {
  it("offers a signed-in authority the commitment form, and everyone the public progress once organizers turn it on", async () => {
    const db = getDb();
    const page = (cookie?: string) =>
      call(() => encounterPage.loader({ request: getRequest("/encuentros/bogota-2024", cookie), params: { slug: "bogota-2024" }, context: {} }));
    const anonymous = await page();
    expect(anonymous.data).toMatchObject({ canRecordCommitment: false, commitmentsPublic: false });
    const authority = await participantCookie(await verifiedParticipant("mesa@cali.gov.co", "76001"));
    expect((await page(authority)).data.canRecordCommitment).toBe(true);
    await db.updateTable("encounters").set({ commitments_public: 1 }).where("slug", "=", "bogota-2024").execute();
    expect((await page()).data.commitmentsPublic).toBe(true);
    await db.updateTable("encounters").set({ commitments_public: 0 }).where("slug", "=", "bogota-2024").execute();
  });
});

describe("the privacy notice (Ley 1581 de 2012)", () => {
  it("says, in both languages, what is processed, why, for how long, and how to correct or delete it", async () => {
    const { privacy } = await import("~/i18n/areas/privacy");
    for (const locale of ["es", "en"] as const) {
      const text = privacy[locale];
      for (const part of ["data", "purpose", "retention", "rights", "how"] as const) expect(text[part].length, `${locale}.${part}`).toBeGreaterThan(60);
      expect(text.intro).toContain("1581");
    }
    expect(privacy.es.how).toMatch(/corrij|elimin|supres/i);
    expect(privacy.es.retention).toMatch(/años|anonimiz/);
  });
});
