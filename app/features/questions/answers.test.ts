import { describe, expect, it } from "vitest";
import { answersToValues, answerText, checkAnswer, decodeAnswer, encodeAnswer, parseAnswers, type AnswerValue } from "./answers";
import type { AnswerableQuestion, QuestionKind } from "./kinds";
import { preferNotToAnswer } from "./standard-set";

const q = (id: number, kind: QuestionKind, extra: Partial<AnswerableQuestion> = {}): AnswerableQuestion => ({
  id,
  kind,
  required: false,
  standardCode: null,
  options: kind === "one_choice" || kind === "many_choices" ? [{ code: "a" }, { code: "b" }, { code: "nr" }] : [],
  ...extra,
});

function form(entries: Array<[string, string]>): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

const check = (kind: QuestionKind, ...values: string[]) => checkAnswer(q(1, kind), values);

describe("what each kind accepts", () => {
  it("short text: one trimmed line, at most 200 characters", () => {
    expect(check("short_text", "  Secretaría  ")).toEqual({ ok: true, value: { kind: "short_text", value: "Secretaría" } });
    expect(check("short_text", "x".repeat(201))).toEqual({ ok: false, error: "tooLong" });
    expect(check("short_text", "dos\nlíneas")).toEqual({ ok: false, error: "singleLine" });
    expect(check("short_text", "oculto\u200b")).toEqual({ ok: false, error: "hiddenCharacters" });
  });

  it("long text: line breaks kept (as \\n), at most 2000 characters, no control characters", () => {
    expect(check("long_text", "uno\r\ndos")).toEqual({ ok: true, value: { kind: "long_text", value: "uno\ndos" } });
    expect(check("long_text", "x".repeat(2001))).toEqual({ ok: false, error: "tooLong" });
    expect(check("long_text", "a\u0007b")).toEqual({ ok: false, error: "invalid" });
  });

  it("one choice: one of the question's codes", () => {
    expect(check("one_choice", "a")).toEqual({ ok: true, value: { kind: "one_choice", value: "a" } });
    expect(check("one_choice", "z")).toEqual({ ok: false, error: "notAnOption" });
    expect(check("one_choice", "a", "b")).toEqual({ ok: false, error: "invalid" });
  });

  it("several choices: codes of the question, in its order, once each; 'prefer not to answer' alone", () => {
    expect(check("many_choices", "b", "a", "b")).toEqual({ ok: true, value: { kind: "many_choices", value: ["a", "b"] } });
    expect(check("many_choices", "a", "z")).toEqual({ ok: false, error: "notAnOption" });
    expect(check("many_choices", "a", preferNotToAnswer.code)).toEqual({ ok: false, error: "preferNotAlone" });
    expect(check("many_choices", preferNotToAnswer.code)).toEqual({ ok: true, value: { kind: "many_choices", value: ["nr"] } });
  });

  it("yes/no: yes or no", () => {
    expect(check("yes_no", "yes")).toEqual({ ok: true, value: { kind: "yes_no", value: true } });
    expect(check("yes_no", "no")).toEqual({ ok: true, value: { kind: "yes_no", value: false } });
    expect(check("yes_no", "si")).toEqual({ ok: false, error: "notAnOption" });
  });

  it("number: digits with a decimal point or comma, within bounds", () => {
    expect(check("number", " 12,5 ")).toEqual({ ok: true, value: { kind: "number", value: 12.5 } });
    expect(check("number", "-3")).toEqual({ ok: true, value: { kind: "number", value: -3 } });
    for (const bad of ["1e3", "doce", "1.2.3", "9999999999999", "0x10", "Infinity"]) expect(check("number", bad)).toEqual({ ok: false, error: "number" });
  });

  it("date: a real calendar day", () => {
    expect(check("date", "2024-02-29")).toEqual({ ok: true, value: { kind: "date", value: "2024-02-29" } });
    expect(check("date", "2023-02-29")).toEqual({ ok: false, error: "date" });
    expect(check("date", "29/02/2024")).toEqual({ ok: false, error: "date" });
  });
});

describe("parseAnswers", () => {
  const questions = [q(1, "short_text", { required: true }), q(2, "one_choice"), q(3, "many_choices"), q(4, "number")];

  it("gives typed answers, and which questions were asked", () => {
    const parsed = parseAnswers(
      questions,
      form([
        ["q-1", "Alcaldía"],
        ["q-2", "b"],
        ["q-3", "a"],
        ["q-3", "b"],
        ["q-4", ""],
      ]),
    );
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        asked: [1, 2, 3, 4],
        answers: [
          { questionId: 1, kind: "short_text", value: "Alcaldía" },
          { questionId: 2, kind: "one_choice", value: "b" },
          { questionId: 3, kind: "many_choices", value: ["a", "b"] },
        ],
        sensitiveConsent: null,
      },
    });
  });

  it("refuses with a key per field named like the form's, and the values to show again", () => {
    const parsed = parseAnswers(
      questions,
      form([
        ["q-2", "z"],
        ["q-3", "a"],
        ["q-4", "muchos"],
      ]),
    );
    expect(parsed).toEqual({
      ok: false,
      errors: { "q-1": ["required"], "q-2": ["notAnOption"], "q-4": ["number"] },
      values: { "q-2": "z", "q-3": ["a"], "q-4": "muchos" },
    });
  });

  it("refuses a file where text belongs, and a single-answer field sent twice", () => {
    const data = form([
      ["q-1", "Alcaldía"],
      ["q-2", "a"],
      ["q-2", "b"],
    ]);
    data.append("q-4", new Blob(["1"]), "n.txt");
    expect(parseAnswers(questions, data)).toMatchObject({ ok: false, errors: { "q-2": ["invalid"], "q-4": ["invalid"] } });
  });

  it("reads each person's fields under their prefix", () => {
    const parsed = parseAnswers([q(7, "yes_no", { required: true })], form([["d1-q-7", "no"]]), { prefix: "d1-" });
    expect(parsed).toMatchObject({ ok: true, value: { answers: [{ questionId: 7, kind: "yes_no", value: false }] } });
    expect(parseAnswers([q(7, "yes_no", { required: true })], form([["q-7", "no"]]), { prefix: "d1-" })).toMatchObject({
      ok: false,
      errors: { "d1-q-7": ["required"] },
    });
  });
});

