import { defineArea } from "./define";

export const privacy = defineArea(
  {
    title: "Aviso de privacidad y tratamiento de datos personales",
    intro:
      "Convoca trata datos personales de servidores públicos de las ciudades capitales conforme a la Ley 1581 de 2012, el Decreto 1377 de 2013 (compilado en el Decreto 1074 de 2015) y demás normas de protección de datos de Colombia.",
    controllerTitle: "Responsable del tratamiento",
    controller:
      "La Asociación de Ciudades Capitales, que organiza los encuentros con el apoyo de un organismo internacional para las migraciones. Las solicitudes se atienden en el correo de contacto de cada encuentro.",
    dataTitle: "Datos que tratamos",
    data: "Nombre completo, correo electrónico, ciudad capital, entidad, cargo, teléfono (opcional), necesidades de accesibilidad o alimentación (opcional, solo si usted las indica), asistencia al encuentro, descargas de materiales y los compromisos de su ciudad con el nombre, cargo y correo de la persona responsable.",
    purposeTitle: "Para qué los usamos",
    purpose:
      "Gestionar su inscripción y cupo, enviarle la confirmación, la agenda y los materiales, acreditar su asistencia, expedir certificados, hacer el seguimiento por correo de los compromisos de su ciudad y elaborar informes agregados para la Asociación, la agencia de migración y los financiadores. No vendemos ni cedemos sus datos, ni los usamos para publicidad.",
    sensitiveTitle: "Datos sensibles",
    sensitive:
      "Las necesidades de accesibilidad pueden revelar información de salud: son opcionales, solo las ven los organizadores y se usan únicamente para atenderle en el encuentro.",
    retentionTitle: "Cuánto tiempo los conservamos",
    retention:
      "Mientras dure el seguimiento de los compromisos y hasta dos años después del último encuentro en que participó; después se eliminan o se anonimizan, y solo quedan cifras agregadas.",
    rightsTitle: "Sus derechos",
    rights:
      "Conocer, actualizar y rectificar sus datos; pedir prueba de la autorización; ser informado del uso que se les ha dado; revocar la autorización o pedir la supresión cuando no haya un deber legal de conservarlos; y presentar quejas ante la Superintendencia de Industria y Comercio.",
    howTitle: "Cómo ejercerlos",
    how: "Corrija sus datos o cancele su inscripción con el enlace de gestión que recibió por correo, o ingrese con un enlace por correo en «Mis inscripciones». Para pedir una copia o la supresión de sus datos, escriba al correo de contacto del encuentro: responderemos en los plazos de la ley (10 días hábiles para consultas, 15 para reclamos).",
    updated: "Última actualización: noviembre de 2026.",
  },
  {
    title: "Privacy notice and processing of personal data",
    intro:
      "Convoca processes personal data of public servants of Colombia's capital cities under Law 1581 of 2012, Decree 1377 of 2013 (compiled in Decree 1074 of 2015) and the other Colombian data-protection rules.",
    controllerTitle: "Data controller",
    controller:
      "The Association of Capital Cities, which organises the encounters with the support of an international migration agency. Requests are handled at each encounter's contact address.",
    dataTitle: "Data we process",
    data: "Full name, email, capital city, entity, position, phone (optional), accessibility or dietary needs (optional, only if you give them), attendance, material downloads, and your city's commitments with the name, position and email of the responsible official.",
    purposeTitle: "What we use it for",
    purpose:
      "To manage your registration and place, send you the confirmation, agenda and materials, check you in, issue certificates, follow up your city's commitments by email, and prepare aggregate reports for the Association, the migration agency and funders. We do not sell or share your data, nor use it for advertising.",
    sensitiveTitle: "Sensitive data",
    sensitive:
      "Accessibility needs may reveal health information: they are optional, only organizers see them, and they are used only to serve you at the encounter.",
    retentionTitle: "How long we keep it",
    retention:
      "While the follow-up of commitments lasts and up to two years after the last encounter you took part in; then it is deleted or anonymised and only aggregate figures remain.",
    rightsTitle: "Your rights",
    rights:
      "To know, update and correct your data; to ask for proof of your consent; to be told how it has been used; to withdraw consent or ask for deletion where there is no legal duty to keep it; and to complain to the Superintendence of Industry and Commerce.",
    howTitle: "How to exercise them",
    how: "Correct your data or cancel your registration with the manage link you received by email, or sign in with an email link under «My registrations». To ask for a copy or deletion of your data, write to the encounter's contact address: we answer within the legal terms (10 working days for queries, 15 for claims).",
    updated: "Last updated: November 2026.",
  },
);
