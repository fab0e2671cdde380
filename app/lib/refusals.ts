import { format, type Messages } from "~/i18n/index";

// What a refused request shows, decided in one place for the root error page (rendered by
// Remix) and for the refusals the server sends before Remix runs (another site's form, a body
// too large, a method no page takes): a title, a sentence, and a next step, in the visitor's
// language.

export type RefusalKind = "crossSite" | "tooLarge" | "method" | "badRequest";

export interface Refusal {
  title: string;
  body: string;
  steps: Array<{ href: string; label: string }>;
}

/** Pages opened from a personal link in a mail: a refusal there means "ask for a new link". */
export function isSignedLinkPath(pathname: string): boolean {
  return /^\/(d|inscripcion|seguimiento|ingresar\/enlace)\/[^/]+/.test(pathname);
}

export function refusalFor(
  t: Messages,
  input: { status: number; pathname: string; kind?: RefusalKind; detail?: string | null; maxMb?: number; spanish?: boolean },
): Refusal {
  const e = t.errors;
  const home = { href: "/", label: e.goHome };
  const retry = { href: input.pathname || "/", label: e.retry };
  const newLink = { href: "/ingresar/enlace", label: e.newLink };
  // A route's own Spanish sentence says more than a generic one; in English the generic one is used.
  const detail = input.spanish && input.detail && input.detail.trim() ? input.detail.trim() : null;
  const kind =
    input.kind ??
    (input.status === 413 ? "tooLarge" : input.status === 405 ? "method" : input.status === 400 || input.status === 415 ? "badRequest" : undefined);

  if (kind === "crossSite") return { title: e.crossSiteTitle, body: e.crossSiteBody, steps: [retry, home] };
  if (kind === "tooLarge") return { title: e.tooLargeTitle, body: format(e.tooLargeBody, { max: input.maxMb ?? 1 }), steps: [retry, home] };
  if (kind === "method") return { title: e.methodTitle, body: e.methodBody, steps: [home] };
  if (kind === "badRequest") return { title: e.badRequestTitle, body: detail ?? e.badRequestBody, steps: [retry, home] };
  if (input.status === 429) return { title: e.tooManyTitle, body: e.tooManyBody, steps: [retry, home] };
  if (isSignedLinkPath(input.pathname) && [403, 404, 410].includes(input.status)) {
    return { title: e.linkTitle, body: detail ?? e.linkBody, steps: [newLink, home] };
  }
  if (input.status === 404) return { title: e.notFoundTitle, body: detail ?? e.notFoundBody, steps: [home] };
  if (input.status === 401 || input.status === 403) {
    return { title: e.forbiddenTitle, body: detail ?? e.forbiddenBody, steps: [{ href: "/ingresar", label: e.signIn }, home] };
  }
  if (input.status < 500) return { title: e.badRequestTitle, body: detail ?? e.badRequestBody, steps: [retry, home] };
  return { title: e.errorTitle, body: e.errorBody, steps: [retry, home] };
}
