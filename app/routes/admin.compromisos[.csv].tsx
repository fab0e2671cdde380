import type { LoaderFunctionArgs } from "@remix-run/node";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { listCommitments } from "~/features/commitments/queries/lists.server";
import { commitmentRows } from "~/features/commitments/export.server";
import { requireOrganizer } from "~/server/auth.server";
import { readCommitmentFilters } from "~/features/commitments/forms";
import { getDb } from "~/server/db.server";
import { csvResponse } from "~/server/spreadsheet.server";

// The organizers' list as CSV, with the same filters as the page.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const list = await listCommitments(getDb(), readCommitmentFilters(new URL(request.url)).filters);
  return csvResponse("compromisos.csv", commitmentRows(list, messagesFor(await getLocale(request)).commitments));
}
