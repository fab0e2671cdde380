import type { DB } from "~db/client";
import type { RegistrationDetail } from "~/features/registrations/queries.server";
import { issueManageToken, manageTokenFor, newCheckinCode } from "~/features/registrations/tokens.server";

// A registration's manage link and check-in code, issued when it has none, inside the caller's
// transaction.

/** The manage token of a registration, derived again from its nonce (issuing one if it has none). */
export async function tokenOf(trx: DB, reg: Pick<RegistrationDetail, "id" | "manage_nonce">): Promise<string> {
  if (reg.manage_nonce) return manageTokenFor(reg.manage_nonce);
  const issued = issueManageToken();
  await trx.updateTable("registrations").set({ manage_nonce: issued.nonce, manage_token_hash: issued.hash }).where("id", "=", reg.id).execute();
  return issued.token;
}

export async function checkinCodeOf(trx: DB, reg: Pick<RegistrationDetail, "id" | "checkin_code">): Promise<string> {
  if (reg.checkin_code) return reg.checkin_code;
  const code = newCheckinCode();
  await trx.updateTable("registrations").set({ checkin_code: code }).where("id", "=", reg.id).execute();
  return code;
}
