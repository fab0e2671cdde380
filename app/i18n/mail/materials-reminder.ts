import { formatDueDate } from "~emails/format";
import { localized } from "~emails/localized";
import type { Data } from "~emails/materials-reminder";

// The text of the mail emails/materials-reminder.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    subject: (d: Data) => `Recordatorio: descargue «${d.material.title}»`,
    heading: "Este material le está esperando",
    intro: (d: Data) => `Todavía no ha descargado «${d.material.title}», preparado para las ciudades capitales en el marco de este encuentro.`,
    action: "Descargar el material",
    personal: (d: Data) =>
      `El enlace es personal: no lo reenvíe. Funciona hasta el ${formatDueDate(d.validUntil, "es")}; después puede descargarlo desde la página de materiales del encuentro, ingresando con su correo.`,
  },
  {
    subject: (d: Data) => `Reminder: download "${d.material.title}"`,
    heading: "This material is waiting for you",
    intro: (d: Data) => `You have not downloaded "${d.material.title}" yet, prepared for the capital cities for this convening.`,
    action: "Download the material",
    personal: (d: Data) =>
      `The link is personal: please do not forward it. It works until ${formatDueDate(d.validUntil, "en")}; after that you can download it from the convening's materials page by signing in with your email.`,
  },
);
