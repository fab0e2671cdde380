import { localized } from "~emails/localized";
import type { Data } from "~emails/minutes-published";

// The text of the mail emails/minutes-published.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    subject: (d: Data) => `Relatoría publicada: ${d.encounter.title}`,
    heading: "Ya está la relatoría del encuentro",
    intro: "Los organizadores publicaron la relatoría: lo que se dijo y se acordó en el encuentro, junto con sus materiales.",
    action: "Leer la relatoría",
  },
  {
    subject: (d: Data) => `Minutes published: ${d.encounter.title}`,
    heading: "The convening's minutes are out",
    intro: "The organizers have published the minutes: what was said and agreed at the convening, together with its materials.",
    action: "Read the minutes",
  },
);
