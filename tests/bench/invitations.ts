import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { withBenchDatabase } from "./database";
import type { BenchResult } from "./run";

// Invitations (issue 16), each figure the median of several runs, printed beside its goal:
// 1. `invitations-invite`: an organizer invites the 32 capitals (typed addresses), i.e. 32
//    invitations, 32 mails in the outbox and 32 audit entries, in one write transaction (a new
//    encounter each run); goal ≤ 200 ms.
// 2. `invitations-grid`: the organizers' page /admin/encuentros/:slug/invitaciones of an
//    encounter with 5,000 registrations and all 32 cities invited (delegations registered for
//    most): its loader (an organizer's session, the grid's reads) and the server render of its
//    component to HTML; goal ≤ 100 ms.

const inviteGoalMs = 200;
const gridGoalMs = 100;
const runs = 7;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function encounter(db: Awaited<Parameters<Parameters<typeof withBenchDatabase>[1]>[0]>, slug: string, capacity: number, quota: number) {
  const starts = new Date(Date.now() + 30 * 86_400_000);
  return db
    .insertInto("encounters")
    .values({
      slug,
      title: `Banco de pruebas ${slug}`,
      venue: "Centro de convenciones",
      starts_at: starts.toISOString(),
      ends_at: new Date(starts.getTime() + 8 * 3_600_000).toISOString(),
      registration_closes_at: new Date(starts.getTime() - 86_400_000).toISOString(),
      capacity,
      city_quota: quota,
      status: "published",
      updated_at: new Date().toISOString(),
    })
    .returning(["id", "slug"])
    .executeTakeFirstOrThrow();
}

