import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkbox, choice, email, repeated, singleLine } from "~/lib/input-rules";
import { parseSubmission, refuse } from "~/server/forms.server";
import { describedBy, openingTag, radioGroup, renderAfterPost } from "../../tests/helpers/rendered-page";
import { CheckboxField, Field, FormErrors, RadioGroupField, SelectField, TextareaField } from "./forms";
import { CitySelect } from "~/features/registrations/components/registration-fields";

// The kit as the server renders it after a refused post, with JavaScript off: each field's
// error tied to it, what was typed echoed back, and CitySelect wired from the same metadata.

const schema = z.object({
  name: singleLine(20),
  contact: email(),
  notes: singleLine(5),
  size: choice(["s", "m"]),
  mode: choice(["online", "onsite"]),
  agree: checkbox().refine((v) => v, "required"),
  cityDane: z.string({ required_error: "city" }).regex(/^\d{5}$/, "city"),
  tags: repeated(singleLine(10), { max: 2 }),
});

const page = {
  loader: () => null,
  action: async ({ request }: ActionFunctionArgs) => {
    const submission = await parseSubmission(request, schema);
    return submission.status === "success" ? null : refuse(submission);
  },
  default: function KitPage() {
    const [form, fields] = useForm({ id: "kit", lastResult: useActionData<typeof page.action>() ?? undefined });
    return (
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        <Field meta={fields.name} label="Nombre" hint="Como en su documento" required />
        <Field meta={fields.contact} type="email" label="Correo" messages={{ email: "Un correo de la alcaldía." }} />
        <TextareaField meta={fields.notes} label="Notas" />
        <SelectField
          meta={fields.size}
          label="Talla"
          options={[
            { value: "", label: "Elija" },
            { value: "s", label: "S" },
            { value: "m", label: "M" },
          ]}
        />
        <RadioGroupField
          meta={fields.mode}
          label="Modalidad"
          options={[
            { value: "online", label: "En línea" },
            { value: "onsite", label: "Presencial" },
          ]}
        />
        <CheckboxField meta={fields.agree} label="Acepto" />
        <CitySelect
          name={fields.cityDane.name}
          label="Ciudad"
          error={fields.cityDane.errors?.[0] as "city"}
          defaultValue={fields.cityDane.initialValue as string | undefined}
          cities={[{ dane: "11001", name: "Bogotá", department: "Bogotá D.C." }]}
          required
        />
      </Form>
    );
  },
};

const post = (entries: Array<[string, string]>) =>
  new Request("http://localhost/kit", { method: "POST", body: new URLSearchParams(entries), headers: { "Content-Type": "application/x-www-form-urlencoded" } });

describe("the field kit, rendered by the server after a refusal", () => {
  it("ties each error to its control and echoes what was typed", async () => {
    const html = await renderAfterPost(
      page,
      "kit",
      post([
        ["name", "Ana\nB"],
        ["contact", "no-es-correo"],
        ["notes", "demasiado largo"],
        ["size", "m"],
        ["mode", "onsite"],
        ["cityDane", "99"],
        ["tags", "a"],
        ["tags", "b"],
        ["tags", "c"],
      ]),
    );
    expect(html).toContain('<div class="alert alert--error" role="alert">Revise los campos marcados.</div>');

    const name = openingTag(html, "input", "name");
    expect(name).toContain('aria-invalid="true"');
    expect(describedBy(html, name).described).toEqual(["Como en su documento", "Escríbalo en una sola línea, sin saltos de línea."]);
    expect(html).toMatch(/<label for="kit-name">Nombre<\/label>/);

    const contact = openingTag(html, "input", "contact");
    expect(contact).toContain('type="email"');
    expect(contact).toContain('value="no-es-correo"');
    expect(describedBy(html, contact).described).toEqual(["Un correo de la alcaldía."]);
    // Not required: its label says so (React marks the text's seams with comments).
    expect(/<label for="kit-contact">Correo<span class="field__optional">(.*?)<\/span>/.exec(html)?.[1].replace(/<!-- -->/g, "")).toBe(" (opcional)");

    expect(describedBy(html, openingTag(html, "textarea", "notes")).described).toEqual(["El texto es demasiado largo."]);
    expect(html).toMatch(/<option value="m" selected="">M<\/option>/);
    expect(openingTag(html, "select", "size")).not.toContain("aria-invalid");

    const mode = radioGroup(html, "mode");
    expect(mode.radios).toHaveLength(2);
    expect(mode.radios[1]).toContain('checked=""');
    expect(mode.fieldset).not.toContain("aria-describedby");

    const agree = openingTag(html, "input", "agree");
    expect(agree).toContain('type="checkbox"');
    expect(describedBy(html, agree).described).toEqual(["Este campo es obligatorio."]);

    const city = openingTag(html, "select", "cityDane");
    expect(city).toContain('aria-invalid="true"');
    expect(describedBy(html, city).described).toEqual(["Elija una de las 32 ciudades capitales de la lista."]);
  });

  it("shows nothing wrong before a post", async () => {
    const html = await renderAfterPost(
      page,
      "kit",
      post([
        ["name", "Ana"],
        ["contact", "ana@b.co"],
        ["notes", "bien"],
        ["size", "s"],
        ["mode", "online"],
        ["agree", "on"],
        ["cityDane", "11001"],
      ]),
      200,
    );
    expect(html).not.toContain("aria-invalid");
    expect(html).not.toContain('role="alert"');
  });
});
