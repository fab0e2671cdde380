import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { expect } from "vitest";
import { messagesFor, pickMessages } from "~/i18n/catalog.server";
import { messagePathsFor } from "~/i18n/pages";
import { getRequest } from "./auth";

// A page as the server would send it after a refused post: the real action, loader and
// component in a static router, rendered to HTML; and what a control's aria-describedby names.

/** The root loader's part pages read: the locale and the messages it picks for the address. */
export function rootLoader({ request }: { request: Request }) {
  const paths = messagePathsFor(new URL(request.url).pathname);
  // A page a test makes up (not an address of the app, so only the frame's messages) gets every area.
  const madeUp = paths.join() === messagePathsFor("/made-up-by-a-test").join();
  return { locale: "es" as const, messages: pickMessages("es", madeUp ? Object.keys(messagesFor("es")) : paths) };
}

export type RouteModule = { loader: unknown; action: unknown; default: () => JSX.Element };

/** The page's HTML after posting `request` to it; the post must be refused with `status`. */
export async function renderAfterPost(page: RouteModule, pattern: string, request: Request, status = 400, requestContext?: unknown) {
  const routes = [
    {
      id: "root",
      path: "/",
      loader: rootLoader,
      children: [{ id: "page", path: pattern, loader: page.loader as never, action: page.action as never, Component: page.default }],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(request, { requestContext });
  if (context instanceof Response) throw new Error(`unexpected response ${context.status} ${context.headers.get("Location")}`);
  expect(context.statusCode).toBe(status);
  return renderToString(<StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />);
}

/** The page's HTML for a GET (its loader and component), which must answer 200. */
export function renderPage(page: RouteModule, pattern: string, request: Request, requestContext?: unknown) {
  return renderAfterPost(page, pattern, request, 200, requestContext);
}

/** The aria-describedby of an opening tag, and the text of each element it names. */
export function describedBy(html: string, tag: string) {
  const ids = /aria-describedby="([^"]*)"/.exec(tag)?.[1] ?? "";
  const described = ids
    .split(" ")
    .filter(Boolean)
    .map((id) => new RegExp(`<p[^>]*id="${id}"[^>]*>([^<]*)</p>`).exec(html)?.[1]);
  return { describedBy: ids, described };
}

/** The opening tag of the first `element` named `name` (a textarea, a select...). */
export function openingTag(html: string, element: string, name: string): string {
  return new RegExp(`<${element}[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? "";
}

/** The radio buttons named `name`, and the opening tag of the fieldset around them. */
export function radioGroup(html: string, name: string) {
  const radios = html.match(new RegExp(`<input[^>]*type="radio"[^>]*name="${name}"[^>]*>`, "g")) ?? [];
  const first = radios[0] ? html.indexOf(radios[0]) : -1;
  const start = first >= 0 ? html.lastIndexOf("<fieldset", first) : -1;
  const fieldset = start >= 0 ? (/<fieldset[^>]*>/.exec(html.slice(start))?.[0] ?? "") : "";
  return { radios, fieldset };
}

/** The organizer area's layout (its navigation) as `cookie`'s holder would get it at /admin. */
export async function renderAdminLayout(cookie: string): Promise<string> {
  const layout = await import("~/routes/admin");
  const routes = [
    { id: "root", path: "/", loader: rootLoader, children: [{ id: "admin", path: "admin", loader: layout.loader as never, Component: layout.default }] },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(getRequest("/admin", cookie));
  if (context instanceof Response) throw new Error(`unexpected response ${context.status}`);
  return renderToString(<StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />);
}
