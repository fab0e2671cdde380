import { describe, expect, it } from "vitest";
import { writeTransaction } from "~db/write-transaction";
import { createAgendaItem, deleteAgendaItem, moveAgendaItem, updateAgendaItem } from "~/features/agenda/commands/items.server";
import { findAgendaItem } from "~/features/agenda/queries.server";
import type { AgendaItemInput } from "~/features/agenda/rules";
import { reopenCommitment, updateProgress, validateCommitment } from "~/features/commitments/commands/progress.server";
import { changeCommitmentDetails } from "~/features/commitments/commands/record.server";
import { changeEncounterStatus, createEncounter, duplicateEncounter, setCommitmentsPublic, updateEncounter } from "~/features/encounters/commands.server";
import type { EncounterInput } from "~/features/encounters/rules";
import { editMaterial, publishMaterial, publishVersion, removeMaterial, restoreVersion } from "~/features/materials/commands/material.server";
import { registerForEncounter } from "~/features/registrations/commands/register.server";
import { getDb } from "~/server/db.server";
import { publicPagesChanged, readPublicVersion } from "~/server/public-versions.server";
import { fields, organizerActor, record, testEncounter } from "../commitments/helpers";
import { dane, makeAgendaItem, makeEncounter, makeMaterial, makeOrganizer, makeReceivedFile } from "../factories";

// The version of the public pages (app/server/public-versions.server.ts) lives in the database
// and moves in the transaction of every write that changes what an anonymous visitor reads:
// here, each such command of each area is run for real and must move it; the cache's own tests
// (public-cache.test.ts, e2e/public-cache.test.ts) show that a moved version is a new page.

const db = () => getDb();
const actor = "organizer:test";

/** Runs `write` and says whether it moved the public version. */
async function moves(write: () => Promise<unknown>): Promise<boolean> {
  const before = await readPublicVersion(db());
  await write();
  return (await readPublicVersion(db())) !== before;
}

function itemInput(encounter: { starts_at: string }, overrides: Partial<AgendaItemInput> = {}): AgendaItemInput {
  const start = new Date(encounter.starts_at).getTime();
  return {
    title: "Panel de prueba",
    description: "",
    kind: "panel",
    room: "Sala 1",
    startsAt: new Date(start + 2 * 3_600_000).toISOString(),
    endsAt: new Date(start + 3 * 3_600_000).toISOString(),
    speakers: [],
    confirmed: new Set(),
    ...overrides,
  };
}

function encounterInput(encounter: { title: string; starts_at: string; ends_at: string }, overrides: Partial<EncounterInput> = {}): EncounterInput {
  return {
    title: encounter.title,
    slug: null,
    summary: "",
    venue: "Centro de convenciones",
    address: "",
    hostCityId: null,
    startsAt: encounter.starts_at,
    endsAt: encounter.ends_at,
    timezone: "America/Bogota",
    capacity: 10,
    cityQuota: 3,
    registrationOpensAt: null,
    registrationClosesAt: null,
    contactEmail: null,
    shiftAgenda: false,
    ...overrides,
  };
}

describe("the public version", () => {
  it("reads 0 on a database nobody changed, moves once per change, and a rolled back change leaves it", async () => {
    const start = await readPublicVersion(db());
    await writeTransaction(db(), (trx) => publicPagesChanged(trx));
    const one = await readPublicVersion(db());
    expect(one).not.toBe(start);
    await writeTransaction(db(), (trx) => publicPagesChanged(trx));
    const two = await readPublicVersion(db());
    expect(Number(two.split(".")[0])).toBe(Number(one.split(".")[0]) + 1);
    await expect(
      writeTransaction(db(), async (trx) => {
        await publicPagesChanged(trx);
        throw new Error("deshecho");
      }),
    ).rejects.toThrow("deshecho");
    expect(await readPublicVersion(db())).toBe(two);
  });

  it("is moved only inside the transaction of the change", async () => {
    await expect(publicPagesChanged(db())).rejects.toThrow(/writeTransaction/);
  });
});

