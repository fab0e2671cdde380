import { z } from "zod";
import { followUpTemplate } from "./commitment-parts";
import { strings } from "~/i18n/mail/commitment-overdue";
import { attachments, commitmentProgress, encounterRef, httpUrl, singleLine } from "./schema";

const schema = z.object({
  name: singleLine(),
  encounter: encounterRef,
  commitment: commitmentProgress,
  daysOverdue: z.number().int().positive(),
  updateUrl: httpUrl,
  /** Signed link that stops further reminders for this commitment. */
  stopUrl: httpUrl.optional(),
  ...attachments,
});
export type Data = z.output<typeof schema>;

export default followUpTemplate(schema, strings);
