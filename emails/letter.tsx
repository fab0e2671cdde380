import type { ReactNode } from "react";
import type { z } from "zod";
import type { Locale } from "~db/schema";
import { Letter } from "./parts";
import type { encounterRef } from "./schema";
import { defineTemplate, type EmailTemplate } from "./template";

type LetterData = { name?: string; encounter?: z.output<typeof encounterRef>; stopUrl?: string };

/**
 * Most messages are a letter to one person about one encounter: the subject and the heading come
 * from the message's strings in the catalog, the greeting and the frame from Letter; the template
 * says only what goes inside.
 */
export function defineLetter<S extends z.ZodTypeAny, T extends { subject: (data: z.output<S>) => string; heading: string }>(
  schema: S,
  strings: Record<Locale, T>,
  content: (data: z.output<S>, t: T, locale: Locale) => ReactNode,
  options: {
    /** The inbox's preview line, when it is not the heading. */
    preview?: (data: z.output<S>, t: T) => string;
    /** Values that act as a key: hidden in the mail viewer once mail really leaves. */
    secrets?: (data: z.output<S>) => string[];
  } = {},
): EmailTemplate<S> {
  const letter = { schema, strings, content, ...options };
  return defineTemplate({
    schema: letter.schema,
    subject: (data, locale) => letter.strings[locale].subject(data),
    body: (data, locale) => {
      const t = letter.strings[locale];
      const { name, encounter, stopUrl } = data as LetterData;
      return (
        <Letter locale={locale} name={name} encounter={encounter} heading={t.heading} preview={letter.preview?.(data, t)} stopUrl={stopUrl}>
          {letter.content(data, t, locale)}
        </Letter>
      );
    },
    secrets: letter.secrets,
  });
}
