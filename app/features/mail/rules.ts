// Pure rules of the mail: which address the outbox accepts, and when a refused message is
// tried again.

const localPart = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const domainLabel = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * A single bare address (no display name, no list, no comments): what the registration form
 * stores. Stricter than RFC 5322 on purpose: whatever passes here is safe to put in a header.
 */
export function isValidRecipient(address: string): boolean {
  if (address.length > 254 || /\s/.test(address)) return false;
  const at = address.lastIndexOf("@");
  if (at < 1) return false;
  const local = address.slice(0, at);
  const labels = address.slice(at + 1).split(".");
  return (
    local.length <= 64 &&
    localPart.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => domainLabel.test(label)) &&
    /^[A-Za-z]{2,}$|^xn--/.test(labels[labels.length - 1])
  );
}

/** The first retry waits about a minute; none waits more than about an hour. */
export const retryBounds = { baseMs: 60_000, maxMs: 60 * 60_000 };

/** Exponential backoff with "equal jitter": half the delay fixed, half random, so that a
 * batch that failed together (the server went down) does not come back all at once. */
export function retryDelayMs(attempt: number, random: () => number = Math.random, baseMs = retryBounds.baseMs, maxMs = retryBounds.maxMs): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
