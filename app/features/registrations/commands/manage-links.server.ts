import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { tokenOf } from "~/features/registrations/commands/keys.server";
import { listParticipantRegistrations, waitlistRank } from "~/features/registrations/queries.server";
import { manageLinkUsable } from "~/features/registrations/rules";
import { manageTokenFor } from "~/features/registrations/tokens.server";

// A signed-in person's registrations, each with its manage link.

/** All of a signed-in person's registrations, each with its manage link and place in line. */
export async function registrationsOfParticipant(db: DB, participantId: number) {
  let rows = await listParticipantRegistrations(db, participantId);
  if (rows.some((r) => !r.manage_nonce)) {
    // Registrations written before manage links were signed from a nonce get one now.
    await writeTransaction(db, async (trx) => {
      for (const row of rows) if (!row.manage_nonce) await tokenOf(trx, row);
    });
    rows = await listParticipantRegistrations(db, participantId);
  }
  return Promise.all(
    rows.map(async (row) => ({
      ...row,
      manageToken: manageTokenFor(row.manage_nonce!),
      rank: row.status === "waitlisted" && row.waitlist_position !== null ? await waitlistRank(db, row.encounter_id, row.waitlist_position) : null,
      usable: manageLinkUsable(row),
    })),
  );
}
