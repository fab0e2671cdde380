import { localized } from "~emails/localized";
import type { Data } from "~emails/commitment-pending-responsible";

// The text of the mail emails/commitment-pending-responsible.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    subject: (d: Data) => `Compromiso de ${d.cityName} pendiente de confirmación`,
    heading: "Le nombraron responsable de un compromiso",
    intro: (d: Data) =>
      `Una persona de ${d.cityName} registró en Convoca un compromiso del encuentro y escribió esta dirección como la de la persona responsable.`,
    next: "El equipo organizador confirmará primero que usted es la persona responsable; entonces recibirá los detalles y un enlace para informar el avance. Hasta entonces no le enviaremos recordatorios.",
    wrongPerson: "Si no le corresponde, no tiene que hacer nada: responda a quien organizó el encuentro si quiere que no le escribamos más.",
    action: "Ver el encuentro",
  },
  {
    subject: (d: Data) => `A commitment of ${d.cityName} awaiting confirmation`,
    heading: "You were named responsible for a commitment",
    intro: (d: Data) => `Someone from ${d.cityName} recorded a commitment of the convening in Convoca and gave this address as that of the person responsible.`,
    next: "The organizers will first confirm that you are the person responsible; you will then receive the details and a link to report progress. Until then we will send you no reminders.",
    wrongPerson: "If this is not for you, you need do nothing: reply to the organizers of the convening if you want us to stop writing.",
    action: "See the convening",
  },
);
