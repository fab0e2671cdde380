import { beforeAll, describe, expect, it } from "vitest";
import { messagesFor } from "~/i18n/catalog.server";
import * as agendaEditor from "~/routes/admin.encuentros.$slug.agenda._index";
import * as editPage from "~/routes/admin.encuentros.$slug._index";
import * as newPage from "~/routes/admin.encuentros.nuevo";
import { getDb } from "~/server/db.server";
import { makeAgendaItem, makeEncounter, makeOrganizer } from "../factories";
import { formRequest, organizerCookie } from "../helpers/auth";
import { describedBy, openingTag, renderAfterPost } from "../helpers/rendered-page";

// The encounter and agenda forms as the server sends them back after a refusal, without
// JavaScript: conform's reply drawn by the field kit, each error beside its field, what was
// typed kept, and each form on a page showing only the reply to its own send.

const es = messagesFor("es");
const t = es.scheduling;
let cookie: string;
let slug: string;

beforeAll(async () => {
  const db = getDb();
  await makeOrganizer(db, { email: "formularios@convoca.test" });
  cookie = await organizerCookie("formularios@convoca.test");
  const encounter = await makeEncounter(db, { starts_at: "2030-03-14T13:00:00.000Z", timezone: "America/Bogota", status: "published" });
  slug = encounter.slug;
  await makeAgendaItem(db, { encounter_id: encounter.id, starts_at: "2030-03-14T13:00:00.000Z", ends_at: "2030-03-14T14:00:00.000Z" });
});

const encounterFields = {
  title: "Encuentro del Pacífico",
  venue: "Teatro Municipal",
  timezone: "America/Bogota",
  startDate: "2030-05-02",
  startTime: "08:00",
  endDate: "2030-05-02",
  endTime: "13:00",
  capacity: "0",
  cityQuota: "4",
};

/** Every opening tag of an input named `name`, in page order. */
const inputsNamed = (html: string, name: string) => html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`, "g")) ?? [];

describe("the encounter's forms, refused", () => {
  it("a new encounter: the error beside its field, the form's alert, and what was typed", async () => {
    const html = await renderAfterPost(newPage as never, "/admin/encuentros/nuevo", formRequest("/admin/encuentros/nuevo", encounterFields, { cookie }), 400);
    const capacity = openingTag(html, "input", "capacity");
    expect(capacity).toContain('aria-invalid="true"');
    expect(describedBy(html, capacity).described).toEqual([t.errors.number]);
    expect(html).toContain(es.common.formHasErrors);
    expect(openingTag(html, "input", "venue")).toContain('value="Teatro Municipal"');
    expect(openingTag(html, "input", "title")).not.toContain("aria-invalid");
  });

  it("the duplicate form's refusal shows in the duplicate form only; a status refusal in the status card", async () => {
    const duplicate = await renderAfterPost(
      editPage as never,
      "/admin/encuentros/:slug",
      formRequest(`/admin/encuentros/${slug}`, { intent: "duplicate", title: "", startDate: "2031-02-30" }, { cookie }),
      400,
    );
    const [details, copy] = inputsNamed(duplicate, "title");
    expect(details).not.toContain("aria-invalid");
    expect(copy).toContain('aria-invalid="true"');
    expect(describedBy(duplicate, copy).described).toEqual([es.errors.required]);
    expect(describedBy(duplicate, inputsNamed(duplicate, "startDate")[1]).described).toEqual([es.errors.invalid]);

    // Published already: publishing again is refused (409), said above the status buttons.
    const status = await renderAfterPost(
      editPage as never,
      "/admin/encuentros/:slug",
      formRequest(`/admin/encuentros/${slug}`, { intent: "publish" }, { cookie }),
      409,
    );
    expect(status).toContain(t.errors.invalidTransition);
    expect(inputsNamed(status, "title").join("")).not.toContain("aria-invalid");
  });
});

describe("the agenda item form, refused", () => {
  it("a session that ends before it starts: the end time's error, the schedule's warning, what was typed", async () => {
    const html = await renderAfterPost(
      agendaEditor as never,
      "/admin/encuentros/:slug/agenda",
      formRequest(
        `/admin/encuentros/${slug}/agenda`,
        {
          intent: "create",
          title: "Mesa del Pacífico",
          kind: "panel",
          date: "2030-03-14",
          startTime: "11:00",
          endTime: "10:00",
          "speakers-0-name": "Ana Ruiz",
        },
        { cookie },
      ),
      400,
    );
    const end = openingTag(html, "input", "endTime");
    expect(end).toContain('aria-invalid="true"');
    expect(describedBy(html, end).described).toEqual([t.errors.endBeforeStart]);
    expect(html).toContain(t.editor.warnings.endBeforeStart);
    expect(openingTag(html, "input", "title")).toContain('value="Mesa del Pacífico"');
    expect(openingTag(html, "input", "speakers-0-name")).toContain('value="Ana Ruiz"');
  });
});
