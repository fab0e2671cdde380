import type { UIMatch } from "@remix-run/react";

// A light page is read, not worked in: a visitor's first visit gets its HTML and stylesheet and
// one small script (app/server/light-script.server.ts), never the React runtime (about 84 KB of
// compressed JavaScript, most of what a phone waits for on a slow network). Its links and forms
// are plain HTML, so they work as they are; the next page that needs React loads it. Reached
// by a client-side navigation from a page that had it, a light page renders in React as any
// other. A route says it is light with `export const handle = lightPage;`.
// See docs/decisions/010-light-public-pages.md.

export const lightPage = { light: true } as const;

/** Whether the page being rendered is a light one (any of its matched routes says so). */
export function isLightPage(matches: readonly Pick<UIMatch, "handle">[]): boolean {
  return matches.some((match) => (match.handle as { light?: unknown } | undefined)?.light === true);
}

/**
 * The attributes that let the light script (and React, once it runs) keep "happening now" true:
 * while the browser's clock is within [from, until) the element has `nowClass` (and, with
 * `current`, aria-current="time"), and its `[data-now-badge]` descendants are shown.
 */
export function duringAttributes(from: string, until: string, nowClass: string, current = false) {
  return { "data-during": `${from}/${until}`, "data-now-class": nowClass, ...(current ? { "data-now-current": "" } : {}) };
}
