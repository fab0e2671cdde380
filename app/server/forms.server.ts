import type { Submission, SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import type { z } from "zod";
import { readForm } from "~/server/http.server";

// The server half of a form (see the guide in app/components/forms.tsx): read the request the
// one way (readForm: body caps, 4xx refusals), parse it with the area's schema through conform,
// and answer a refusal with conform's reply, which the page's useForm shows without JavaScript.

/** Reads the request's form (never request.formData()) and parses it with `schema`. */
export async function parseSubmission<S extends z.ZodTypeAny>(
  request: Request,
  schema: S,
  limit?: number,
): Promise<Submission<z.input<S>, string[], z.output<S>>> {
  return parseFields(await readForm(request, limit), schema);
}

/**
 * Parses fields already read: the text fields of a multipart upload (receiveUpload's
 * `fields`, streamed with their caps), with the same schema as any other form.
 */
export function parseFields<S extends z.ZodTypeAny>(fields: FormData, schema: S): Submission<z.input<S>, string[], z.output<S>> {
  try {
    return parseWithZod(fields, { schema });
  } catch {
    // Conform throws on what no page of ours sends: a `__intent__` that is not its JSON, or a
    // list intent on a field that is not a list.
    throw new Response("Solicitud no válida", { status: 400 });
  }
}

export interface RefuseOptions {
  /** Fields never echoed back (passwords): what was typed does not belong in a page. */
  hideFields?: string[];
  /** 400 unless the area's tests say otherwise (422 for some refusals). */
  status?: number;
}

/** The action's answer to a submission the schema refused: conform's reply, with its status. */
export function refuse(submission: Submission<unknown>, options: RefuseOptions = {}) {
  return data(submission.reply({ hideFields: options.hideFields }), { status: options.status ?? 400 });
}

/**
 * A refusal from the domain (a wrong current password, an email already taken) shown as the
 * field's error, like a schema error: `key` is an error key of the area's catalog.
 */
export function refuseField(submission: Submission<unknown>, field: string, key: string, options: RefuseOptions = {}) {
  return data(submission.reply({ fieldErrors: { [field]: [key] }, hideFields: options.hideFields }), { status: options.status ?? 400 });
}

/** The same for a refusal that belongs to no one field: shown above the form. */
export function refuseForm(submission: Submission<unknown>, key: string, options: RefuseOptions = {}) {
  return data(submission.reply({ formErrors: [key], hideFields: options.hideFields }), { status: options.status ?? 400 });
}

export type { SubmissionResult };
