import { z } from "zod";
import { formatDueDate } from "./format";
import { Action, P } from "./layout";
import { localized } from "./localized";
import { Letter } from "./parts";
import { attachments, encounterRef, httpUrl, paragraph, singleLine } from "./schema";
import { defineTemplate } from "./template";

// An organizer's reminder to someone who has not downloaded a material yet. The button is a
// personal signed link straight to the file (no password), valid until `validUntil`.
const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  material: z.object({ title: singleLine(), description: paragraph(500).optional() }),
  url: httpUrl,
  validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "debe ser una fecha AAAA-MM-DD"),
  ...attachments,
});
type Data = z.output<typeof schema>;

const strings = localized(
  {
    subject: (d: Data) => `Recordatorio: descargue «${d.material.title}»`,
    heading: "Este material le está esperando",
    intro: (d: Data) => `Todavía no ha descargado «${d.material.title}», preparado para las ciudades capitales en el marco de este encuentro.`,
    action: "Descargar el material",
    personal: (d: Data) => `El enlace es personal: no lo reenvíe. Funciona hasta el ${formatDueDate(d.validUntil, "es")}; después puede descargarlo desde la página de materiales del encuentro, ingresando con su correo.`,
  },
  {
    subject: (d: Data) => `Reminder: download "${d.material.title}"`,
    heading: "This material is waiting for you",
    intro: (d: Data) => `You have not downloaded "${d.material.title}" yet, prepared for the capital cities for this convening.`,
    action: "Download the material",
    personal: (d: Data) => `The link is personal: please do not forward it. It works until ${formatDueDate(d.validUntil, "en")}; after that you can download it from the convening's materials page by signing in with your email.`,
  },
);

export default defineTemplate({
  schema,
  subject: (data, locale) => strings[locale].subject(data),
  body: (data, locale) => {
    const t = strings[locale];
    return (
      <Letter locale={locale} name={data.name} encounter={data.encounter} heading={t.heading} preview={t.intro(data)}>
        <P>{t.intro(data)}</P>
        {data.material.description ? <P>{data.material.description}</P> : null}
        <Action href={data.url} label={t.action} locale={locale} />
        <P>{t.personal(data)}</P>
      </Letter>
    );
  },
});
