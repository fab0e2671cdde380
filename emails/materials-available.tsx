import { Section } from "@react-email/components";
import { z } from "zod";
import { Action, P } from "./layout";
import { localized } from "./localized";
import { Letter } from "./parts";
import { attachments, encounterRef, httpUrl, paragraph, singleLine } from "./schema";
import { defineTemplate } from "./template";

const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  materials: z.array(z.object({ title: singleLine(), description: paragraph(500).optional() })).min(1).max(50),
  url: httpUrl,
  ...attachments,
});
type Data = z.output<typeof schema>;

const strings = localized(
  {
    subject: (d: Data) => `Materiales disponibles: ${d.encounter.title}`,
    heading: "Hay materiales nuevos del encuentro",
    intro: "Ya puede consultar y descargar estos materiales:",
    action: "Ver los materiales",
  },
  {
    subject: (d: Data) => `Materials available: ${d.encounter.title}`,
    heading: "New materials from the convening",
    intro: "You can now read and download these materials:",
    action: "See the materials",
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
        <Section>
          <ul style={{ fontSize: "15px", lineHeight: "22px", margin: "0 0 12px", paddingLeft: "20px" }}>
            {data.materials.map((m, i) => (
              <li key={i}>
                <strong>{m.title}</strong>
                {m.description ? ` — ${m.description}` : null}
              </li>
            ))}
          </ul>
        </Section>
        <Action href={data.url} label={t.action} locale={locale} />
      </Letter>
    );
  },
});
