import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { refusalFor, type RefusalKind } from "~/lib/refusals";

// The refusals the server answers itself, before or around Remix (another site's form, a body
// too large, a method no page takes, a resource route's bare text), as the same styled page the
// root error boundary shows: the app's stylesheet, the visitor's language, a next step.

let stylesheets: string[] = [];

/** The app's stylesheets (fingerprinted by the build), read from the root route's links. */
export function takeStylesheetsFrom(build: { routes: Record<string, { module?: unknown } | undefined> }): void {
  const root = build.routes.root?.module as { links?: () => Array<{ rel?: string; href?: string }> } | undefined;
  try {
    stylesheets = (root?.links?.() ?? []).filter((l) => l.rel === "stylesheet" && typeof l.href === "string").map((l) => l.href as string);
  } catch {
    stylesheets = [];
  }
}

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]);

export async function refusalPageHtml(
  request: { cookie?: string; acceptLanguage?: string },
  input: { status: number; pathname: string; kind?: RefusalKind; detail?: string | null; maxMb?: number },
): Promise<string> {
  const headers = new Headers();
  if (request.cookie) headers.set("Cookie", request.cookie);
  if (request.acceptLanguage) headers.set("Accept-Language", request.acceptLanguage);
  const locale = await getLocale(new Request("http://convoca.invalid/", { headers })).catch(() => "es" as const);
  const t = messagesFor(locale);
  const refusal = refusalFor(t, { ...input, spanish: locale === "es" });
  const steps = refusal.steps.map((step, i) => `<a href="${escapeHtml(step.href)}"${i === 0 ? ' class="button"' : ""}>${escapeHtml(step.label)}</a>`).join(" ");
  return `<!DOCTYPE html>
<html lang="${t.meta.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(refusal.title)} · ${t.meta.appName}</title>
${stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join("")}<link rel="icon" href="/favicon.svg" type="image/svg+xml"></head>
<body><header class="site-header"><div class="site-header__inner"><a href="/" class="brand"><span class="brand__name">${t.meta.appName}</span><span class="brand__tagline">${escapeHtml(t.meta.tagline)}</span></a></div></header>
<main id="main" class="site-main"><section class="error-page"><p class="error-page__status">${input.status}</p><h1>${escapeHtml(refusal.title)}</h1><p>${escapeHtml(refusal.body)}</p><p class="error-page__steps">${steps}</p></section></main>
</body></html>`;
}

/** Answers a refusal from an express middleware; the page is never cached. */
export async function sendRefusal(
  req: ExpressRequest,
  res: ExpressResponse,
  input: { status: number; kind?: RefusalKind; detail?: string | null; maxMb?: number; discardBody?: boolean; headers?: Record<string, string> },
): Promise<void> {
  const html = await refusalPageHtml(
    { cookie: req.get("cookie"), acceptLanguage: req.get("accept-language") },
    { status: input.status, pathname: req.path, kind: input.kind, detail: input.detail, maxMb: input.maxMb },
  );
  if (res.headersSent) return;
  res.status(input.status);
  res.setHeader("Cache-Control", "no-store");
  for (const [name, value] of Object.entries(input.headers ?? {})) res.setHeader(name, value);
  if (input.discardBody) discardRestOfBody(req, res);
  res.type("text/html; charset=utf-8").send(html);
}

/** Most bytes of a refused body read (and dropped) so the client can read the answer. */
const lingerBytes = 64 * 1024 * 1024;

/**
 * After a body is refused as too large, the answer goes out at once. Closing the connection
 * then would make the client's next write fail and lose the answer (a browser shows "connection
 * reset" instead of the page), so what is still coming is read and dropped, never kept, up to
 * 64 MB; past that the connection is cut.
 */
export function discardRestOfBody(req: ExpressRequest, res: ExpressResponse): void {
  res.once("finish", () => {
    if (req.readableEnded) return;
    let dropped = 0;
    req.unpipe();
    req.on("data", (chunk: Buffer) => {
      dropped += chunk.byteLength;
      if (dropped > lingerBytes) req.socket?.destroy();
    });
    req.on("error", () => undefined);
    req.resume();
  });
}
