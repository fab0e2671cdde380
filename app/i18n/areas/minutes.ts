import { defineArea } from "./define";

// The minutes (relatoría): the organizers' editor (/admin/encuentros/:slug/relatoria) and the
// page where they are read once published (/encuentros/:slug/relatoria). Shown as t.minutes.
export const minutes = defineArea(
  {
    nav: "Relatoría",
    title: "Relatoría del encuentro",
    publicTitle: "Relatoría: {encounter}",
    publishedOn: "Publicada el {date}.",
    general: "Relatoría general",
    bySession: "Por sesión",
    materialsLink: "Ver los materiales del encuentro",
    admin: {
      intro:
        "Escriba lo que se dijo y se acordó en el encuentro, en general y, si quiere, por sesión. Se publica con los materiales cuando usted lo decida; la primera vez, las personas inscritas reciben un correo (una sola vez).",
      back: "Volver al encuentro",
      body: "Relatoría general",
      session: "{time} · {title}",
      markdownHint:
        "Puede usar Markdown: # Título, **negrita**, *cursiva*, listas con - o 1., > citas y [enlaces](https://…). El HTML se muestra como texto y solo se aceptan enlaces http, https y mailto.",
      save: "Guardar la relatoría",
      saved: "Se guardó la relatoría.",
      statusDraft: "Borrador: aún no está publicada.",
      statusPublished: "Publicada el {date}: se lee en {url}.",
      notified: "Las personas inscritas recibieron el aviso el {date}.",
      publish: "Publicar con los materiales",
      publishHint: "Se avisa por correo a las personas con cupo confirmado, una sola vez.",
      republish: "Publicar de nuevo (sin enviar otro aviso)",
      hide: "Dejar de publicarla",
      published: { one: "Se publicó la relatoría y se avisó a 1 persona.", other: "Se publicó la relatoría y se avisó a {count} personas." },
      publishedAgain: "Se publicó de nuevo la relatoría (sin otro aviso).",
      hidden: "La relatoría ya no está publicada.",
      view: "Ver la página pública",
    },
    errors: {
      required: "Este campo es obligatorio.",
      tooLong: "El texto es demasiado largo (máximo 20.000 caracteres).",
      invalid: "El valor no es válido.",
      empty: "La relatoría está vacía: escriba algo antes de publicarla.",
    },
  },
  {
    nav: "Minutes",
    title: "Minutes of the encounter",
    publicTitle: "Minutes: {encounter}",
    publishedOn: "Published on {date}.",
    general: "General minutes",
    bySession: "By session",
    materialsLink: "See the encounter's materials",
    admin: {
      intro:
        "Write what was said and agreed at the encounter, in general and, if you wish, per session. They are published with the materials when you decide; the first time, registrants get an email (only once).",
      back: "Back to the encounter",
      body: "General minutes",
      session: "{time} · {title}",
      markdownHint:
        "You can use Markdown: # Heading, **bold**, *italics*, lists with - or 1., > quotes and [links](https://…). HTML is shown as text and only http, https and mailto links are accepted.",
      save: "Save the minutes",
      saved: "The minutes were saved.",
      statusDraft: "Draft: not published yet.",
      statusPublished: "Published on {date}: read at {url}.",
      notified: "Registrants were notified on {date}.",
      publish: "Publish with the materials",
      publishHint: "People with a confirmed place are told by email, only once.",
      republish: "Publish again (without another notice)",
      hide: "Unpublish",
      published: { one: "The minutes were published and 1 person was notified.", other: "The minutes were published and {count} people were notified." },
      publishedAgain: "The minutes were published again (no new notice).",
      hidden: "The minutes are no longer published.",
      view: "See the public page",
    },
    errors: {
      required: "This field is required.",
      tooLong: "The text is too long (20,000 characters at most).",
      invalid: "The value is not valid.",
      empty: "The minutes are empty: write something before publishing them.",
    },
  },
);
