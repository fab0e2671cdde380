import { createCookie, redirect, type TypedResponse } from "@remix-run/node";
import { getEnv } from "~/server/env.server";

// A one-time message after a redirect ("La contraseña se cambió"), carried by a short-lived
// signed cookie instead of a `?hecho=` query string: the address stays clean, a reload or a
// shared link does not repeat it, and no one can make the page say something by editing a URL.
// The action writes it with redirectWithFlash; the root loader reads it once (consumeFlash)
// and the layout shows it as a role=status banner.

/** Long enough to survive the redirect, short enough that a lost one does not come back later. */
const flashSeconds = 60;
/** A flash is one sentence; anything longer is not one and is dropped. */
const flashMax = 500;

function flashCookie() {
  const env = getEnv();
  return createCookie("convoca_flash", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: env.isProduction,
    secrets: [env.sessionSecret],
    maxAge: flashSeconds,
  });
}

/**
 * Redirects to `url` with `message` shown once on the page it lands on. The message is already
 * in the reader's language (the action knows it), with its counts filled in. `init` adds headers
 * (a session cookie, say) or another redirect status.
 */
export async function redirectWithFlash(url: string, message: string, init: ResponseInit = {}): Promise<TypedResponse<never>> {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashCookie().serialize(message.slice(0, flashMax)));
  return redirect(url, { ...init, headers });
}

/**
 * The flash a request carries (null if none, or if its signature does not match), and the
 * headers that clear it: the root loader returns both, so the message is shown exactly once.
 */
export async function consumeFlash(request: Request): Promise<{ flash: string | null; headers: Headers }> {
  const headers = new Headers();
  const cookieHeader = request.headers.get("Cookie");
  if (!cookieHeader?.includes("convoca_flash=")) return { flash: null, headers };
  const cookie = flashCookie();
  const value: unknown = await cookie.parse(cookieHeader);
  headers.append("Set-Cookie", await cookie.serialize("", { maxAge: 0, expires: new Date(0) }));
  return { flash: typeof value === "string" && value.length > 0 && value.length <= flashMax ? value : null, headers };
}
