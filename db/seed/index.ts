import type { DB } from "../client";
import { capitalCities } from "./capital-cities";
import { seedDemo } from "./demo";
import { writeTransaction } from "../write-transaction";

/** Capital cities are reference data: always present, updated in place if the facts change. */
export async function seedCities(db: DB): Promise<void> {
  for (const city of capitalCities) {
    await db
      .insertInto("cities")
      .values(city)
      .onConflict((oc) => oc.column("dane").doUpdateSet({ name: city.name, department: city.department, lat: city.lat, lon: city.lon }))
      .execute();
  }
}

async function isEmpty(db: DB): Promise<boolean> {
  const [enc, org] = await Promise.all([
    db.selectFrom("encounters").select("id").limit(1).executeTakeFirst(),
    db.selectFrom("organizers").select("id").limit(1).executeTakeFirst(),
  ]);
  return !enc && !org;
}

/** Reference data always; the demo only into an empty database and only when asked. */
export async function seed(db: DB, options: { demo: boolean; uploadsDir: string; today?: Date }): Promise<{ demoSeeded: boolean }> {
  return writeTransaction(db, async (trx) => {
    await seedCities(trx);
    if (!options.demo || !(await isEmpty(trx))) return { demoSeeded: false };
    await seedDemo(trx, options);
    return { demoSeeded: true };
  });
}
