import { localized } from "~emails/localized";
import type { Data } from "~emails/commitment-link";

// The text of the mail emails/commitment-link.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    subject: (d: Data) => `Su nuevo enlace para el compromiso «${d.commitment.title}»`,
    heading: "Su nuevo enlace para informar el avance",
    intro: "Pidió un enlace nuevo porque el anterior había vencido. Con este puede informar el avance del compromiso a su cargo, sin contraseña:",
    notYou: "Si no lo pidió, puede ignorar este correo: el enlace solo sirve a quien recibe este mensaje.",
    action: "Informar el avance",
  },
  {
    subject: (d: Data) => `Your new link for the commitment "${d.commitment.title}"`,
    heading: "Your new link to report progress",
    intro:
      "You asked for a new link because the previous one had expired. With this one you can report the progress of the commitment in your charge, no password needed:",
    notYou: "If you did not ask for it, you can ignore this message: the link only serves whoever receives this email.",
    action: "Report progress",
  },
);
