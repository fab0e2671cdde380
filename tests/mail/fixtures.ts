import type { TemplateData, TemplateName } from "~/features/mail/outbox.server";

// One valid data set per template; typed as a map over every name, so a new template without
// a sample is a type error here (and the rendering test covers it automatically).

const encounter = {
  title: "Encuentro de Ciudades Capitales: movilidad humana, trata de personas y tráfico de migrantes",
  url: "http://localhost:3000/encuentros/bogota-2024",
  startsAt: "2024-02-29T13:00:00.000Z",
  endsAt: "2024-02-29T18:30:00.000Z",
  timezone: "America/Bogota",
  venue: "Centro de Convenciones Ágora Bogotá",
  address: "Calle 24 # 38-47, Bogotá",
};

const commitment = {
  title: "Incluir la prevención de la trata de personas en el PISCC 2024-2027",
  cityName: "Medellín",
  instrument: "PISCC" as const,
  dueDate: "2024-06-30",
  status: "in_progress" as const,
  progress: 40,
};

export const calendarAttachment = {
  filename: "encuentro.ics",
  contentType: "text/calendar; charset=utf-8; method=PUBLISH",
  content: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Convoca//ES\r\nEND:VCALENDAR\r\n",
};

export const sampleData: { [T in TemplateName]: TemplateData<T> } = {
  "registration-confirmed": { name: "Ana Pérez", encounter, manageUrl: "http://localhost:3000/inscripcion/abc", attachments: [calendarAttachment] },
  "registration-waitlisted": { name: "Ana Pérez", encounter, position: 3, manageUrl: "http://localhost:3000/inscripcion/abc" },
  "registration-promoted": { name: "Ana Pérez", encounter, manageUrl: "http://localhost:3000/inscripcion/abc", attachments: [calendarAttachment] },
  "registration-cancelled": {
    name: "Ana Pérez",
    encounter,
    byOrganizer: true,
    reason: "Cupo duplicado.",
    registerUrl: "http://localhost:3000/encuentros/bogota-2024/registro",
  },
  "profile-changes": {
    name: "Ana Pérez",
    encounter,
    changes: { fullName: { from: "Ana Pérez", to: "Ana María Pérez" }, city: { from: "Bogotá, D.C.", to: "Pasto" } },
    url: "http://localhost:3000/confirmar-datos/abc",
    validUntil: "2024-03-07",
  },
  "sign-in-link": { name: "Ana Pérez", url: "http://localhost:3000/ingresar/enlace/tok123", minutes: 15 },
  "materials-available": {
    name: "Ana Pérez",
    encounter,
    materials: [{ title: "Guía para la elaboración de PDT y PISCC", description: "Documento de trabajo" }],
    url: "http://localhost:3000/encuentros/bogota-2024/materiales",
  },
  "materials-reminder": {
    name: "Ana Pérez",
    encounter,
    material: { title: "Guía para la elaboración de PDT y PISCC", description: "Documento de trabajo" },
    url: "http://localhost:3000/d/eyJwIjoxfQ.c2lnbmF0dXJl",
    validUntil: "2024-03-30",
  },
  "commitment-recorded": { name: "Carlos Gómez", encounter, commitment, updateUrl: "http://localhost:3000/compromisos/t/xyz" },
  "commitment-reminder": { name: "Carlos Gómez", encounter, commitment, daysLeft: 7, updateUrl: "http://localhost:3000/compromisos/t/xyz" },
  "commitment-overdue": { name: "Carlos Gómez", encounter, commitment, daysOverdue: 3, updateUrl: "http://localhost:3000/compromisos/t/xyz" },
  "commitment-escalation": {
    name: "Carlos Gómez",
    encounter,
    commitment,
    daysOverdue: 28,
    responsibleName: "Ana Pérez",
    responsibleEmail: "ana.perez@medellin.gov.co",
    url: "http://localhost:3000/compromisos/12",
  },
  "commitment-link": {
    name: "Carlos Gómez",
    encounter,
    commitment,
    updateUrl: "http://localhost:3000/seguimiento/12.1900000000.abc",
    stopUrl: "http://localhost:3000/seguimiento/12.1900000000.abc/detener",
  },
  "commitment-pending-responsible": { encounter, cityName: "Medellín", url: "http://localhost:3000/encuentros/bogota-2024" },
  "agenda-changed": {
    name: "Ana Pérez",
    encounter,
    changes: [
      {
        change: "changed",
        title: "Panel: Política Integral Migratoria",
        startsAt: "2024-02-29T14:30:00.000Z",
        endsAt: "2024-02-29T16:00:00.000Z",
        room: "Salón 2",
        before: {
          title: "Panel: Política Integral Migratoria",
          startsAt: "2024-02-29T14:00:00.000Z",
          endsAt: "2024-02-29T15:30:00.000Z",
          room: "Auditorio principal",
        },
      },
      { change: "added", title: "Almuerzo", startsAt: "2024-02-29T18:30:00.000Z", endsAt: "2024-02-29T19:30:00.000Z" },
      { change: "removed", title: "Receso", startsAt: "2024-02-29T15:30:00.000Z", endsAt: "2024-02-29T15:45:00.000Z", room: "Vestíbulo" },
    ],
    url: "http://localhost:3000/encuentros/bogota-2024/agenda",
    attachments: [calendarAttachment],
  },
  "roster-change": {
    name: "Ana Pérez",
    city: "Medellín",
    change: "added",
    role: "official",
    by: "Carlos Gómez",
    entity: "Secretaría de Gobierno",
    position: "Asesora",
    url: "http://localhost:3000/mi-ciudad/directorio",
  },
  "roster-notice": {
    name: "Carlos Gómez",
    city: "Medellín",
    change: "withdrawn",
    subject: "Ana Pérez",
    url: "http://localhost:3000/mi-ciudad/directorio",
  },
  "encounter-message": {
    name: "Ana Pérez",
    encounter,
    subject: "Transporte desde el aeropuerto",
    body: "Habrá un bus desde el aeropuerto El Dorado a las 6:30.\n\nTraiga su documento de identidad.",
    manageUrl: "http://localhost:3000/inscripcion/abc",
    stopUrl: "http://localhost:3000/mensajes/detener/abc.def",
  },
  "encounter-reminder": {
    name: "Ana Pérez",
    encounter,
    agenda: [
      { title: "Registro y bienvenida", startsAt: "2024-02-29T13:00:00.000Z", endsAt: "2024-02-29T13:30:00.000Z", room: "Vestíbulo" },
      { title: "Instalación", startsAt: "2024-02-29T13:30:00.000Z", endsAt: "2024-02-29T14:00:00.000Z" },
    ],
    mapUrl: "https://www.openstreetmap.org/search?query=Centro%20de%20Convenciones",
    whatToBring: "Documento de identidad.\nEl borrador del PISCC de su ciudad.",
    url: "http://localhost:3000/encuentros/bogota-2024/agenda",
    manageUrl: "http://localhost:3000/inscripcion/abc",
    stopUrl: "http://localhost:3000/mensajes/detener/abc.def",
  },
  invitation: {
    name: "Ana Pérez",
    encounter,
    city: "Medellín",
    places: 3,
    closesAt: "2024-02-28T23:59:00.000Z",
    url: "http://localhost:3000/delegacion/1.1.c2lnbmF0dXJh",
  },
  "delegation-removed": {
    name: "Ana Pérez",
    encounter: { title: encounter.title, url: encounter.url },
    city: "Medellín",
    replaced: true,
    url: encounter.url,
    stopUrl: "http://localhost:3000/mensajes/detener/abc.def",
  },
  "minutes-published": {
    name: "Ana Pérez",
    encounter,
    summary: "Acuerdos: cada ciudad revisará su PISCC antes de marzo.",
    url: "http://localhost:3000/encuentros/bogota-2024/relatoria",
    stopUrl: "http://localhost:3000/mensajes/detener/abc.def",
  },
  "survey-invitation": {
    name: "Ana Pérez",
    encounter,
    survey: "Encuesta de satisfacción",
    url: "http://localhost:3000/encuentros/bogota-2024/encuesta/1?p=7.abc",
    closesAt: "2024-03-08T04:59:00.000Z",
    timezone: "America/Bogota",
    anonymous: false,
    reminder: false,
    stopUrl: "http://localhost:3000/mensajes/detener/abc.def",
  },
};

