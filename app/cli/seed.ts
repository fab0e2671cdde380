// npm run db:seed — capital cities always; the demo only outside production and on an empty database.
import { prepareDatabase } from "~/server/startup.server";
import { closeDb, getDb } from "~/server/db.server";
import { getEnvAtStart } from "~/server/env.server";

const env = getEnvAtStart();
const { demoSeeded } = await prepareDatabase(getDb(), env);
console.log("Ciudades capitales: 32 al día.");
if (demoSeeded) console.log("Demostración creada: encuentros bogota-2024 y seguimiento, guía PDT/PISCC y organizadora de demostración.");
else if (!env.seedDemo) console.log("Demostración omitida (producción o SEED_DEMO=off).");
else console.log("Demostración omitida: la base de datos ya tiene datos.");
await closeDb();
