import { useRouteLoaderData } from "@remix-run/react";
import type { areas } from "./areas";
import type { BaseMessages } from "./es";

// What pages and mail share of the catalog, safe for the browser: types, the locale, the
// placeholder and plural helpers, and useT(). The messages themselves are server-only
// (catalog.server.ts): a page reads the ones the root loader picked for it.

type Areas = typeof areas;
export type Messages = BaseMessages & { [K in keyof Areas]: Areas[K]["es"] };
/** Part of the catalog in one language, as the root loader sends it (see pages.ts). */
export type PickedMessages = { readonly [area: string]: unknown };
export const supportedLocales = ["es", "en"] as const;
export type Locale = (typeof supportedLocales)[number];
export const defaultLocale: Locale = "es";

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

interface RootI18n {
  locale: Locale;
  messages: PickedMessages;
}

/** The locale chosen in the root loader (cookie, then Accept-Language, then Spanish). */
export function useLocale(): Locale {
  const data = useRouteLoaderData<RootI18n>("root");
  return data?.locale ?? defaultLocale;
}

const guarded = new WeakMap<PickedMessages, Messages>();

/**
 * The page's messages, in its language. Only the areas pages.ts lists for the address are
 * there: reading another one throws with the fix, instead of rendering "undefined".
 */
export function useT(): Messages {
  const messages = useRouteLoaderData<RootI18n>("root")?.messages ?? {};
  return guardedMessages(messages);
}

export function guardedMessages(messages: PickedMessages): Messages {
  let t = guarded.get(messages);
  if (!t) {
    t = new Proxy(messages, {
      get(target, key) {
        if (typeof key === "string" && !(key in target) && key !== "then" && key !== "toJSON") {
          throw new Error(`i18n: this page was not sent the "${key}" messages: add them to its row in app/i18n/pages.ts`);
        }
        return Reflect.get(target, key);
      },
    }) as unknown as Messages;
    guarded.set(messages, t);
  }
  return t;
}
