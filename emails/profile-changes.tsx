import { z } from "zod";
import { Action, P } from "./layout";
import { localized } from "./localized";
import { Letter } from "./parts";
import { attachments, encounterRef, httpUrl, singleLine } from "./schema";
import { defineTemplate } from "./template";

// Someone registered this address with data that differ from what Convoca keeps. Nothing was
// changed: the owner of the address confirms the differences from the link, or ignores it.

const change = z.object({ from: singleLine(300).or(z.literal("")), to: singleLine(300).or(z.literal("")) });
const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  changes: z.object({ fullName: change.optional(), entity: change.optional(), position: change.optional(), phone: change.optional(), city: change.optional() }),
  url: httpUrl,
  validUntil: singleLine(40),
  ...attachments,
});
type Data = z.output<typeof schema>;
type Field = keyof Data["changes"];

const strings = localized(
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

const fieldOrder: Field[] = ["fullName", "entity", "position", "phone", "city"];

export default defineTemplate({
  schema,
  subject: (data, locale) => strings[locale].subject(data),
  body: (data, locale) => {
    const t = strings[locale];
    return (
      <Letter locale={locale} name={data.name} encounter={data.encounter} heading={t.heading}>
        <P>{t.intro}</P>
        {fieldOrder.map((field) => {
          const c = data.changes[field];
          return c ? <P key={field}>{t.line(t.fields[field], c.from, c.to)}</P> : null;
        })}
        <P>{t.ask(data.validUntil)}</P>
        <Action href={data.url} label={t.action} locale={locale} />
        <P>{t.ignore}</P>
      </Letter>
    );
  },
  // The link changes the person's data: whoever holds it acts for them.
  secrets: (data) => [data.url],
});
