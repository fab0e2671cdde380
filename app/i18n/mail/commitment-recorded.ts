import { localized } from "~emails/localized";
import type { Data } from "~emails/commitment-recorded";

// The text of the mail emails/commitment-recorded.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    subject: (d: Data) => `Compromiso registrado: ${d.commitment.title}`,
    heading: "Quedó registrado un compromiso a su cargo",
    intro: (d: Data) => `Se registró el siguiente compromiso de ${d.commitment.cityName}, y usted figura como responsable:`,
    followUp:
      "Antes de la fecha límite le escribiremos para conocer el avance. Puede informarlo en cualquier momento con el botón, sin necesidad de contraseña.",
    wrongPerson: "Si usted no es la persona responsable, responda a quien organizó el encuentro para corregirlo.",
    action: "Informar el avance",
  },
  {
    subject: (d: Data) => `Commitment recorded: ${d.commitment.title}`,
    heading: "A commitment in your charge has been recorded",
    intro: (d: Data) => `The following commitment of ${d.commitment.cityName} has been recorded, with you as the person responsible:`,
    followUp: "Before the due date we will write to ask about progress. You can report it at any time with the button, no password needed.",
    wrongPerson: "If you are not the person responsible, please tell the organizers of the convening so they can correct it.",
    action: "Report progress",
  },
);
