import { z } from "zod";
import { Action, P } from "./layout";
import { localized } from "./localized";
import { Letter } from "./parts";
import { attachments, encounterRef, httpUrl, singleLine } from "./schema";
import { defineTemplate } from "./template";

const schema = z.object({
  name: singleLine(),
  url: httpUrl,
  minutes: z.number().int().positive(),
  // Signing in is not about one encounter; when it is (a link from a registration page), say which.
  encounter: encounterRef.optional(),
  ...attachments,
});
type Data = z.output<typeof schema>;

const strings = localized(
  {
    subject: "Su enlace para ingresar a Convoca",
    heading: "Ingrese a Convoca",
    intro: (d: Data) => `Pidió ingresar a Convoca. Use el botón; el enlace sirve una sola vez y vence en ${d.minutes} minutos.`,
    notYou: "Si usted no lo pidió, ignore este mensaje: nadie puede ingresar a su cuenta sin este enlace.",
    action: "Ingresar",
  },
  {
    subject: "Your sign-in link for Convoca",
    heading: "Sign in to Convoca",
    intro: (d: Data) => `You asked to sign in to Convoca. Use the button; the link works once and expires in ${d.minutes} minutes.`,
    notYou: "If you did not ask for it, ignore this message: no one can sign in to your account without this link.",
    action: "Sign in",
  },
);

export default defineTemplate({
  schema,
  subject: (_data, locale) => strings[locale].subject,
  // Whoever holds the link can sign in as the participant.
  secrets: (data) => [data.url],
  body: (data, locale) => {
    const t = strings[locale];
    return (
      <Letter locale={locale} name={data.name} encounter={data.encounter} heading={t.heading}>
        <P>{t.intro(data)}</P>
        <Action href={data.url} label={t.action} locale={locale} />
        <P>{t.notYou}</P>
      </Letter>
    );
  },
});
