import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as agendaPage from "~/routes/encuentros.$slug.agenda";
import { getDb } from "~/server/db.server";
import { rootLoader } from "../helpers/rendered-page";
import { makeBogotaDay } from "../factories";

// The public agenda marks the session in progress (agenda-card--now, aria-current="time"). "Now"
// is the server's clock, read by the loader and passed to the page; the page only moves it on
// once it runs in a browser. So the loader runs at a chosen instant (only Date is faked, the
// database driver keeps its real timers) and the page is rendered to HTML as the server would.

let ids: Record<string, number>;

// The encounter of 29 February 2024 in Bogotá, 08:00 to 13:30 local time, with its seven
// sessions back to back: the break follows the panel, the closing one ends with the day.
beforeAll(async () => {
  const { items } = await makeBogotaDay(getDb(), { slug: "bogota-2024" });
  ids = Object.fromEntries(items.map((i) => [i.title, i.id]));
});

afterEach(() => {
  vi.useRealTimers();
});

/** The page's HTML at a given instant: the real loader and component inside a static router. */
async function agendaAt(instant: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(instant));
  const routes = [
    {
      id: "root",
      path: "/",
      loader: rootLoader,
      children: [{ id: "agenda", path: "encuentros/:slug/agenda", loader: agendaPage.loader as never, Component: agendaPage.default }],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("http://localhost/encuentros/bogota-2024/agenda"));
  if (context instanceof Response) throw new Error(`unexpected response ${context.status}`);
  expect(context.errors).toBeNull();
  const html = renderToString(<StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />);
  return { html, now: (context.loaderData.agenda as { now: string }).now };
}

/** Every card on the page: its item id, and whether it is marked as the one in progress. */
function cards(html: string) {
  return [...html.matchAll(/<li id="item-(\d+)" class="([^"]*)"( aria-current="time")?/g)].map((m) => ({
    id: Number(m[1]),
    now: m[2].split(" ").includes("agenda-card--now"),
    ariaCurrent: Boolean(m[3]),
  }));
}

const current = (html: string) => cards(html).filter((c) => c.now || c.ariaCurrent);

/** The "En curso" badges shown (every card has one, hidden unless its session is on: the light script shows it). */
const shownBadges = (html: string) => [...html.matchAll(/<span class="badge badge--now"( hidden="")?/g)].filter((m) => !m[1]).length;

describe("the session in progress on the public agenda", () => {
  it("marks the panel, and only it, at 09:30 in Bogotá on 29 February 2024", async () => {
    const { html, now } = await agendaAt("2024-02-29T14:30:00.000Z");
    expect(now).toBe("2024-02-29T14:30:00.000Z");
    expect(cards(html)).toHaveLength(7);
    expect(current(html)).toEqual([{ id: ids["Panel: Política Integral Migratoria con enfoque territorial"], now: true, ariaCurrent: true }]);
    expect(html).toContain("En curso");
    expect(shownBadges(html)).toBe(1);
  });

  it("passes to the break at the very minute the panel ends (10:30), the start counting and the end not", async () => {
    const { html } = await agendaAt("2024-02-29T15:30:00.000Z");
    expect(current(html)).toEqual([{ id: ids["Receso"], now: true, ariaCurrent: true }]);
  });

  it("marks the first session at the opening minute and the closing one just before the end", async () => {
    expect(current((await agendaAt("2024-02-29T13:00:00.000Z")).html).map((c) => c.id)).toEqual([ids["Registro y bienvenida"]]);
    expect(current((await agendaAt("2024-02-29T18:29:59.000Z")).html).map((c) => c.id)).toEqual([ids["Compromisos de las ciudades y cierre"]]);
  });

  it("marks nothing before the encounter, after it, or at the same hours on another day", async () => {
    for (const instant of ["2024-02-29T12:59:59.000Z", "2024-02-29T18:30:00.000Z", "2024-02-28T14:30:00.000Z", "2024-03-01T14:30:00.000Z"]) {
      const { html } = await agendaAt(instant);
      expect(cards(html), instant).toHaveLength(7);
      expect(current(html), instant).toEqual([]);
      expect(shownBadges(html), instant).toBe(0);
    }
  });
});
