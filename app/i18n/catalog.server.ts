import { areas } from "./areas";
import { en } from "./en";
import { es } from "./es";
import type { Locale, Messages, PickedMessages } from "./index";

// The whole catalog, both languages of every area. Server-only on purpose: the browser gets
// only what pickMessages() chose for the page (the active language, the page's areas) through
// the root loader's data, never this module (the classic compiler empties `.server` modules in
// the client build, so an import from a component cannot pull it in by mistake).

function withAreas(base: typeof es, locale: Locale): Messages {
  const extra = Object.fromEntries(Object.entries(areas as Record<string, Record<Locale, unknown>>).map(([name, area]) => [name, area[locale]]));
  return { ...base, ...extra } as Messages;
}

const catalogs: Record<Locale, Messages> = { es: withAreas(es, "es"), en: withAreas(en, "en") };

/** Every message in one language: for loaders, actions, exports, PDFs and mail. */
export function messagesFor(locale: Locale): Messages {
  return catalogs[locale];
}

/**
 * The messages of one language, only the areas named: an area ("registration") or a path into
 * one ("organizers.account.nav") when a page needs a single label of a large area.
 */
export function pickMessages(locale: Locale, paths: readonly string[]): PickedMessages {
  const all = catalogs[locale] as unknown as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  // Shorter paths first, so that a whole area wins over a label of it.
  for (const path of [...paths].sort((a, b) => a.split(".").length - b.split(".").length)) {
    const keys = path.split(".");
    let from: unknown = all;
    let into = picked;
    let covered = false;
    keys.forEach((key, i) => {
      from = (from as Record<string, unknown> | undefined)?.[key];
      if (covered || from === undefined) return;
      if (into[key] === from)
        covered = true; // already picked whole: never write into the catalog
      else if (i === keys.length - 1) into[key] = from;
      else into = (into[key] ??= {}) as Record<string, unknown>;
    });
    if (from === undefined) throw new Error(`i18n: no messages at "${path}"`);
  }
  return picked as PickedMessages;
}
