import { localized } from "~emails/localized";
import type { Data, Field } from "~emails/profile-changes";

// The text of the mail emails/profile-changes.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    subject: (d: Data) => `Confirme el cambio de sus datos: ${d.encounter.title}`,
    heading: "¿Quiere cambiar sus datos?",
    intro:
      "Alguien inscribió este correo en el encuentro con datos distintos de los que tenemos guardados. No cambiamos nada: su inscripción usa los datos guardados. Estos son los datos que llegaron en el formulario:",
    fields: { fullName: "Nombre", entity: "Entidad", position: "Cargo", phone: "Teléfono", city: "Ciudad" } satisfies Record<Field, string>,
    line: (label: string, from: string, to: string) => `${label}: «${from || "(vacío)"}» → «${to || "(vacío)"}»`,
    ask: (until: string) => `Si fue usted y quiere usar estos datos, confírmelo desde este enlace (sirve una sola vez, hasta el ${until}).`,
    ignore: "Si no fue usted, no haga nada: sus datos siguen como estaban.",
    action: "Revisar y confirmar los cambios",
  },
  {
    subject: (d: Data) => `Confirm the change to your details: ${d.encounter.title}`,
    heading: "Do you want to change your details?",
    intro:
      "Someone registered this address for the convening with details that differ from the ones we keep. We changed nothing: your registration uses the details on file. These are the details the form received:",
    fields: { fullName: "Name", entity: "Entity", position: "Position", phone: "Phone", city: "City" },
    line: (label: string, from: string, to: string) => `${label}: “${from || "(empty)"}” → “${to || "(empty)"}”`,
    ask: (until: string) => `If it was you and you want to use these details, confirm it from this link (it works once, until ${until}).`,
    ignore: "If it was not you, do nothing: your details stay as they were.",
    action: "Review and confirm the changes",
  },
);
