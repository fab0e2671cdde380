import { describe, expect, it } from "vitest";
import { isValidRecipient, retryBounds, retryDelayMs } from "./rules";

describe("the recipient the outbox accepts", () => {
  it("is one bare address", () => {
    for (const to of ["ana@example.test", "ana.perez+convoca@alcaldia.gov.co", "x@xn--bogot-0ta.co"]) expect(isValidRecipient(to), to).toBe(true);
  });

  it("is never a display name, a list, a header break or a local domain", () => {
    for (const to of [
      "Ana <ana@example.test>",
      "ana@example.test, otro@example.test",
      "ana@example.test\r\nBcc: x@y.co",
      "ana@localhost",
      "@example.test",
      "ana..perez@example.test",
    ]) {
      expect(isValidRecipient(to), to).toBe(false);
    }
  });
});

describe("the retry backoff", () => {
  it("doubles from about a minute, half fixed and half random", () => {
    expect(retryDelayMs(1, () => 0)).toBe(retryBounds.baseMs / 2);
    expect(retryDelayMs(1, () => 1)).toBe(retryBounds.baseMs);
    expect(retryDelayMs(3, () => 1)).toBe(4 * retryBounds.baseMs);
  });

  it("never waits more than about an hour", () => {
    expect(retryDelayMs(30, () => 1)).toBe(retryBounds.maxMs);
    expect(retryDelayMs(30, () => 0)).toBe(retryBounds.maxMs / 2);
  });
});
