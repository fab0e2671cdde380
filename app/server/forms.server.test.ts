import { describe, expect, it } from "vitest";
import { z } from "zod";
import { email, singleLine } from "~/lib/input-rules";
import { parseFields, parseSubmission, refuse, refuseField, refuseForm } from "./forms.server";

const schema = z.object({ name: singleLine(20), email: email() });
const post = (body: BodyInit, type = "application/x-www-form-urlencoded") =>
  new Request("http://localhost/x", { method: "POST", body, headers: { "Content-Type": type } });

describe("parseSubmission", () => {
  it("reads through readForm and answers with the schema's values", async () => {
    const submission = await parseSubmission(post(new URLSearchParams({ name: " Ana ", email: "ANA@b.co" })), schema);
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value).toEqual({ name: "Ana", email: "ana@b.co" });
  });

  it("answers 400, never a 500, to what conform cannot read: a bad __intent__, a list intent on no list", async () => {
    for (const body of [
      new URLSearchParams({ name: "Ana", __intent__: "{no es json" }),
      new URLSearchParams({ name: "Ana", __intent__: JSON.stringify({ type: "insert", payload: { name: "name" } }) }),
    ]) {
      const thrown = await parseSubmission(post(body), schema).catch((r: unknown) => r);
      expect((thrown as Response).status).toBe(400);
    }
  });

  it("keeps readForm's refusals: not a form is 415, over the limit 413", async () => {
    const thrown = await parseSubmission(post(JSON.stringify({ name: "Ana" }), "application/json"), schema).catch((r: Response) => r);
    expect((thrown as Response).status).toBe(415);
    const big = await parseSubmission(post(new URLSearchParams({ name: "x".repeat(2000) })), schema, 1000).catch((r: Response) => r);
    expect((big as Response).status).toBe(413);
  });

  it("refuses with a 400 reply that echoes what was typed, unless hidden", async () => {
    const submission = await parseSubmission(post(new URLSearchParams({ name: "Ana\nB", email: "secreto" })), schema);
    const answer = refuse(submission, { hideFields: ["email"] });
    expect(answer.init?.status).toBe(400);
    expect(answer.data).toMatchObject({ status: "error", error: { name: ["singleLine"], email: ["email"] }, initialValue: { name: "Ana\nB" } });
    expect(JSON.stringify(answer.data)).not.toContain("secreto");
  });

  it("turns a domain refusal into a field's or the form's error, with the status asked for", async () => {
    // As a multipart upload hands over its text fields (receiveUpload's `fields`).
    const fields = new FormData();
    fields.append("name", "Ana");
    fields.append("email", "ana@b.co");
    const submission = parseFields(fields, schema);
    expect(refuseField(submission, "email", "emailTaken").data).toMatchObject({ error: { email: ["emailTaken"] } });
    const form = refuseForm(submission, "closed", { status: 422 });
    expect(form.init?.status).toBe(422);
    expect(form.data).toMatchObject({ error: { "": ["closed"] } });
  });
});
