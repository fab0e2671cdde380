import { createHash, randomBytes } from "node:crypto";
import type { DB } from "../client";
import type { InvitationStatus } from "../schema";
import { demoDomain } from "./demo-activity";

// The demo's invitation round for the upcoming encounter `seguimiento`: a few capitals in each
// state of the organizers' grid (sent, opened, a delegation registered, declined; the rest not
// invited), so /admin/encuentros/seguimiento/invitaciones shows them all. Each invitation goes
// to the city's focal point when its roster has one (Bucaramanga's, from the demo rosters, which
// run first), else to a typed demo address. Ibagué's delegation of three is registered: two
// still owe their own consent, one gave it. The capitals are ones the demo's other registrations
// for `seguimiento` leave out, and the round runs after them (they set the encounter's count).
// Rows are written as the app keeps them, without mail (the demo sends nobody anything).

type Plan = { dane: string; status: InvitationStatus; sentDaysAgo: number; reason?: string };

const round: Plan[] = [
  { dane: "68001", status: "sent", sentDaysAgo: 3 },
  { dane: "27001", status: "sent", sentDaysAgo: 1 },
  { dane: "20001", status: "opened", sentDaysAgo: 3 },
  { dane: "73001", status: "registered", sentDaysAgo: 4 },
  { dane: "15001", status: "declined", sentDaysAgo: 4, reason: "La alcaldía no tiene presupuesto de viaje este trimestre; enviaremos el informe por escrito." },
];

const delegation = [
  { name: "Valentina Ocampo", entity: "Secretaría de Gobierno", position: "Secretaria de despacho", consented: true },
  { name: "Julián Arango", entity: "Secretaría de Seguridad", position: "Asesor", consented: false },
  { name: "Lorena Giraldo", entity: "Secretaría de la Mujer", position: "Profesional especializada", consented: false },
];

const hash = () => createHash("sha256").update(randomBytes(32)).digest("hex");
const daysAgo = (now: string, days: number) => new Date(Date.parse(now) - days * 86_400_000).toISOString();

export async function seedDemoInvitations(db: DB, options: { encounterId: number; organizerId: number; now: string }): Promise<void> {
  const { encounterId, now } = options;
  for (const plan of round) {
    const city = await db.selectFrom("cities").select(["id", "name"]).where("dane", "=", plan.dane).executeTakeFirstOrThrow();
    const focal = await db
      .selectFrom("city_roster")
      .select("participant_id")
      .where("city_id", "=", city.id)
      .where("role", "=", "focal_point")
      .where("withdrawn_at", "is", null)
      .orderBy("id")
      .executeTakeFirst();
    const sentAt = daysAgo(now, plan.sentDaysAgo);
    const answered = plan.status === "registered" || plan.status === "declined" ? daysAgo(now, plan.sentDaysAgo - 1) : null;
    const invitation = await db
      .insertInto("invitations")
      .values({
        encounter_id: encounterId,
        city_id: city.id,
        status: plan.status,
        focal_point_id: focal?.participant_id ?? null,
        typed_email: focal ? null : `enlace.${plan.dane}@${demoDomain}`,
        sent_at: sentAt,
        opened_at: plan.status === "sent" ? null : daysAgo(now, plan.sentDaysAgo - 0.5),
        responded_at: answered,
        decline_reason: plan.reason ?? null,
        invited_by_organizer_id: options.organizerId,
        created_at: sentAt,
        updated_at: answered ?? sentAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (plan.status !== "registered") continue;
    for (const [i, person] of delegation.entries()) {
      const participant = await db
        .insertInto("participants")
        .values({
          email: `delegacion${i + 1}.${plan.dane}@${demoDomain}`,
          full_name: person.name,
          city_id: city.id,
          entity: person.entity,
          position: person.position,
          phone: null,
          updated_at: answered!,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("registrations")
        .values({
          encounter_id: encounterId,
          participant_id: participant.id,
          status: "confirmed",
          consent_at: answered!,
          consent_pending: person.consented ? 0 : 1,
          source: "delegation",
          invitation_id: invitation.id,
          registered_by_participant_id: focal?.participant_id ?? null,
          manage_token_hash: hash(),
          created_at: answered!,
          updated_at: answered!,
        })
        .execute();
    }
    await db.insertInto("encounter_city_places").values({ encounter_id: encounterId, city_id: city.id, confirmed_count: delegation.length }).execute();
    await db
      .updateTable("encounters")
      .set((eb) => ({ confirmed_count: eb("confirmed_count", "+", delegation.length) }))
      .where("id", "=", encounterId)
      .execute();
  }
}
