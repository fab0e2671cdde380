import { localized } from "~emails/localized";
import type { Data } from "~emails/registration-cancelled";

// The text of the mail emails/registration-cancelled.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    subject: (d: Data) => `Inscripción cancelada: ${d.encounter.title}`,
    heading: "Su inscripción fue cancelada",
    bySelf: "Cancelamos su inscripción al encuentro, como usted lo pidió. Gracias por avisar: el cupo queda libre para otra persona.",
    byOrganizer: "El equipo organizador canceló su inscripción al encuentro.",
    reason: (reason: string) => `Motivo: ${reason}`,
    again: "Si se trata de un error, puede inscribirse de nuevo mientras haya cupos.",
    action: "Inscribirme de nuevo",
  },
  {
    subject: (d: Data) => `Registration cancelled: ${d.encounter.title}`,
    heading: "Your registration has been cancelled",
    bySelf: "We have cancelled your registration for the convening, as you asked. Thank you for letting us know: the place is now free for someone else.",
    byOrganizer: "The organizing team has cancelled your registration for the convening.",
    reason: (reason: string) => `Reason: ${reason}`,
    again: "If this is a mistake, you can register again while places remain.",
    action: "Register again",
  },
);
