import { beforeAll, describe, expect, it } from "vitest";
import * as list from "~/routes/admin.encuentros.$slug.registros/route";
import { registerForEncounter } from "~/features/registrations/commands/register.server";
import { getDb } from "~/server/db.server";
import { formRequest } from "../helpers/auth";
import { makeSignedInOrganizer } from "../factories";
import { describedBy, renderAfterPost } from "../helpers/rendered-page";
import { makeEncounter, person } from "./helpers";

// The reason an organizer gives for cancelling someone's registration says why it was refused
// on that person's row: its form is open again, the textarea marked invalid and pointing at
// its error (aria-describedby). The form is posted to the real action and the page rendered.

let cookie: string;
beforeAll(async () => {
  cookie = (await makeSignedInOrganizer(getDb(), { role: "admin" })).cookie;
});

describe("the cancellation reason on the organizers' list", () => {
  it("is marked invalid on its own row and points at its error when refused", async () => {
    const encounter = await makeEncounter({ capacity: 5 });
    const ids: number[] = [];
    for (const n of ["ana", "beto"]) {
      const outcome = await registerForEncounter(getDb(), encounter.id, person(`reason-${n}-${encounter.id}`), { locale: "es" });
      if ("registrationId" in outcome) ids.push(outcome.registrationId);
    }
    expect(ids).toHaveLength(2);
    const [ana, beto] = ids;

    // A vertical tab (what some word processors paste for a line break) is refused.
    const fields = { intent: "cancel", registrationId: String(ana), reason: "Duplicada\u000bpor error", notify: "on" };
    const html = await renderAfterPost(
      list,
      "admin/encuentros/:slug/registros",
      formRequest(`/admin/encuentros/${encounter.slug}/registros`, fields, { cookie }),
    );
    const textarea = /<textarea[^>]*id="reason-(\d+)"[^>]*>/g;
    const tags = new Map([...html.matchAll(textarea)].map((m) => [Number(m[1]), m[0]]));
    expect(tags.get(ana)).toContain('aria-invalid="true"');
    expect(describedBy(html, tags.get(ana) ?? "")).toEqual({ describedBy: `reason-${ana}-error`, described: ["El valor no es válido."] });
    // Only that row's reason is marked, and only its form is open again.
    expect(tags.get(beto)).not.toContain("aria-invalid");
    expect(html.match(/<details open=""/g)).toHaveLength(1);
  });
});