/** The subject each template must produce, in each language. */
export const expectedSubjects: { [T in TemplateName]: { es: string; en: string } } = {
  "registration-confirmed": { es: `Inscripción confirmada: ${encounter.title}`, en: `Registration confirmed: ${encounter.title}` },
  "registration-waitlisted": { es: `Lista de espera: ${encounter.title}`, en: `Waiting list: ${encounter.title}` },
  "registration-promoted": {
    es: `Se liberó un cupo: su inscripción está confirmada (${encounter.title})`,
    en: `A place opened up: your registration is confirmed (${encounter.title})`,
  },
  "registration-cancelled": { es: `Inscripción cancelada: ${encounter.title}`, en: `Registration cancelled: ${encounter.title}` },
  "profile-changes": { es: `Confirme el cambio de sus datos: ${encounter.title}`, en: `Confirm the change to your details: ${encounter.title}` },
  "sign-in-link": { es: "Su enlace para ingresar a Convoca", en: "Your sign-in link for Convoca" },
  "materials-available": { es: `Materiales disponibles: ${encounter.title}`, en: `Materials available: ${encounter.title}` },
  "materials-reminder": {
    es: "Recordatorio: descargue «Guía para la elaboración de PDT y PISCC»",
    en: 'Reminder: download "Guía para la elaboración de PDT y PISCC"',
  },
  "commitment-recorded": { es: `Compromiso registrado: ${commitment.title}`, en: `Commitment recorded: ${commitment.title}` },
  "commitment-reminder": {
    es: `Recordatorio: el compromiso «${commitment.title}» vence el 30 de junio de 2024`,
    en: `Reminder: the commitment "${commitment.title}" is due on June 30, 2024`,
  },
  "commitment-overdue": { es: `Compromiso vencido: ${commitment.title}`, en: `Commitment overdue: ${commitment.title}` },
  "commitment-escalation": {
    es: `Compromiso de Medellín vencido hace 28 días: ${commitment.title}`,
    en: `Commitment of Medellín overdue for 28 days: ${commitment.title}`,
  },
  "commitment-link": { es: `Su nuevo enlace para el compromiso «${commitment.title}»`, en: `Your new link for the commitment "${commitment.title}"` },
  "commitment-pending-responsible": { es: "Compromiso de Medellín pendiente de confirmación", en: "A commitment of Medellín awaiting confirmation" },
  "agenda-changed": { es: `Cambios en la agenda: ${encounter.title}`, en: `Agenda changes: ${encounter.title}` },
  "roster-change": { es: "Usted está en el directorio de la ciudad de Medellín", en: "You are on the city roster of Medellín" },
  "roster-notice": { es: "Cambio en el directorio de la ciudad de Medellín", en: "A change on the city roster of Medellín" },
  "encounter-message": { es: "Transporte desde el aeropuerto", en: "Transporte desde el aeropuerto" },
  "encounter-reminder": {
    es: `Recordatorio: ${encounter.title}, jueves, 29 de febrero de 2024`,
    en: `Reminder: ${encounter.title}, Thursday, February 29, 2024`,
  },
  invitation: { es: `Invitación para Medellín: ${encounter.title}`, en: `Invitation for Medellín: ${encounter.title}` },
  "delegation-removed": { es: `Cambio en la delegación de Medellín: ${encounter.title}`, en: `Change in Medellín's delegation: ${encounter.title}` },
  "minutes-published": { es: `Relatoría publicada: ${encounter.title}`, en: `Minutes published: ${encounter.title}` },
  "survey-invitation": { es: "Cuéntenos cómo le fue: Encuesta de satisfacción", en: "Tell us how it went: Encuesta de satisfacción" },
};