describe("writes that change a public page move the version", () => {
  it("agenda: an item added, edited, moved, deleted, its speakers changed", async () => {
    const encounter = await makeEncounter(db());
    const first = await makeAgendaItem(db(), { encounter_id: encounter.id });
    let id = 0;
    expect(await moves(async () => (id = await createAgendaItem(db(), encounter, itemInput(encounter), actor)))).toBe(true);
    const added = (await findAgendaItem(db(), encounter.id, id))!;
    expect(await moves(() => updateAgendaItem(db(), encounter, added, itemInput(encounter, { title: "Panel renombrado" }), actor))).toBe(true);
    const renamed = (await findAgendaItem(db(), encounter.id, id))!;
    const speakers = [{ name: "Ana Gómez", organization: "OIM", role: "speaker" as const }];
    expect(await moves(() => updateAgendaItem(db(), encounter, renamed, itemInput(encounter, { title: "Panel renombrado", speakers }), actor))).toBe(true);
    expect(await moves(() => moveAgendaItem(db(), encounter, first.id, "down", actor))).toBe(true);
    const last = (await findAgendaItem(db(), encounter.id, id))!;
    expect(await moves(() => deleteAgendaItem(db(), encounter, last, actor))).toBe(true);
  });

  it("encounters: created, edited, published, closed, reopened, unpublished, duplicated, public progress on and off", async () => {
    const source = await makeEncounter(db(), { status: "draft" });
    expect(await moves(() => createEncounter(db(), encounterInput({ ...source, title: "Encuentro nuevo" }), actor))).toBe(true);
    expect(await moves(() => updateEncounter(db(), source, encounterInput(source, { summary: "Otro resumen" }), actor))).toBe(true);
    const current = async () => (await db().selectFrom("encounters").selectAll().where("id", "=", source.id).executeTakeFirstOrThrow())!;
    for (const change of ["publish", "close", "reopen", "unpublish"] as const) {
      expect(await moves(async () => expect(await changeEncounterStatus(db(), await current(), change, actor)).toBe("ok"))).toBe(true);
    }
    expect(await moves(() => duplicateEncounter(db(), source, { title: "Copia", startDate: "2031-03-03" }, actor))).toBe(true);
    expect(await moves(() => setCommitmentsPublic(db(), source.id, true, actor))).toBe(true);
    expect(await moves(() => setCommitmentsPublic(db(), source.id, false, actor))).toBe(true);
  });

  it("materials: published, a new version, a version restored, edited (visibility), withdrawn", async () => {
    const organizer = await makeOrganizer(db());
    const encounter = await makeEncounter(db());
    const appUrl = "http://convoca.test";
    const materialFields = { title: "Guía PDT", description: "", language: "es", visibility: "public" as const };
    let materialId = 0;
    expect(
      await moves(async () => {
        const published = await publishMaterial(db(), {
          organizerId: organizer.id,
          encounterId: encounter.id,
          fields: materialFields,
          file: makeReceivedFile("guia"),
          notify: false,
          appUrl,
        });
        materialId = published.materialId;
      }),
    ).toBe(true);
    const firstVersion = await db().selectFrom("materials").select("current_version_id").where("id", "=", materialId).executeTakeFirstOrThrow();
    expect(await moves(() => publishVersion(db(), { organizerId: organizer.id, materialId, file: makeReceivedFile("guia-2"), notify: false, appUrl }))).toBe(
      true,
    );
    expect(await moves(() => restoreVersion(db(), { organizerId: organizer.id, materialId, versionId: firstVersion.current_version_id! }))).toBe(true);
    expect(await moves(() => editMaterial(db(), { organizerId: organizer.id, materialId, fields: { ...materialFields, visibility: "registered" } }))).toBe(
      true,
    );
    expect(await moves(() => removeMaterial(db(), { organizerId: organizer.id, materialId }))).toBe(true);
    const general = await makeMaterial(db());
    expect(await moves(() => removeMaterial(db(), { organizerId: organizer.id, materialId: general.id }))).toBe(true);
  });

  it("commitments move it while the public progress page shows them, and not otherwise", async () => {
    const encounter = await testEncounter("version-compromisos");
    const organizer = { id: 1, name: "Organizadora" };
    // Hidden (the default): an official's work on commitments re-renders no public page.
    let id = 0;
    expect(await moves(async () => (id = await record({ slug: encounter.slug })))).toBe(false);
    expect(await moves(() => updateProgress(db(), id, { status: "in_progress", progress: 20, note: "", evidenceUrl: null }, organizerActor))).toBe(false);

    await setCommitmentsPublic(db(), encounter.id, true, actor);
    expect(await moves(() => record({ slug: encounter.slug, fields: { title: "Ruta de atención a víctimas de trata" } }))).toBe(true);
    expect(await moves(() => changeCommitmentDetails(db(), id, fields({ title: "Otro título", dueDate: "2025-07-31" }), organizerActor))).toBe(true);
    expect(await moves(() => updateProgress(db(), id, { status: "done", progress: 100, note: "Aprobado", evidenceUrl: null }, organizerActor))).toBe(true);
    // Validation is not shown on the public page.
    expect(await moves(() => validateCommitment(db(), id, organizer, ""))).toBe(false);
    expect(await moves(() => reopenCommitment(db(), id, organizer, "Falta el acta"))).toBe(true);
  });

  it("a registration does not: the public pages show no count that registrations move", async () => {
    const encounter = await makeEncounter(db(), { registration_opens_at: new Date(Date.now() - 86_400_000).toISOString() });
    const person = {
      fullName: "Persona de prueba",
      email: "version.registro@alcaldia.gov.co",
      cityDane: dane.bogota,
      entity: "Alcaldía",
      position: "Profesional",
      phone: null,
      needs: null,
    };
    expect(await moves(() => registerForEncounter(db(), encounter.id, person, { locale: "es", notify: false }))).toBe(false);
  });
});
