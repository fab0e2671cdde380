import { z } from "zod";
import { Action, P } from "./layout";
import { localized } from "./localized";
import { Letter } from "./parts";
import { attachments, encounterRef, httpUrl, paragraph, singleLine } from "./schema";
import { defineTemplate } from "./template";

const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  // Who cancelled changes what the reader needs to hear: a receipt, or an explanation.
  byOrganizer: z.boolean().default(false),
  reason: paragraph(1000).optional(),
  registerUrl: httpUrl.optional(),
  ...attachments,
});
type Data = z.output<typeof schema>;

const strings = localized(
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

export default defineTemplate({
  schema,
  subject: (data, locale) => strings[locale].subject(data),
  body: (data, locale) => {
    const t = strings[locale];
    return (
      <Letter locale={locale} name={data.name} encounter={data.encounter} heading={t.heading}>
        <P>{data.byOrganizer ? t.byOrganizer : t.bySelf}</P>
        {data.reason ? <P>{t.reason(data.reason)}</P> : null}
        {data.registerUrl ? (
          <>
            <P>{t.again}</P>
            <Action href={data.registerUrl} label={t.action} locale={locale} />
          </>
        ) : null}
      </Letter>
    );
  },
});
