import type { Locale } from "~db/schema";

/**
 * Spanish first, English second, with the same shape: the type of the English side is taken
 * from the Spanish one, so a missing or extra key is a type error.
 */
export function localized<T>(es: T, en: NoInfer<T>): Record<Locale, T> {
  return { es, en };
}