export async function benchInvite(): Promise<BenchResult> {
  return withBenchDatabase("invitations-invite", async (db) => {
    const { inviteCities } = await import("~/features/invitations/commands/invite.server");
    const organizer = await db
      .insertInto("organizers")
      .values({ email: "banco@convoca.test", name: "Banco", role: "organizer", password_hash: "-" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const cities = await db.selectFrom("cities").select(["id", "dane"]).execute();
    const times: number[] = [];
    let mails = 0;
    for (let run = 0; run < runs + 1; run++) {
      const target = await encounter(db, `banco-invitar-${run}`, 200, 5);
      const start = performance.now();
      const result = await inviteCities(
        db,
        target.id,
        cities.map((c) => ({ cityId: c.id, typedEmail: `enlace.${c.dane}.${run}@alcaldia.gov.co` })),
        { organizerId: organizer.id },
      );
      const ms = performance.now() - start;
      if (!result.ok || result.mails !== 32) throw new Error(`invitar a las 32 ciudades: ${JSON.stringify(result)}`);
      mails = result.mails;
      if (run > 0) times.push(ms); // the first run warms up the statements
    }
    return {
      name: `invitations-invite (goal ≤ ${inviteGoalMs} ms)`,
      value: Math.round(median(times)),
      unit: "ms",
      details: `32 ciudades, ${mails} correos en la bandeja de salida, una transacción (mediana de ${runs}; mín ${Math.min(...times).toFixed(0)} ms, máx ${Math.max(...times).toFixed(0)} ms)`,
    };
  });
}

export async function benchInvitationGrid(): Promise<BenchResult> {
  return withBenchDatabase("invitations-grid", async (db) => {
    const { inviteCities } = await import("~/features/invitations/commands/invite.server");
    const { createSession } = await import("~/server/session.server");
    const { messagePathsFor } = await import("~/i18n/pages");
    const { pickMessages } = await import("~/i18n/catalog.server");
    const page = await import("~/routes/admin.encuentros.$slug.invitaciones/route");
    const organizer = await db
      .insertInto("organizers")
      .values({ email: "banco@convoca.test", name: "Banco", role: "organizer", password_hash: "-" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const cities = await db.selectFrom("cities").select(["id", "dane"]).orderBy("dane").execute();
    const target = await encounter(db, "banco-cuadricula", 6000, 200);
    await inviteCities(
      db,
      target.id,
      cities.map((c) => ({ cityId: c.id, typedEmail: `enlace.${c.dane}@alcaldia.gov.co` })),
      { organizerId: organizer.id },
    );
    const invitations = new Map((await db.selectFrom("invitations").select(["id", "city_id"]).execute()).map((i) => [i.city_id, i.id]));
    // 5,000 registrations: 156 or so per city, the first 60 of each city in its delegation
    // (for 28 of the 32 cities), the rest on their own; a few on the waiting list.
    const now = new Date().toISOString();
    const perCity = new Map<number, number>();
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 5000; i += 250) {
        const people = Array.from({ length: 250 }, (_, k) => {
          const n = i + k;
          const city = cities[n % cities.length];
          return { email: `p${n}@banco.test`, full_name: `Persona ${n}`, city_id: city.id, entity: "Alcaldía", position: "Asesora", updated_at: now };
        });
        const ids = await trx.insertInto("participants").values(people).returning(["id", "city_id"]).execute();
        await trx
          .insertInto("registrations")
          .values(
            ids.map((p, k) => {
              const seen = (perCity.get(p.city_id) ?? 0) + 1;
              perCity.set(p.city_id, seen);
              const delegation = seen <= 60 && cities.findIndex((c) => c.id === p.city_id) < 28;
              return {
                encounter_id: target.id,
                participant_id: p.id,
                status: (i + k) % 50 === 0 ? ("waitlisted" as const) : ("confirmed" as const),
                waitlist_position: (i + k) % 50 === 0 ? i + k + 1 : null,
                consent_at: now,
                manage_token_hash: `banco-${i + k}`,
                source: delegation ? ("delegation" as const) : ("form" as const),
                invitation_id: delegation ? invitations.get(p.city_id)! : null,
                updated_at: now,
              };
            }),
          )
          .execute();
      }
      for (const [cityId, count] of perCity) {
        await trx
          .insertInto("encounter_city_places")
          .values({ encounter_id: target.id, city_id: cityId, confirmed_count: Math.min(count, 200) })
          .execute();
      }
      await trx
        .updateTable("invitations")
        .set({ status: "registered" })
        .where("encounter_id", "=", target.id)
        .where(
          "city_id",
          "in",
          cities.slice(0, 28).map((c) => c.id),
        )
        .execute();
    });
    const cookie = (await createSession(db, { organizerId: organizer.id })).split(";")[0];
    const pathname = `/admin/encuentros/${target.slug}/invitaciones`;
    const routes = [
      {
        id: "root",
        path: "/",
        loader: () => ({ locale: "es", messages: pickMessages("es", messagePathsFor(pathname)) }),
        children: [{ id: "page", path: "admin/encuentros/:slug/invitaciones", loader: page.loader as never, Component: page.default }],
      },
    ];
    const handler = createStaticHandler(routes);
    const render = async () => {
      const context = await handler.query(new Request(`http://localhost${pathname}`, { headers: { Cookie: cookie } }), {
        requestContext: { clientIp: "127.0.0.1" },
      });
      if (context instanceof Response) throw new Error(`la página respondió ${context.status}`);
      return renderToString(createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context, hydrate: false }));
    };
    const html = await render();
    if (!html.includes("Delegación inscrita")) throw new Error("la cuadrícula no muestra las delegaciones");
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      await render();
      times.push(performance.now() - start);
    }
    const registrations = await db
      .selectFrom("registrations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return {
      name: `invitations-grid (goal ≤ ${gridGoalMs} ms)`,
      value: Math.round(median(times)),
      unit: "ms",
      details: `la página de invitaciones (cargar y dibujar) de un encuentro con ${Number(registrations.n)} inscripciones y 32 ciudades invitadas (mediana de ${runs}; mín ${Math.min(...times).toFixed(0)} ms, máx ${Math.max(...times).toFixed(0)} ms)`,
    };
  });
}
