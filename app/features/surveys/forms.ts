import { z } from "zod";
import { surveyModes } from "~db/schema";
import { calendarDate, checkbox, choice, optionalSingleLine, singleLine, wholeNumber } from "~/lib/input-rules";

// The organizers' survey settings form (/admin/encuentros/:slug/encuestas): one schema for
// creating and editing, errors as keys of t.surveys.errors. The window is typed in the
// encounter's zone; the route turns it into instants (parseWallTime) and refuses a time that
// does not exist there or a closing before the opening.

const clock = z
  .string({ required_error: "required", invalid_type_error: "invalid" })
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time");

export const surveySchema = z.object({
  titleEs: singleLine(200),
  titleEn: optionalSingleLine(200),
  introEs: optionalSingleLine(1000),
  introEn: optionalSingleLine(1000),
  mode: choice(surveyModes),
  opensDate: calendarDate(),
  opensTime: clock,
  closesDate: calendarDate(),
  closesTime: clock,
  mailAfterEnd: checkbox(),
  mailDelayHours: wholeNumber({ min: 0, max: 168 }),
  reminderDays: wholeNumber({ min: 0, max: 30 }),
});
export type SurveyFields = z.output<typeof surveySchema>;
