import { format, type Messages } from "~/i18n/index";
import type { RegistrationErrorKey } from "~/features/registrations/rules";

// Why an imported row is refused, in the words of the registration form: "Correo electrónico
// institucional: Escriba un correo…", never the column's key ("email:").

export interface ImportReason {
  field: string;
  error: RegistrationErrorKey | "duplicateInFile";
  line?: number;
}

export function fieldLabel(field: string, t: Messages): string | null {
  const f = t.registration.form;
  const labels: Record<string, string> = {
    fullName: f.fullName,
    email: f.email,
    cityDane: f.city,
    city: f.city,
    entity: f.entity,
    position: f.position,
    phone: f.phone,
    needs: f.needs,
  };
  return labels[field] ?? null;
}

export function describeImportReason(reason: ImportReason, t: Messages): string {
  const message =
    reason.error === "duplicateInFile" ? format(t.registration.import.duplicateInFile, { line: reason.line ?? "?" }) : t.registration.errors[reason.error];
  const label = fieldLabel(reason.field, t);
  return label ? `${label}: ${message}` : message;
}
