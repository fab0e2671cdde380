import { describe, expect, it } from "vitest";
import { requireId, requireSlug, requireToken } from "./params.server";

/** The 404 Response a helper threw, or what it returned. */
function outcome(read: () => unknown): unknown {
  try {
    return read();
  } catch (thrown) {
    return thrown instanceof Response ? thrown.status : thrown;
  }
}

describe("route params", () => {
  it("reads a well-formed id, slug and token", () => {
    expect(requireId({ id: "42" }, "id")).toBe(42);
    expect(requireSlug({ slug: "bogota-2024" }, "slug")).toBe("bogota-2024");
    const token = "eyJhIjoxfQ.c2lnbmF0dXJlLWJ5dGVz_-";
    expect(requireToken({ token }, "token")).toBe(token);
  });

  it.each(["", "0", "-1", "01", "1.5", "abc", "1 or 1=1", "12345678901", "2147483648", "9999999999", undefined])("answers 404 for the id %j", (value) => {
    expect(outcome(() => requireId({ id: value }, "id"))).toBe(404);
  });

  it.each(["", "Bogota", "bogota--2024", "-bogota", "bogota_2024", "bogotá", "a".repeat(121), undefined])("answers 404 for the slug %j", (value) => {
    expect(outcome(() => requireSlug({ slug: value }, "slug"))).toBe(404);
  });

  it.each(["", "short", "with space and more text", "x".repeat(501), "../../etc/passwd-padding", undefined])("answers 404 for the token %j", (value) => {
    expect(outcome(() => requireToken({ token: value }, "token"))).toBe(404);
  });

  it("reads the param it is asked for, not another", () => {
    expect(outcome(() => requireId({ itemId: "7" }, "id"))).toBe(404);
    expect(requireId({ itemId: "7" }, "itemId")).toBe(7);
  });
});
