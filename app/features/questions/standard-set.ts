import type { QuestionKind, QuestionOption } from "~/features/questions/kinds";

// The standard, optional disaggregation set for programmes that report disaggregated figures
// (issue 16, item 4). The facts are those of /work/shared/data/disaggregation.json, copied
// here: categories as Colombian public statistics word them (DANE: Censo Nacional de Población
// y Vivienda 2018 for ethnic self-recognition, DANE's sex-at-birth and gender-identity
// questions; the kinds of Colombia's certification of disability; the youth age limit of Ley
// 1622 de 2013). Codes are stable identifiers for storage and for the programme report; labels
// are for display. Every question is optional and offers "prefer not to answer".
//
// Their answers are sensitive data (Ley 1581 de 2012, art. 5): kept only with the person's
// separate, explicit consent, shown only to organizers, in reports only as aggregates with any
// count under 5 shown as "< 5".

/** "Prefer not to answer": the last option of every question of the set, exclusive of the others. */
export const preferNotToAnswer: QuestionOption = { code: "nr", es: "Prefiero no responder", en: "Prefer not to answer" };

export interface StandardQuestion {
  code: string;
  kind: QuestionKind;
  wording: { es: string; en: string };
  help: { es: string; en: string };
  options: QuestionOption[];
  /** Asked only when the answer to another question of the set is one of these codes. */
  askedWhen?: { code: string; anyOf: string[] };
}

const noHelp = { es: "", en: "" };
const withPreferNot = (options: QuestionOption[]): QuestionOption[] => [...options, preferNotToAnswer];

export const standardSet: readonly StandardQuestion[] = [
  {
    code: "sex",
    kind: "one_choice",
    wording: { es: "Sexo al nacer", en: "Sex at birth" },
    help: noHelp,
    options: withPreferNot([
      { code: "mujer", es: "Mujer", en: "Woman" },
      { code: "hombre", es: "Hombre", en: "Man" },
      { code: "intersexual", es: "Intersexual", en: "Intersex" },
    ]),
  },
  {
    code: "gender_identity",
    kind: "one_choice",
    wording: { es: "Identidad de género: usted se reconoce como", en: "Gender identity: you identify as" },
    help: noHelp,
    options: withPreferNot([
      { code: "mujer", es: "Mujer", en: "Woman" },
      { code: "hombre", es: "Hombre", en: "Man" },
      { code: "mujer_trans", es: "Mujer trans", en: "Trans woman" },
      { code: "hombre_trans", es: "Hombre trans", en: "Trans man" },
      { code: "no_binario", es: "Persona no binaria", en: "Non-binary person" },
      { code: "otra", es: "Otra", en: "Other" },
    ]),
  },
  {
    code: "age_range",
    kind: "one_choice",
    wording: { es: "Rango de edad", en: "Age range" },
    help: noHelp,
    options: withPreferNot([
      { code: "18-28", es: "18 a 28 años", en: "18 to 28" },
      { code: "29-39", es: "29 a 39 años", en: "29 to 39" },
      { code: "40-49", es: "40 a 49 años", en: "40 to 49" },
      { code: "50-59", es: "50 a 59 años", en: "50 to 59" },
      { code: "60+", es: "60 años o más", en: "60 or older" },
    ]),
  },
  {
    code: "ethnic_self_recognition",
    kind: "one_choice",
    wording: {
      es: "De acuerdo con su cultura, pueblo o rasgos físicos, usted se reconoce como",
      en: "According to your culture, people or physical features, you recognize yourself as",
    },
    help: noHelp,
    options: withPreferNot([
      { code: "indigena", es: "Indígena", en: "Indigenous" },
      { code: "rrom", es: "Gitano(a) o Rrom", en: "Roma (Rrom)" },
      {
        code: "raizal",
        es: "Raizal del Archipiélago de San Andrés, Providencia y Santa Catalina",
        en: "Raizal of the San Andrés, Providencia and Santa Catalina archipelago",
      },
      { code: "palenquero", es: "Palenquero(a) de San Basilio", en: "Palenquero of San Basilio" },
      { code: "afro", es: "Negro(a), mulato(a), afrodescendiente, afrocolombiano(a)", en: "Black, mulatto, Afro-descendant, Afro-Colombian" },
      { code: "ninguno", es: "Ningún grupo étnico", en: "No ethnic group" },
    ]),
  },
  {
    code: "disability",
    kind: "one_choice",
    wording: { es: "¿Tiene alguna discapacidad?", en: "Do you have a disability?" },
    help: noHelp,
    options: withPreferNot([
      { code: "no", es: "No", en: "No" },
      { code: "si", es: "Sí", en: "Yes" },
    ]),
  },
  {
    code: "disability_kind",
    kind: "many_choices",
    wording: { es: "Tipo de discapacidad", en: "Kind of disability" },
    help: {
      es: "Solo si respondió «Sí» a la pregunta anterior. Puede elegir varias.",
      en: "Only if you answered “Yes” to the previous question. You may choose several.",
    },
    options: withPreferNot([
      { code: "fisica", es: "Física", en: "Physical" },
      { code: "auditiva", es: "Auditiva", en: "Hearing" },
      { code: "visual", es: "Visual", en: "Visual" },
      { code: "sordoceguera", es: "Sordoceguera", en: "Deafblindness" },
      { code: "intelectual", es: "Intelectual", en: "Intellectual" },
      { code: "psicosocial", es: "Psicosocial (mental)", en: "Psychosocial" },
      { code: "multiple", es: "Múltiple", en: "Multiple" },
    ]),
    askedWhen: { code: "disability", anyOf: ["si"] },
  },
  {
    code: "nationality",
    kind: "one_choice",
    wording: { es: "Nacionalidad", en: "Nationality" },
    help: noHelp,
    options: withPreferNot([
      { code: "colombiana", es: "Colombiana", en: "Colombian" },
      { code: "venezolana", es: "Venezolana", en: "Venezuelan" },
      { code: "colombo_venezolana", es: "Colombiana y venezolana", en: "Colombian and Venezuelan" },
      { code: "otra", es: "Otra", en: "Other" },
    ]),
  },
  {
    code: "migratory_status",
    kind: "one_choice",
    wording: { es: "Situación migratoria", en: "Migratory status" },
    help: {
      es: "Solo si su nacionalidad no es únicamente la colombiana. PPT: Permiso por Protección Temporal.",
      en: "Only if your nationality is not only Colombian. PPT: Temporary Protection Permit (Permiso por Protección Temporal).",
    },
    options: withPreferNot([
      { code: "regular", es: "Regular (visa, PPT u otro permiso vigente)", en: "Regular (visa, PPT or another valid permit)" },
      { code: "en_tramite", es: "En trámite", en: "Pending" },
      { code: "irregular", es: "Sin permiso vigente", en: "Without a valid permit" },
      { code: "retornado", es: "Colombiano(a) retornado(a)", en: "Returned Colombian" },
    ]),
    askedWhen: { code: "nationality", anyOf: ["venezolana", "colombo_venezolana", "otra"] },
  },
];

