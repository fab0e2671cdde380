import { localized } from "~emails/localized";
import type { Data } from "~emails/materials-available";

// The text of the mail emails/materials-available.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    subject: (d: Data) => `Materiales disponibles: ${d.encounter.title}`,
    heading: "Hay materiales nuevos del encuentro",
    intro: "Ya puede consultar y descargar estos materiales:",
    action: "Ver los materiales",
  },
  {
    subject: (d: Data) => `Materials available: ${d.encounter.title}`,
    heading: "New materials from the convening",
    intro: "You can now read and download these materials:",
    action: "See the materials",
  },
);
