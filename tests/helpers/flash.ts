import { consumeFlash } from "~/server/flash.server";
import { getRequest } from "./auth";

// The one-time message a redirect carries (redirectWithFlash, app/server/flash.server.ts), read
// the way the next page reads it: its signed cookie handed to the root loader's consumeFlash.

/** The text the page after `redirect` shows once as its status banner; null if it carries none. */
export async function flashOf(redirect: { headers: Headers }): Promise<string | null> {
  const cookie = redirect.headers.getSetCookie().find((c) => c.startsWith("convoca_flash="));
  if (!cookie) return null;
  return (await consumeFlash(getRequest(redirect.headers.get("Location") ?? "/", cookie.split(";")[0]))).flash;
}
