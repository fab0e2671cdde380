import { useRouteLoaderData } from "@remix-run/react";
import { en } from "./en";
import { es, type Messages } from "./es";

export type { Messages };
export const supportedLocales = ["es", "en"] as const;
export type Locale = (typeof supportedLocales)[number];
export const defaultLocale: Locale = "es";

const catalogs: Record<Locale, Messages> = { es, en };

export function messagesFor(locale: Locale): Messages {
  return catalogs[locale];
}

export function isLocale(value: unknown): value is Locale {
  return value === "es" || value === "en";
}

/** Replaces {name} placeholders. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

/** The locale chosen in the root loader (cookie, then Accept-Language, then Spanish). */
export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  return data?.locale ?? defaultLocale;
}

export function useT(): Messages {
  return messagesFor(useLocale());
}
