import type { DB } from "~db/client";
import { answerText } from "~/features/questions/answers";
import { inLanguage, isSensitive, type Lang, type Question } from "~/features/questions/kinds";
import { allQuestions, answersByRegistration } from "~/features/questions/queries.server";
import type { Messages } from "~/i18n/index";
import type { Cell } from "~/server/spreadsheet.server";

// The registrations exports (CSV and XLSX) get one column per question, hidden ones too (their
// answers are kept), in the form's order. Sensitive answers are in them: the exports are for
// organizers only, who may see them; their column says "sensitive data", and taking them out
// of Convoca leaves an audit entry (recordSensitiveExport).

export interface AnswerColumns {
  header: Cell[];
  cells: (registrationId: number) => Cell[];
  /** Whether the columns carry sensitive answers. */
  sensitive: boolean;
}

export function answerColumns(questions: readonly Question[], answers: Map<number, Map<number, string>>, lang: Lang, t: Messages): AnswerColumns {
  const words = t.common;
  return {
    header: questions.map((q) => (isSensitive(q) ? `${inLanguage(q.wording, lang)} (${t.questions.exportSensitive})` : inLanguage(q.wording, lang))),
    cells: (registrationId) => {
      const own = answers.get(registrationId);
      return questions.map((q) => {
        const value = own?.get(q.id);
        if (value === undefined) return null;
        const options = q.options.map((o) => ({ code: o.code, label: inLanguage(o, lang) }));
        return q.kind === "number" ? Number(value) : answerText({ kind: q.kind, options }, value, words);
      });
    },
    sensitive: questions.some((q) => isSensitive(q) && [...answers.values()].some((a) => a.has(q.id))),
  };
}

/** The encounter's answer columns, read. */
export async function answerColumnsFor(db: DB, encounterId: number, lang: Lang, t: Messages): Promise<AnswerColumns> {
  const [questions, answers] = await Promise.all([allQuestions(db, encounterId), answersByRegistration(db, encounterId)]);
  return answerColumns(questions, answers, lang, t);
}
