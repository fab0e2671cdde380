// npm run user:create -- --email ana@ejemplo.gov.co --name "Ana Pérez" --role admin [--password ...]
// Without --password it asks for one on a terminal, or generates and prints one.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { migrateToLatest } from "~db/migrate";
import { organizerRoles } from "~db/schema";
import { createOrganizerAccount } from "~/features/organizers/commands.server";
import { normalizeEmail } from "~/server/auth.server";
import { closeDb, getDb } from "~/server/db.server";
import { getEnvAtStart } from "~/server/env.server";
import { passwordMax, passwordMin } from "~/features/organizers/forms";
import { generatePassword } from "~/server/password.server";

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "organizer" }, password: { type: "string" } },
});

const input = z
  .object({
    email: z.string().trim().email("--email debe ser un correo válido"),
    name: z.string().trim().min(1, "--name es obligatorio").max(200),
    role: z.enum(organizerRoles, { message: "--role debe ser admin u organizer" }),
    password: z.string().max(passwordMax).optional(),
  })
  .safeParse(values);
if (!input.success) {
  console.error(input.error.issues.map((i) => `Error: ${i.message}`).join("\n"));
  console.error('Uso: npm run user:create -- --email ana@ejemplo.gov.co --name "Ana Pérez" --role admin|organizer');
  process.exit(2);
}

async function askPassword(): Promise<string | undefined> {
  if (!process.stdin.isTTY) return undefined;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question("Contraseña (Enter para generar una): ");
  rl.close();
  return answer || undefined;
}

// Trimmed as the sign-in form trims what is typed there, or a password with an edge space could
// never be used; the minimum is the one /admin/cuenta asks of a new password.
const chosen = input.data.password ?? (await askPassword());
const generated = chosen === undefined;
const password = generated ? generatePassword() : chosen.trim();
if (password.length < passwordMin) {
  console.error(`Error: la contraseña debe tener al menos ${passwordMin} caracteres.`);
  process.exit(2);
}

getEnvAtStart();
const db = getDb();
await migrateToLatest(db);
const email = normalizeEmail(input.data.email);
const created = await createOrganizerAccount(db, { email, name: input.data.name, role: input.data.role, password }, "cli");
if (!created.ok) {
  console.error(`Error: ya existe una cuenta con ${email}.`);
  await closeDb();
  process.exit(1);
}
console.log(`Cuenta creada: ${email} (${input.data.role}).`);
if (generated) console.log(`Contraseña generada (guárdela ahora, no se vuelve a mostrar): ${password}`);
await closeDb();