describe("sensitive answers (the standard set)", () => {
  const sex = q(10, "one_choice", { standardCode: "sex", options: [{ code: "mujer" }, { code: "hombre" }, { code: "nr" }] });
  const disability = q(11, "one_choice", { standardCode: "disability", options: [{ code: "no" }, { code: "si" }, { code: "nr" }] });
  const kind = q(12, "many_choices", { standardCode: "disability_kind", options: [{ code: "fisica" }, { code: "visual" }, { code: "nr" }] });
  const ordinary = q(1, "short_text");
  const all = [ordinary, sex, disability, kind];

  it("are kept only with the separate consent ticked", () => {
    const without = parseAnswers(
      all,
      form([
        ["q-1", "Hola"],
        ["q-10", "mujer"],
      ]),
    );
    expect(without).toMatchObject({
      ok: true,
      value: { asked: [1, 10, 11, 12], answers: [{ questionId: 1, kind: "short_text", value: "Hola" }], sensitiveConsent: false },
    });
    const withConsent = parseAnswers(
      all,
      form([
        ["q-10", "mujer"],
        ["sensitiveConsent", "on"],
      ]),
    );
    expect(withConsent).toMatchObject({ ok: true, value: { answers: [{ questionId: 10, value: "mujer" }], sensitiveConsent: true } });
  });

  it("are not even checked without the consent (nothing of them is kept)", () => {
    expect(parseAnswers(all, form([["q-10", "no-es-opcion"]]))).toMatchObject({ ok: true, value: { answers: [] } });
    expect(
      parseAnswers(
        all,
        form([
          ["q-10", "no-es-opcion"],
          ["sensitiveConsent", "on"],
        ]),
      ),
    ).toMatchObject({ ok: false, errors: { "q-10": ["notAnOption"] } });
  });

  it("are left out of a form that does not ask them (a delegation): neither asked nor consented", () => {
    const parsed = parseAnswers(
      all,
      form([
        ["q-1", "Hola"],
        ["q-10", "mujer"],
        ["sensitiveConsent", "on"],
      ]),
      { includeSensitive: false },
    );
    expect(parsed).toMatchObject({ ok: true, value: { asked: [1], answers: [{ questionId: 1, kind: "short_text", value: "Hola" }], sensitiveConsent: null } });
  });

  it("drop the kind of disability unless the answer before was yes", () => {
    const yes = parseAnswers(
      all,
      form([
        ["q-11", "si"],
        ["q-12", "visual"],
        ["sensitiveConsent", "on"],
      ]),
    );
    expect(yes).toMatchObject({ ok: true, value: { answers: [{ questionId: 11 }, { questionId: 12, value: ["visual"] }] } });
    const no = parseAnswers(
      all,
      form([
        ["q-11", "no"],
        ["q-12", "visual"],
        ["sensitiveConsent", "on"],
      ]),
    );
    expect(no).toMatchObject({ ok: true, value: { answers: [{ questionId: 11, value: "no" }] } });
    const hidden = parseAnswers(
      [ordinary, kind],
      form([
        ["q-12", "visual"],
        ["sensitiveConsent", "on"],
      ]),
    );
    expect(hidden).toMatchObject({ ok: true, value: { answers: [] } });
  });
});

describe("keeping and reading answers", () => {
  it("round-trips every kind through its text", () => {
    const samples: AnswerValue[] = [
      { kind: "short_text", value: "Hola" },
      { kind: "many_choices", value: ["a", "b"] },
      { kind: "yes_no", value: false },
      { kind: "number", value: 12.5 },
      { kind: "date", value: "2024-02-29" },
    ];
    for (const sample of samples) expect(decodeAnswer(sample.kind, encodeAnswer(sample))).toEqual(sample);
    expect(decodeAnswer("many_choices", "no es json")).toBeNull();
  });

  it("gives a form back its stored answers, and people the labels", () => {
    expect(
      answersToValues([
        { questionId: 3, kind: "many_choices", value: '["a"]' },
        { questionId: 5, kind: "yes_no", value: "yes" },
      ]),
    ).toEqual({ "q-3": ["a"], "q-5": "yes" });
    const choice = {
      kind: "many_choices" as const,
      options: [
        { code: "a", label: "Uno" },
        { code: "b", label: "Dos" },
      ],
    };
    expect(answerText(choice, '["a","b","quitada"]', { yes: "Sí", no: "No" })).toBe("Uno, Dos, quitada");
    expect(answerText({ kind: "yes_no", options: [] }, "no", { yes: "Sí", no: "No" })).toBe("No");
  });
});
