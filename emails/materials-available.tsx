import { Section } from "@react-email/components";
import { z } from "zod";
import { Action, P } from "./layout";
import { strings } from "~/i18n/mail/materials-available";
import { attachments, encounterRef, httpUrl, paragraph, singleLine, optOut } from "./schema";
import { defineLetter } from "./letter";

const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  materials: z
    .array(z.object({ title: singleLine(), description: paragraph(500).optional() }))
    .min(1)
    .max(50),
  url: httpUrl,
  ...optOut,
  ...attachments,
});
export type Data = z.output<typeof schema>;

export default defineLetter(schema, strings, (data, t, locale) => (
  <>
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
  </>
));