export function standardQuestion(code: string | null): StandardQuestion | undefined {
  return code === null ? undefined : standardSet.find((q) => q.code === code);
}

/**
 * The kinds of entity officials come from (disaggregation.json's entityType): not sensitive,
 * offered for reports by entity. The demo asks it as an ordinary one-choice question.
 */
export const entityTypes: readonly QuestionOption[] = [
  { code: "despacho_alcalde", es: "Despacho del alcalde o alcaldesa", en: "Mayor's office" },
  { code: "sec_gobierno", es: "Secretaría de Gobierno", en: "Government secretariat" },
  { code: "sec_seguridad", es: "Secretaría de Seguridad y Convivencia", en: "Security and coexistence secretariat" },
  { code: "sec_planeacion", es: "Secretaría de Planeación", en: "Planning secretariat" },
  { code: "sec_social", es: "Secretaría de Integración o Desarrollo Social", en: "Social development secretariat" },
  { code: "sec_mujer", es: "Secretaría de la Mujer", en: "Women's secretariat" },
  { code: "sec_salud", es: "Secretaría de Salud", en: "Health secretariat" },
  { code: "sec_educacion", es: "Secretaría de Educación", en: "Education secretariat" },
  { code: "gerencia_migracion", es: "Gerencia o enlace de asuntos migratorios", en: "Migration affairs office" },
  { code: "personeria", es: "Personería", en: "Municipal ombudsman (Personería)" },
  { code: "concejo", es: "Concejo", en: "City council" },
  { code: "gobernacion", es: "Gobernación", en: "Department government" },
  { code: "policia", es: "Policía Nacional", en: "National Police" },
  { code: "migracion_colombia", es: "Migración Colombia", en: "Migración Colombia" },
  { code: "fiscalia", es: "Fiscalía General de la Nación", en: "Attorney General's Office" },
  { code: "icbf", es: "ICBF", en: "Colombian Family Welfare Institute (ICBF)" },
  { code: "defensoria", es: "Defensoría del Pueblo", en: "Ombudsman's Office" },
  { code: "nacional_otra", es: "Otra entidad nacional", en: "Other national agency" },
  { code: "cooperacion", es: "Organización internacional o de cooperación", en: "International or cooperation organization" },
  { code: "sociedad_civil", es: "Organización de la sociedad civil", en: "Civil society organization" },
  { code: "academia", es: "Academia", en: "Academia" },
  { code: "otra", es: "Otra", en: "Other" },
];
