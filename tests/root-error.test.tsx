import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { ErrorBoundary } from "~/root";

// When the root loader itself fails (the database is down, say), no messages reach the page:
// the error page still says, in words, what happened and what to do.

describe("the error page when the root loader fails", () => {
  it("says something went wrong, in Spanish and English, with a way to try again", async () => {
    const routes = [
      {
        id: "root",
        path: "/",
        loader: () => {
          throw new Error("la base de datos no responde");
        },
        Component: () => null,
        ErrorBoundary,
        children: [{ id: "page", path: "encuentros", Component: () => null }],
      },
    ];
    const handler = createStaticHandler(routes);
    const context = await handler.query(new Request("http://localhost/encuentros"));
    if (context instanceof Response) throw new Error(`unexpected response ${context.status}`);
    const html = renderToString(<StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />);
    expect(html).toContain("<h1>Algo salió mal</h1>");
    expect(html).toContain("Tuvimos un problema al mostrar esta página.");
    expect(html).toContain("We had a problem showing this page.");
    expect(html).toMatch(/<a href="\/encuentros" class="button">Volver a intentar<\/a>/);
    expect(html).not.toContain("la base de datos no responde");
  });
});
