import type { LoaderFunctionArgs } from "@remix-run/node";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { historyOf } from "~/features/commitments/queries/commitment.server";
import { listCommitments } from "~/features/commitments/queries/lists.server";
import { commitmentSheets } from "~/features/commitments/export.server";
import { requireOrganizer } from "~/server/auth.server";
import { readCommitmentFilters } from "~/features/commitments/forms";
import { getDb } from "~/server/db.server";
import { xlsxResponse } from "~/server/spreadsheet.server";

// The organizers' list as an Excel workbook: the commitments, and the history of each.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const db = getDb();
  const list = await listCommitments(db, readCommitmentFilters(new URL(request.url)).filters);
  const history = await historyOf(
    db,
    list.map((c) => c.id),
  );
  return xlsxResponse("compromisos.xlsx", commitmentSheets(list, history, messagesFor(await getLocale(request)).commitments));
}
