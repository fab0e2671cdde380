import { createCookie } from "@remix-run/node";
import { defaultLocale, isLocale, type Locale } from "./index";

export const localeCookie = createCookie("convoca_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/** Cookie (an explicit choice) first, then Accept-Language, then Spanish. */
export async function getLocale(request: Request): Promise<Locale> {
  return localeOf(request.headers.get("Cookie"), request.headers.get("Accept-Language"));
}

/** getLocale from the two headers it reads (for the public page cache, before any Request is made). */
export async function localeOf(cookieHeader: string | null | undefined, acceptLanguage: string | null | undefined): Promise<Locale> {
  const chosen = await localeCookie.parse(cookieHeader ?? null);
  if (isLocale(chosen)) return chosen;
  const header = acceptLanguage ?? "";
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, q] = part.trim().split(";q=");
      return { lang: tag.toLowerCase().split("-")[0], q: q ? Number(q) : 1 };
    })
    .filter((x) => x.lang && !Number.isNaN(x.q))
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if (isLocale(lang)) return lang;
  return defaultLocale;
}
