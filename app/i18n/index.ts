import { useRouteLoaderData } from "@remix-run/react";
import { areas } from "./areas";
import { en } from "./en";
import { es, type BaseMessages } from "./es";

type Areas = typeof areas;
export type Messages = BaseMessages & { [K in keyof Areas]: Areas[K]["es"] };
export const supportedLocales = ["es", "en"] as const;
export type Locale = (typeof supportedLocales)[number];
export const defaultLocale: Locale = "es";

function withAreas(base: BaseMessages, locale: Locale): Messages {
  const extra = Object.fromEntries(Object.entries(areas as Record<string, Record<Locale, unknown>>).map(([name, area]) => [name, area[locale]]));
  return { ...base, ...extra } as Messages;
}

const catalogs: Record<Locale, Messages> = { es: withAreas(es, "es"), en: withAreas(en, "en") };

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

/**
 * A count with its words in the right number ("1 destinatario", "2 destinatarios"): the
 * catalog gives both forms with a {count} placeholder, the language's plural rules choose.
 */
export interface PluralForms {
  one: string;
  other: string;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

export function plural(locale: Locale, forms: PluralForms, count: number, values: Record<string, string | number> = {}): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale === "en" ? "en-US" : "es-CO")));
  // Spanish also has "many" (a million and up), written like "other".
  return format(rules.select(count) === "one" ? forms.one : forms.other, { count, ...values });
}

/** plural() in the page's language. */
export function usePlural(): (forms: PluralForms, count: number, values?: Record<string, string | number>) => string {
  const locale = useLocale();
  return (forms, count, values) => plural(locale, forms, count, values);
}

/** The locale chosen in the root loader (cookie, then Accept-Language, then Spanish). */
export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  return data?.locale ?? defaultLocale;
}

export function useT(): Messages {
  return messagesFor(useLocale());
}
