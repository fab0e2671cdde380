import { z } from "zod";
import { choice, email, optionalEmail, orBlank, repeated, singleLine, wholeNumber } from "~/lib/input-rules";
import { regions } from "~/features/invitations/regions";
import { isBlankRow, maxDelegateRows } from "~/features/invitations/rules";

// The forms of invitations and delegations, one schema each, shared by pages and actions.
// Error messages are keys of t.invitations.errors (or the shared t.errors).

const dane = z.string({ required_error: "required", invalid_type_error: "invalid" }).regex(/^\d{5}$/, "invalid");

/** The addresses typed for cities without a focal point, by DANE code (`address.<dane>`); blank ones read as null. */
const addresses = z
  .record(z.string().regex(/^\d{5}$/, "invalid"), optionalEmail())
  .optional()
  .transform((record) => record ?? {});

/**
 * The organizers' invitations page: invite (all 32, a region, the chosen cities), send one
 * again or withdraw it, remind those that have not answered, set the automatic reminder.
 */
export const invitationsSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("inviteAll"), address: addresses }),
  z.object({ intent: z.literal("inviteRegion"), region: choice(regions), address: addresses }),
  z.object({
    intent: z.literal("inviteChosen"),
    cities: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), repeated(dane, { max: 32 }).min(1, "noCities")),
    address: addresses,
  }),
  z.object({ intent: z.literal("resend"), city: dane, address: addresses }),
  z.object({ intent: z.literal("withdraw"), city: dane }),
  z.object({ intent: z.literal("remind") }),
  z.object({ intent: z.literal("reminderDays"), days: wholeNumber({ max: 60 }) }),
]);
export type InvitationsInput = z.output<typeof invitationsSchema>;

const limits = { fullName: 120, entity: 160, position: 160 } as const;

/** The prefix of a row's answers to the encounter's questions: `d2-q-7` (parseAnswers, QuestionFields). */
export const delegatePrefix = (index: number) => `d${index}-`;

/** One person of a delegation, as the focal point types them; their answers are parsed beside (delegatePrefix). */
export const delegateFields = {
  fullName: singleLine(limits.fullName),
  email: email(),
  entity: singleLine(limits.entity),
  position: singleLine(limits.position),
};
export const delegateSchema = z.object(delegateFields);

/** A row of the delegation form: blank entirely (skipped), or every field filled in. */
const delegateRow = z
  .object({
    fullName: orBlank(singleLine(limits.fullName)),
    email: orBlank(email()),
    entity: orBlank(singleLine(limits.entity)),
    position: orBlank(singleLine(limits.position)),
  })
  .optional()
  .superRefine((row, ctx) => {
    if (!row || isBlankRow(row)) return;
    for (const field of ["fullName", "email", "entity", "position"] as const) {
      if (row[field] === null) ctx.addIssue({ code: "custom", path: [field], message: "incomplete" });
    }
  });

export const delegationSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("register"),
    delegates: z
      .array(delegateRow, { invalid_type_error: "invalid" })
      .max(maxDelegateRows, "invalid")
      .optional()
      .transform((rows) => rows ?? [])
      .refine((rows) => rows.some((row) => !isBlankRow(row)), "noDelegates"),
  }),
  z.object({ intent: z.literal("replace"), registrationId: wholeNumber({ min: 1, max: 2_147_483_647 }), ...delegateFields }),
  z.object({ intent: z.literal("cancel"), registrationId: wholeNumber({ min: 1, max: 2_147_483_647 }) }),
  z.object({ intent: z.literal("decline"), reason: singleLine(500) }),
]);
export type DelegationInput = z.output<typeof delegationSchema>;

/** The rows a registering names: filled rows, each with its place in the form. */
export function filledRows(rows: Array<z.output<typeof delegateRow>>) {
  return rows.flatMap((row, index) =>
    row && !isBlankRow(row) ? [{ index, person: { fullName: row.fullName!, email: row.email!, entity: row.entity!, position: row.position! } }] : [],
  );
}
