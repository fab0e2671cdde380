import type { DB } from "~db/client";
import { CommitmentRuleError, type CommitmentActor } from "~/features/commitments/rules";
import { updateProgress } from "~/features/commitments/commands/progress.server";
import { parseCommitmentForm, progressUpdateSchema, type CommitmentFieldErrors } from "./forms";
import { discardUpload, evidenceField, type ProgressFormInput } from "./upload.server";

// The progress update as the three pages that offer it (the city's, the organizers', the signed
// link) handle it: parse, apply the model's rules, keep the evidence file only if the update
// was written.

export type ProgressOutcome = { ok: true } | { ok: false; status: number; errors: CommitmentFieldErrors; values: Record<string, string> };

function valuesOf(fields: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of ["status", "progress", "note", "evidenceUrl"]) {
    const value = fields.get(key);
    if (typeof value === "string") values[key] = value.slice(0, 2000);
  }
  return values;
}

export async function submitProgress(db: DB, commitmentId: number, input: ProgressFormInput, actor: CommitmentActor): Promise<ProgressOutcome> {
  if (!input.ok) return { ok: false, status: 400, errors: { [evidenceField]: input.error }, values: valuesOf(input.fields) };
  const parsed = parseCommitmentForm(progressUpdateSchema, input.fields);
  if (!parsed.ok) {
    await discardUpload(input.file);
    return { ok: false, status: 400, errors: parsed.errors, values: parsed.values };
  }
  try {
    await updateProgress(db, commitmentId, parsed.data, actor, { evidence: input.file });
    return { ok: true };
  } catch (error) {
    await discardUpload(input.file);
    if (error instanceof CommitmentRuleError) return { ok: false, status: error.status, errors: { [error.field]: error.code }, values: valuesOf(input.fields) };
    throw error;
  }
}
