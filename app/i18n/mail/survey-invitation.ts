import { localized } from "~emails/localized";
import type { Data } from "~emails/survey-invitation";

// The text of the mail emails/survey-invitation.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    subject: (d: Data) => (d.reminder ? `Recordatorio: ${d.survey}` : `Cuéntenos cómo le fue: ${d.survey}`),
    heading: "Su opinión sobre el encuentro",
    intro: (d: Data) =>
      `Gracias por participar en «${d.encounter.title}». Le pedimos unos minutos para responder la encuesta «${d.survey}»: nos ayuda a mejorar los próximos encuentros.`,
    reminderIntro: (d: Data) => `Aún no hemos recibido su respuesta a la encuesta «${d.survey}» de «${d.encounter.title}». Le toma unos minutos.`,
    closes: (when: string) => `La encuesta recibe respuestas hasta el ${when}.`,
    anonymous: "Es anónima: no guardamos quién responde.",
    linked: "El enlace es personal: su respuesta queda asociada a su inscripción y puede cambiarla hasta el cierre.",
    action: "Responder la encuesta",
  },
  {
    subject: (d: Data) => (d.reminder ? `Reminder: ${d.survey}` : `Tell us how it went: ${d.survey}`),
    heading: "Your opinion of the convening",
    intro: (d: Data) =>
      `Thank you for taking part in “${d.encounter.title}”. Please take a few minutes to answer the survey “${d.survey}”: it helps us improve the next convenings.`,
    reminderIntro: (d: Data) => `We have not yet received your answer to the survey “${d.survey}” of “${d.encounter.title}”. It takes a few minutes.`,
    closes: (when: string) => `The survey takes answers until ${when}.`,
    anonymous: "It is anonymous: we do not keep who answers.",
    linked: "The link is personal: your answer is tied to your registration and you can change it until the survey closes.",
    action: "Answer the survey",
  },
);
