import { randomInt } from "node:crypto";
import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { certificateQuery, listAttendeeCertificates } from "~/features/certificates/queries.server";
import type { CertificateFacts } from "~/features/certificates/rules";

// Issuing attendance certificates: a code per checked-in person, given once, that the public
// page /verificar/:code confirms. Codes avoid look-alike characters so they can be typed.

const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function newCertificateCode(): string {
  const pick = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join("");
  return `${pick()}-${pick()}-${pick()}`;
}

/** The certificate of one registration, issuing its code the first time; null unless checked in. */
export async function issueCertificate(db: DB, registrationId: number): Promise<(CertificateFacts & { encounterId: number }) | null> {
  const row = await certificateQuery(db).where("registrations.id", "=", registrationId).executeTakeFirst();
  if (!row || !row.checked_in_at) return null;
  let code = row.code;
  if (!code) {
    code = await writeTransaction(db, async (trx) => {
      await trx
        .insertInto("certificates")
        .values({ registration_id: registrationId, code: newCertificateCode() })
        .onConflict((oc) => oc.column("registration_id").doNothing())
        .execute();
      return (await trx.selectFrom("certificates").select("code").where("registration_id", "=", registrationId).executeTakeFirstOrThrow()).code;
    });
  }
  return { ...row, code };
}

/** Every attendee's certificate facts, issuing in one insert the codes not issued yet. */
export async function issueEncounterCertificates(db: DB, encounterId: number): Promise<CertificateFacts[]> {
  const rows = await listAttendeeCertificates(db, encounterId);
  const missing = rows.filter((r) => !r.code);
  if (missing.length === 0) return rows.map((row) => ({ ...row, code: row.code! }));
  await writeTransaction(db, async (trx) => {
    for (let i = 0; i < missing.length; i += 500) {
      const values = missing.slice(i, i + 500).map((r) => ({ registration_id: r.registrationId, code: newCertificateCode() }));
      await trx
        .insertInto("certificates")
        .values(values)
        .onConflict((oc) => oc.column("registration_id").doNothing())
        .execute();
    }
  });
  return (await listAttendeeCertificates(db, encounterId)).map((row) => ({ ...row, code: row.code! }));
}
