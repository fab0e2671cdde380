import { describe, expect, it } from "vitest";
import { renderStoredEmail } from "~emails/index";
import * as form from "~/routes/encuentros.$slug.registro";
import * as manage from "~/routes/inscripcion.$token";
import { registerForEncounter } from "~/features/registrations/commands/register.server";
import { getDb } from "~/server/db.server";
import { call, ctx } from "../helpers/route";
import { renderAfterPost, type RouteModule } from "../helpers/rendered-page";
import { formFields, makeEncounter, outbox, person } from "./helpers";

// Issue 14, item 19: when a city's places are taken while the encounter still has room, the
// form, its answer, the waiting-list mail and the personal page say so plainly ("Los 3 cupos
// de Pasto ya están asignados: queda en lista de espera"), never "no hay cupos disponibles".

const pasto = "52001";

async function pastoFull() {
  const encounter = await makeEncounter({ capacity: 60, quota: 3 });
  for (let i = 0; i < 3; i++) await registerForEncounter(getDb(), encounter.id, person(`pasto-${encounter.id}-${i}`, pasto), { locale: "es" });
  return encounter;
}

function postForm(slug: string, fields: Record<string, string>) {
  const body = new URLSearchParams(fields);
  return new Request(`http://localhost/encuentros/${slug}/registro`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ");

describe("a city whose places are taken", () => {
  it("the form knows each city's free places", async () => {
    const encounter = await pastoFull();
    const page = await call(() =>
      form.loader({ request: new Request(`http://localhost/encuentros/${encounter.slug}/registro`), params: { slug: encounter.slug }, context: {} }),
    );
    expect(page.data.cityPlacesLeft[pasto]).toBe(0);
    expect(page.data.cityPlacesLeft["11001"]).toBe(3);
    expect(Object.keys(page.data.cityPlacesLeft)).toHaveLength(32);
  });

  it("the answer page says the city's places are taken, not that the encounter is full", async () => {
    const encounter = await pastoFull();
    const fields = formFields(`espera-${encounter.id}`, pasto);
    const html = await renderAfterPost(
      form as unknown as RouteModule,
      "encuentros/:slug/registro",
      postForm(encounter.slug, fields),
      200,
      ctx("198.51.100.40"),
    );
    const answer = text(html);
    expect(answer).toContain("Los 3 cupos de Pasto ya están asignados: una inscripción nueva queda en lista de espera");
    expect(answer).toContain("Revise su correo");
    expect(answer).not.toMatch(/no hay cupos disponibles/i);
  });

  it("with room, the answer says how many of the city's places were free (no JavaScript needed)", async () => {
    const encounter = await makeEncounter({ capacity: 60, quota: 3 });
    const html = await renderAfterPost(
      form as unknown as RouteModule,
      "encuentros/:slug/registro",
      postForm(encounter.slug, formFields(`libre-${encounter.id}`, pasto)),
      200,
      ctx("198.51.100.41"),
    );
    expect(text(html)).toContain("Cupos libres de Pasto al recibir su inscripción: 3 de 3.");
  });

  it("the waiting-list mail and the personal page name the city and its quota", async () => {
    const encounter = await pastoFull();
    const outcome = await registerForEncounter(getDb(), encounter.id, person(`mail-${encounter.id}`, pasto), { locale: "es" });
    expect(outcome.kind).toBe("waitlisted");
    const mail = (await outbox()).find((m) => m.recipient === person(`mail-${encounter.id}`).email)!;
    expect(mail.template).toBe("registration-waitlisted");
    const data = JSON.parse(mail.data);
    expect(data.full).toEqual({ city: "Pasto", places: 3 });
    const rendered = await renderStoredEmail("registration-waitlisted", "es", data);
    expect(rendered.text).toContain("Los 3 cupos de Pasto ya están asignados: queda en lista de espera, en el puesto 1.");
    expect(rendered.text).not.toMatch(/no hay cupos disponibles/i);

    const token = /\/inscripcion\/([A-Za-z0-9_-]{43})$/.exec(data.manageUrl)![1];
    const page = await call(() =>
      manage.loader({ request: new Request(`http://localhost/inscripcion/${token}`), params: { token }, context: ctx("198.51.100.42") }),
    );
    expect(page.data.registration).toMatchObject({ status: "waitlisted", cityFull: { city: "Pasto", quota: 3 } });
  });

  it("a whole encounter without places says so, in the singular for its one place", async () => {
    const encounter = await makeEncounter({ capacity: 1, quota: 1 });
    await registerForEncounter(getDb(), encounter.id, person(`uno-${encounter.id}`, "11001"), { locale: "es" });
    await registerForEncounter(getDb(), encounter.id, person(`dos-${encounter.id}`, pasto), { locale: "es" });
    const data = JSON.parse((await outbox()).find((m) => m.recipient === person(`dos-${encounter.id}`).email)!.data);
    expect(data.full).toEqual({ places: 1 });
    expect((await renderStoredEmail("registration-waitlisted", "es", data)).text).toContain(
      "El único cupo del encuentro ya está asignado: queda en lista de espera",
    );
  });
});
