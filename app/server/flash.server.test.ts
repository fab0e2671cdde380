import { describe, expect, it } from "vitest";
import { consumeFlash, redirectWithFlash } from "./flash.server";

const cookieOf = (response: Response) => (response.headers.get("Set-Cookie") ?? "").split(";")[0];
const requestWith = (cookie?: string) => new Request("http://localhost/admin", { headers: cookie ? { Cookie: cookie } : {} });

describe("flash messages", () => {
  it("redirects with a signed, httpOnly, lax cookie that carries the message once", async () => {
    const response = await redirectWithFlash("/admin/cuenta", "Su contraseña se cambió.");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/admin/cuenta");
    const setCookie = response.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/^convoca_flash=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);

    const read = await consumeFlash(requestWith(cookieOf(response)));
    expect(read.flash).toBe("Su contraseña se cambió.");
    // Read once: the answer clears it.
    expect(read.headers.get("Set-Cookie")).toMatch(/^convoca_flash=;.*Max-Age=0/i);
  });

  it("keeps other headers and a chosen status", async () => {
    const response = await redirectWithFlash("/admin", "Hecho.", { status: 303, headers: { "Set-Cookie": "otra=1; Path=/" } });
    expect(response.status).toBe(303);
    expect(response.headers.getSetCookie()).toHaveLength(2);
  });

  it("reads nothing, and clears nothing, without a flash", async () => {
    const read = await consumeFlash(requestWith("convoca_lang=en"));
    expect(read.flash).toBeNull();
    expect(read.headers.get("Set-Cookie")).toBeNull();
    expect((await consumeFlash(requestWith())).flash).toBeNull();
  });

  it("ignores a cookie someone wrote themselves, and clears it", async () => {
    const forged = `convoca_flash=${Buffer.from(JSON.stringify("Su cuenta fue borrada")).toString("base64")}`;
    const read = await consumeFlash(requestWith(forged));
    expect(read.flash).toBeNull();
    expect(read.headers.get("Set-Cookie")).toMatch(/^convoca_flash=;/);
  });

  it("cuts a message to one sentence's length (500 characters)", async () => {
    const response = await redirectWithFlash("/admin", "x".repeat(600));
    expect((await consumeFlash(requestWith(cookieOf(response)))).flash).toBe("x".repeat(500));
  });
});
