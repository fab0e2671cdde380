import type { LoaderFunctionArgs } from "@remix-run/node";
import { messagesFor } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { filtersFromQuery, listCommitments } from "~/models/commitments.server";
import { commitmentRows } from "~/services/commitment-export.server";
import { requireOrganizer } from "~/utils/auth.server";
import { readCommitmentFilters } from "~/utils/commitment-forms";
import { getDb } from "~/utils/db.server";
import { csvResponse } from "~/utils/spreadsheet.server";

// The organizers' list as CSV, with the same filters as the page.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const list = await listCommitments(getDb(), filtersFromQuery(readCommitmentFilters(new URL(request.url))));
  return csvResponse("compromisos.csv", commitmentRows(list, messagesFor(await getLocale(request)).commitments));
}
