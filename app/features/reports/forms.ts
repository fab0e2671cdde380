import { z } from "zod";
import { commitmentInstruments, commitmentThemes } from "~db/schema";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(s)));

// Filters of the cross-encounter report, read from the query string; a bad value is dropped.
export const crossReportFilterSchema = z.object({
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  instrument: z.enum(commitmentInstruments).optional().catch(undefined),
  theme: z.enum(commitmentThemes).optional().catch(undefined),
});

export function readCrossReportFilters(url: URL) {
  const raw = Object.fromEntries([...url.searchParams.entries()].filter(([, v]) => v !== ""));
  const filters = crossReportFilterSchema.parse(raw);
  const dropped = Object.keys(raw).some((k) => k in crossReportFilterSchema.shape && filters[k as keyof typeof filters] === undefined);
  return { filters, dropped };
}
