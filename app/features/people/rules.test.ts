import { describe, expect, it } from "vitest";
import { blankPersonInImport, nameAsWritten, removedEmail, removedName, withConsent } from "./rules";

describe("the data copy's consent", () => {
  it("says the person gave it on the public form, and when", () => {
    const row = withConsent({ source: "form", consent_at: "2026-03-01T10:00:00.000Z", consent_pending: 0, registered_by_organizer: null });
    expect(row).toEqual({
      source: "form",
      registered_by: "la persona (formulario público)",
      consent: "dada por la persona",
      consent_at: "2026-03-01T10:00:00.000Z",
    });
  });

  it("says it is pending, and who registered the person, when an organizer did", () => {
    const row = withConsent({ source: "import", consent_at: "2026-03-01T10:00:00.000Z", consent_pending: 1, registered_by_organizer: null });
    expect(row).toMatchObject({
      registered_by: "organización: cuenta eliminada (import)",
      consent: "pendiente: la persona aún no la ha dado",
      consent_at: null,
    });
  });
});

describe("deleting a person from an imported list", () => {
  it("blanks their entries field by field and leaves the others as they were", () => {
    const rows = [
      { email: "Ana@Example.test", fullName: "Ana Pérez", phone: "300", position: "Jefa", needs: "rampa", entity: "Alcaldía" },
      { email: "otra@example.test", fullName: "Otra", phone: "301", position: "", needs: null, entity: "Gobernación" },
    ];
    const isAna = (address: string) => address.trim().toLowerCase() === "ana@example.test";
    expect(blankPersonInImport(rows, isAna)).toEqual([
      { email: removedEmail, fullName: removedName, phone: null, position: "", needs: null, entity: "Alcaldía" },
      rows[1],
    ]);
    expect(blankPersonInImport({ refused: [{ row: 3, values: { email: "ana@example.test", name: "Ana" } }] }, isAna)).toEqual({
      refused: [{ row: 3, values: { email: removedEmail, name: removedName } }],
    });
  });

  it("replaces a name as written inside JSON, never one too short to be told apart", () => {
    expect(nameAsWritten('Ana "la Jefa" Pérez')).toBe('Ana \\"la Jefa\\" Pérez');
    expect(nameAsWritten(" A ")).toBeNull();
  });
});
