import { notFound } from "~/server/http.server";
import { isRowId } from "~/lib/input-rules";
import { slugPattern } from "~/lib/slug";

/** What Remix passes as `params`. */
type Params = Readonly<Record<string, string | undefined>>;

// Route params (/admin/materiales/$id, /encuentros/$slug, /d/$token) read one way: a missing or
// malformed value is a 404, the app's styled not-found page, never a query with "abc" or a 500.

/** A row id: digits only, 1 up to the largest id a row can have (isRowId). */
export function requireId(params: Params, name: string): number {
  const value = params[name];
  return value && isRowId(value) ? Number(value) : notFound();
}

/**
 * A slug as the app makes them (slugPattern: lowercase letters, digits, single hyphens), at most
 * 120 characters, the bound the encounter guards used before.
 */
export function requireSlug(params: Params, name: string): string {
  const value = params[name];
  if (!value || value.length > 120 || !slugPattern.test(value)) notFound();
  return value;
}

/**
 * A token from a mailed link, by shape only: base64url characters and dots, 16 to 500 of them.
 * Only for routes whose refusal of a malformed token is a plain 404; the signed-link pages keep
 * their own "ask for a new link" answers (refusals.ts) after this check.
 */
export function requireToken(params: Params, name: string): string {
  const value = params[name];
  if (!value || !/^[A-Za-z0-9_.-]{16,500}$/.test(value)) notFound();
  return value;
}
