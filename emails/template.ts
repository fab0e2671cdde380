import type { ReactElement } from "react";
import type { z } from "zod";
import type { Locale } from "~db/schema";

/** One message: the data it needs, its subject per language, and its body. */
export interface EmailTemplate<S extends z.ZodTypeAny> {
  schema: S;
  subject: (data: z.output<S>, locale: Locale) => string;
  body: (data: z.output<S>, locale: Locale) => ReactElement;
  /** Values that act as a key (a sign-in link): hidden in the mail viewer once mail really leaves. */
  secrets?: (data: z.output<S>) => string[];
}

export function defineTemplate<S extends z.ZodTypeAny>(template: EmailTemplate<S>): EmailTemplate<S> {
  return template;
}
