import { format, plural } from "~/i18n/index";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";

// What the materials pages say once after a redirect (redirectWithFlash), in the reader's
// language, with its counts in words: the versions, the mails queued, the people reminded.

export async function materialFlashes(request: Request) {
  const locale = await getLocale(request);
  const t = messagesFor(locale).materials;
  /** "… 3 correos quedaron en la cola de envío." after what was done, when mail was queued. */
  const withNotices = (text: string, notified: number) => (notified > 0 ? `${text} ${plural(locale, t.upload.notified, notified)}` : text);
  return {
    created: (notified: number) => withNotices(t.upload.created, notified),
    versionAdded: (version: number, notified: number) => withNotices(format(t.detail.versionAdded, { n: version }), notified),
    restored: (version: number) => format(t.detail.restored, { n: version }),
    saved: t.detail.saved,
    reminded: (reminders: number, people: number) => plural(locale, t.detail.reminded, reminders, { people }),
    deleted: t.detail.deleted,
  };
}
