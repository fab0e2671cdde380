// The same form sent twice: officials on phones at a venue with flaky Wi-Fi tap "Guardar"
// twice, or the browser resends a POST whose answer never arrived. The writes that would
// otherwise happen twice (recording a commitment, a progress update, publishing a material)
// look for what the first send wrote and answer with it instead of writing again.

/**
 * How far back a write counts as the first send of this one. A double tap arrives within a
 * second, a resend after a dropped connection within a minute or two; ten minutes also covers
 * a phone that sat in a dead spot before retrying. Nobody records the very same commitment or
 * publishes the very same file twice on purpose that quickly, and past the window a repeat is
 * written again, so a deliberate one is never lost for good.
 *
 * Only the lower bound is checked: a row that looks newer than `now` comes from a web instance
 * whose clock runs a little ahead, and is as recent as it gets.
 */
export const repeatWindowMs = 10 * 60 * 1000;

export function repeatWindowStart(now: Date): string {
  return new Date(now.getTime() - repeatWindowMs).toISOString();
}

/**
 * Titles compare without the differences a second send can bring and a reader would not call a
 * different title: surrounding and doubled spaces, letter case, the Unicode form of accents.
 */
export function sameTitle(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("es");
  return norm(a) === norm(b);
}
