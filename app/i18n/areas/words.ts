import type {
  AgendaKind,
  CommitmentInstrument,
  CommitmentStatus,
  CommitmentTheme,
  EncounterStatus,
  InvitationStatus,
  MaterialVisibility,
  OrganizerRole,
  OutboxStatus,
  SurveyQuestionKind,
  RegistrationStatus,
  RosterRole,
  RosterVia,
  SpeakerRole,
} from "~db/schema";
import { defineArea } from "./define";

// The domain's words, each named once (the values of the enums in db/schema.ts): the areas,
// the exports (CSV, XLSX), the PDFs and the mail take them from here, never spell them again.
// A word with a short form for tight places (tables, charts) has it beside the long one.

type Words = {
  instruments: Record<CommitmentInstrument, string>;
  instrumentsShort: Record<CommitmentInstrument, string>;
  themes: Record<CommitmentTheme, string>;
  themesShort: Record<CommitmentTheme, string>;
  commitmentStatuses: Record<CommitmentStatus, string>;
  registrationStatuses: Record<RegistrationStatus, string>;
  encounterStatuses: Record<EncounterStatus, string>;
  agendaKinds: Record<AgendaKind, string>;
  speakerRoles: Record<SpeakerRole, string>;
  materialVisibilities: Record<MaterialVisibility, string>;
  organizerRoles: Record<OrganizerRole, string>;
  outboxStatuses: Record<OutboxStatus, string>;
  /** The city roster (directorio de la ciudad) and what a person is on it. */
  roster: string;
  rosterRoles: Record<RosterRole, string>;
  rosterVias: Record<RosterVia, string>;
  questionKinds: Record<SurveyQuestionKind, string>;
  /** A city's invitation to an encounter as the grid shows it ("not_invited": none, or withdrawn). */
  invitationStates: Record<InvitationStatus | "not_invited", string>;
  /** The words of cities as members: invitation, delegation, and the city's focal point (enlace). */
  cityTerms: { invitation: string; invitations: string; delegation: string; focalPoint: string };
};

export const words = defineArea<Words>(
  {
    instruments: {
      PDT: "Plan de Desarrollo Territorial (PDT)",
      PISCC: "Plan Integral de Seguridad y Convivencia Ciudadana (PISCC)",
      other: "Otro instrumento",
    },
    instrumentsShort: { PDT: "PDT", PISCC: "PISCC", other: "Otro" },
    themes: { trafficking: "Trata de personas", smuggling: "Tráfico de migrantes", both: "Trata y tráfico", other: "Otro tema" },
    themesShort: { trafficking: "Trata de personas", smuggling: "Tráfico de migrantes", both: "Ambos", other: "Otro" },
    commitmentStatuses: { proposed: "Propuesto", in_progress: "En curso", done: "Cumplido", at_risk: "En riesgo", dropped: "Descartado" },
    registrationStatuses: { confirmed: "Confirmada", waitlisted: "En lista de espera", cancelled: "Cancelada" },
    encounterStatuses: { draft: "Borrador", published: "Publicado", closed: "Cerrado" },
    agendaKinds: { plenary: "Plenaria", panel: "Panel", workshop: "Taller", working_table: "Mesa de trabajo", break: "Receso" },
    speakerRoles: { speaker: "Ponente", moderator: "Moderación" },
    materialVisibilities: { public: "Público", registered: "Personas inscritas", attendees: "Personas que asistieron" },
    organizerRoles: { admin: "Administración", organizer: "Organización" },
    outboxStatuses: { pending: "En cola", sending: "Enviando", sent: "Enviado", failed: "Fallido" },
    roster: "Directorio de la ciudad",
    rosterRoles: { focal_point: "Enlace", official: "Funcionario verificado" },
    rosterVias: {
      organizer: "Verificado por el equipo organizador",
      check_in: "Verificado al llegar a un encuentro",
      focal_point: "Agregado por el enlace",
      email_domain: "Verificado por su correo de la ciudad",
    },
    questionKinds: {
      short_text: "Texto corto",
      long_text: "Texto largo",
      one_choice: "Una opción",
      many_choices: "Varias opciones",
      yes_no: "Sí o no",
      number: "Número",
      date: "Fecha",
      scale: "Escala de 1 a 5",
    },
    invitationStates: {
      not_invited: "Sin invitar",
      sent: "Enviada",
      opened: "Abierta",
      registered: "Delegación inscrita",
      declined: "Declinó",
    },
    cityTerms: { invitation: "Invitación", invitations: "Invitaciones", delegation: "Delegación", focalPoint: "Enlace" },
  },
  {
    instruments: { PDT: "Territorial Development Plan (PDT)", PISCC: "Comprehensive Citizen Security and Coexistence Plan (PISCC)", other: "Other instrument" },
    instrumentsShort: { PDT: "PDT", PISCC: "PISCC", other: "Other" },
    themes: { trafficking: "Human trafficking", smuggling: "Migrant smuggling", both: "Trafficking and smuggling", other: "Other theme" },
    themesShort: { trafficking: "Human trafficking", smuggling: "Migrant smuggling", both: "Both", other: "Other" },
    commitmentStatuses: { proposed: "Proposed", in_progress: "In progress", done: "Done", at_risk: "At risk", dropped: "Dropped" },
    registrationStatuses: { confirmed: "Confirmed", waitlisted: "On the waiting list", cancelled: "Cancelled" },
    encounterStatuses: { draft: "Draft", published: "Published", closed: "Closed" },
    agendaKinds: { plenary: "Plenary", panel: "Panel", workshop: "Workshop", working_table: "Working table", break: "Break" },
    speakerRoles: { speaker: "Speaker", moderator: "Moderator" },
    materialVisibilities: { public: "Public", registered: "Registered people", attendees: "People who attended" },
    organizerRoles: { admin: "Admin", organizer: "Organizer" },
    outboxStatuses: { pending: "Queued", sending: "Sending", sent: "Sent", failed: "Failed" },
    roster: "City roster",
    rosterRoles: { focal_point: "Focal point", official: "Verified official" },
    rosterVias: {
      organizer: "Verified by the organizers",
      check_in: "Verified on arrival at a convening",
      focal_point: "Added by the focal point",
      email_domain: "Verified by their city address",
    },
    questionKinds: {
      short_text: "Short text",
      long_text: "Long text",
      one_choice: "One choice",
      many_choices: "Several choices",
      yes_no: "Yes or no",
      number: "Number",
      date: "Date",
      scale: "Scale of 1 to 5",
    },
    invitationStates: {
      not_invited: "Not invited",
      sent: "Sent",
      opened: "Opened",
      registered: "Delegation registered",
      declined: "Declined",
    },
    cityTerms: { invitation: "Invitation", invitations: "Invitations", delegation: "Delegation", focalPoint: "Focal point" },
  },
);
