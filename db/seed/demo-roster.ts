import type { DB } from "../client";
import { demoDomain } from "./demo-activity";

// Demo city rosters (directorio de la ciudad), so /admin/ciudades shows real figures: several
// capitals have a focal point (enlace) named by the organizers, chosen among the officials seen
// at the door of bogota-2024 (the last one of each city, so the first keep their plain check-in
// standing), and two focal points added officials of their own.

const focalPointCities = ["11001", "05001", "76001", "08001", "54001", "52001", "68001"];

export async function seedDemoRosters(db: DB, options: { organizerId: number; now: string }): Promise<void> {
  const { organizerId, now } = options;
  const focalOf = new Map<string, { participantId: number; cityId: number; name: string }>();
  for (const dane of focalPointCities) {
    const row = await db
      .selectFrom("city_roster")
      .innerJoin("cities", "cities.id", "city_roster.city_id")
      .innerJoin("participants", "participants.id", "city_roster.participant_id")
      .select(["city_roster.id", "city_roster.city_id", "participants.id as participant_id", "participants.full_name"])
      .where("cities.dane", "=", dane)
      .where("city_roster.withdrawn_at", "is", null)
      .orderBy("city_roster.participant_id", "desc")
      .executeTakeFirst();
    if (!row) continue;
    await db
      .updateTable("city_roster")
      .set({ role: "focal_point", focal_point_since: now, verified_via: "organizer", verified_by_organizer_id: organizerId })
      .where("id", "=", row.id)
      .execute();
    focalOf.set(dane, { participantId: row.participant_id, cityId: row.city_id, name: row.full_name });
  }

  // Bogotá's focal point added an official who never came to an encounter.
  const bogota = focalOf.get("11001");
  if (bogota) {
    const person = await db
      .insertInto("participants")
      .values({
        email: `planeacion.11001@${demoDomain}`,
        full_name: "Natalia Quintero",
        city_id: bogota.cityId,
        entity: "Secretaría de Planeación",
        position: "Directora de seguimiento al Plan de Desarrollo",
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("city_roster")
      .values({
        city_id: bogota.cityId,
        participant_id: person.id,
        verified_at: now,
        verified_via: "focal_point",
        verified_by_participant_id: bogota.participantId,
        entity: "Secretaría de Planeación",
        position: "Directora de seguimiento al Plan de Desarrollo",
      })
      .execute();
  }

  // Cali's focal point added the registrant who could not come.
  const cali = focalOf.get("76001");
  if (cali) {
    const absent = await db
      .selectFrom("participants")
      .select(["id", "entity", "position"])
      .where("city_id", "=", cali.cityId)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom("city_roster").select("city_roster.id").whereRef("city_roster.participant_id", "=", "participants.id"))),
      )
      .orderBy("id")
      .executeTakeFirst();
    if (absent) {
      await db
        .insertInto("city_roster")
        .values({
          city_id: cali.cityId,
          participant_id: absent.id,
          verified_at: now,
          verified_via: "focal_point",
          verified_by_participant_id: cali.participantId,
          entity: absent.entity,
          position: absent.position,
        })
        .execute();
    }
  }
}
