import { render, toPlainText } from "@react-email/render";
import type { z } from "zod";
import type { Locale } from "~db/schema";
import agendaChanged from "./agenda-changed";
import commitmentEscalation from "./commitment-escalation";
import commitmentLink from "./commitment-link";
import commitmentOverdue from "./commitment-overdue";
import commitmentPendingResponsible from "./commitment-pending-responsible";
import commitmentRecorded from "./commitment-recorded";
import encounterMessage from "./encounter-message";
import encounterReminder from "./encounter-reminder";
import commitmentReminder from "./commitment-reminder";
import delegationRemoved from "./delegation-removed";
import invitation from "./invitation";
import materialsAvailable from "./materials-available";
import materialsReminder from "./materials-reminder";
import minutesPublished from "./minutes-published";
import profileChanges from "./profile-changes";
import registrationCancelled from "./registration-cancelled";
import registrationConfirmed from "./registration-confirmed";
import registrationPromoted from "./registration-promoted";
import registrationWaitlisted from "./registration-waitlisted";
import rosterChange from "./roster-change";
import rosterNotice from "./roster-notice";
import type { EmailAttachment } from "./schema";
import signInLink from "./sign-in-link";
import surveyInvitation from "./survey-invitation";
import type { EmailTemplate } from "./template";

export type { EmailAttachment } from "./schema";

/** Every message Convoca sends. A new message: one file in emails/, one line here. */
export const emailTemplates = {
  "registration-confirmed": registrationConfirmed,
  "registration-waitlisted": registrationWaitlisted,
  "registration-promoted": registrationPromoted,
  "registration-cancelled": registrationCancelled,
  "profile-changes": profileChanges,
  "sign-in-link": signInLink,
  "materials-available": materialsAvailable,
  "materials-reminder": materialsReminder,
  "commitment-recorded": commitmentRecorded,
  "commitment-reminder": commitmentReminder,
  "commitment-overdue": commitmentOverdue,
  "commitment-escalation": commitmentEscalation,
  "commitment-link": commitmentLink,
  "commitment-pending-responsible": commitmentPendingResponsible,
  "agenda-changed": agendaChanged,
  "roster-change": rosterChange,
  "roster-notice": rosterNotice,
  "encounter-message": encounterMessage,
  "encounter-reminder": encounterReminder,
  invitation: invitation,
  "delegation-removed": delegationRemoved,
  "minutes-published": minutesPublished,
  "survey-invitation": surveyInvitation,
} as const;

export type TemplateName = keyof typeof emailTemplates;
export const templateNames = Object.keys(emailTemplates) as TemplateName[];

/** What a caller passes for a template (defaults may be left out). */
export type TemplateData<T extends TemplateName> = z.input<(typeof emailTemplates)[T]["schema"]>;

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  attachments: EmailAttachment[];
}

/** The data does not fit the template: a programming error or hostile input, never sent. */
export class EmailDataError extends Error {
  constructor(
    message: string,
    readonly issues: Array<{ path: string; message: string }> = [],
  ) {
    super(message);
    this.name = "EmailDataError";
  }
}

export function isTemplateName(name: string): name is TemplateName {
  return Object.prototype.hasOwnProperty.call(emailTemplates, name);
}

function templateFor(name: string): EmailTemplate<z.ZodTypeAny> {
  if (!isTemplateName(name)) throw new EmailDataError(`Plantilla de correo desconocida: ${name}`);
  // The registry holds one schema type per template; past the name check they are used alike.
  return emailTemplates[name] as unknown as EmailTemplate<z.ZodTypeAny>;
}

/**
 * Checks data against its template and computes the subject, without rendering the body
 * (cheap enough to run inside the transaction that writes the outbox row).
 */
export function prepareEmail(template: string, locale: Locale, data: unknown): { data: unknown; subject: string } {
  const definition = templateFor(template);
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    const summary = issues.map((i) => `${i.path || "(datos)"}: ${i.message}`).join("; ");
    throw new EmailDataError(`Datos no válidos para la plantilla ${template}: ${summary}`, issues);
  }
  const subject = definition.subject(parsed.data, locale);
  if (/[\r\n]/.test(subject)) throw new EmailDataError("El asunto no puede contener saltos de línea");
  return { data: parsed.data, subject };
}

// html-to-text shouts headings in capitals by default; a reader of the text version is not deaf.
export const htmlToTextOptions = {
  selectors: ["h1", "h2"].map((selector) => ({ selector, options: { uppercase: false } })),
};

/** Renders a message: HTML and plain text from the same React tree, in the reader's language. */
export async function renderEmail<T extends TemplateName>(template: T, locale: Locale, data: TemplateData<T>): Promise<RenderedEmail> {
  return renderStoredEmail(template, locale, data);
}

/** The same for a row read back from the outbox, whose template name and data are unchecked. */
export async function renderStoredEmail(template: string, locale: Locale, data: unknown): Promise<RenderedEmail> {
  const prepared = prepareEmail(template, locale, data);
  const element = templateFor(template).body(prepared.data, locale);
  const html = await render(element);
  // Exactly what render(element, { plainText: true, htmlToTextOptions }) returns (it renders the
  // tree and runs this same conversion), without rendering the tree a second time; the
  // templates test checks that the two stay equal.
  const text = toPlainText(html, htmlToTextOptions);
  const attachments = (prepared.data as { attachments?: EmailAttachment[] }).attachments ?? [];
  return { subject: prepared.subject, html, text, attachments };
}

/** The secret values in a message's data (see EmailTemplate.secrets); none if it does not fit. */
export function secretsOf(template: string, locale: Locale, data: unknown): string[] {
  try {
    const prepared = prepareEmail(template, locale, data);
    return templateFor(template).secrets?.(prepared.data) ?? [];
  } catch {
    return [];
  }
}
