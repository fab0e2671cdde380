import type { DB } from "~db/client";
import type { OrganizerRole } from "~db/schema";

// Reads of organizer accounts: the admins' list and the sign-in alerts beside it.

export interface OrganizerAccount {
  id: number;
  name: string;
  email: string;
  role: OrganizerRole;
  created_at: string;
  disabled_at: string | null;
}

export async function listOrganizerAccounts(db: DB): Promise<OrganizerAccount[]> {
  return db.selectFrom("organizers").select(["id", "name", "email", "role", "created_at", "disabled_at"]).orderBy("name").orderBy("id").execute();
}

export interface SignInAlert {
  at: string;
  kind: "blocked" | "slowed";
  scope: "client" | "account-client" | "account";
  client: string;
  failures: number;
  until: string;
  account: { name: string; email: string } | null;
}

/**
 * The refusals and slow-downs of password tries in the last `days` (password-limits.server
 * audits each when it starts), newest first, for the admins' page.
 */
export async function recentSignInAlerts(db: DB, now = new Date(), days = 14): Promise<SignInAlert[]> {
  const rows = await db
    .selectFrom("audit_log")
    .select(["action", "entity", "entity_id", "data", "created_at"])
    .where("action", "in", ["signin.blocked", "signin.slowed"])
    .where("created_at", ">=", new Date(now.getTime() - days * 86_400_000).toISOString())
    .orderBy("id", "desc")
    .limit(50)
    .execute();
  const ids = [...new Set(rows.filter((r) => r.entity === "organizer" && r.entity_id).map((r) => Number(r.entity_id)))];
  const accounts = new Map(
    (ids.length ? await db.selectFrom("organizers").select(["id", "name", "email"]).where("id", "in", ids).execute() : []).map((a) => [String(a.id), a]),
  );
  return rows.map((row) => {
    const data = JSON.parse(row.data ?? "{}") as { scope?: SignInAlert["scope"]; client?: string; failures?: number; until?: string };
    return {
      at: row.created_at,
      kind: row.action === "signin.slowed" ? "slowed" : "blocked",
      scope: data.scope ?? "client",
      client: data.client ?? "",
      failures: data.failures ?? 0,
      until: data.until ?? row.created_at,
      account: (row.entity === "organizer" && row.entity_id && accounts.get(row.entity_id)) || null,
    };
  });
}

/** Read inside the commands' transaction: the last active admin is decided there. */
export async function activeAdminCount(db: DB): Promise<number> {
  const row = await db
    .selectFrom("organizers")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
