import { z } from "zod";
import { FollowUpFooter } from "./commitment-parts";
import { Action, P } from "./layout";
import { localized } from "./localized";
import { CommitmentDetails, Letter } from "./parts";
import { attachments, commitmentRef, encounterRef, httpUrl, singleLine } from "./schema";
import { defineTemplate } from "./template";

// Asked for from an expired follow-up link: a fresh personal link to the same commitment, sent
// only to its responsible official's address (at most one a day).
const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  commitment: commitmentRef,
  updateUrl: httpUrl,
  stopUrl: httpUrl.optional(),
  ...attachments,
});
type Data = z.output<typeof schema>;

const strings = localized(
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
    intro: "You asked for a new link because the previous one had expired. With this one you can report the progress of the commitment in your charge, no password needed:",
    notYou: "If you did not ask for it, you can ignore this message: the link only serves whoever receives this email.",
    action: "Report progress",
  },
);

export default defineTemplate({
  schema,
  subject: (data, locale) => strings[locale].subject(data),
  body: (data, locale) => {
    const t = strings[locale];
    return (
      <Letter locale={locale} name={data.name} encounter={data.encounter} heading={t.heading}>
        <P>{t.intro}</P>
        <CommitmentDetails commitment={data.commitment} locale={locale} />
        <Action href={data.updateUrl} label={t.action} locale={locale} />
        <P>{t.notYou}</P>
        <FollowUpFooter stopUrl={data.stopUrl} locale={locale} />
      </Letter>
    );
  },
});
