import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { format, useT } from "~/i18n/index";
import { requireOrganizer } from "~/server/auth.server";

// The layout checks sign-in for its own render; every child loader and action checks again.
export async function loader({ request }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request);
  return { organizer: { name: organizer.name, role: organizer.role } };
}

export default function AdminLayout() {
  const { organizer } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="admin">
      <nav aria-label={t.admin.title} className="actions admin-nav no-print">
        <NavLink to="/admin" end>
          {t.admin.encounters}
        </NavLink>
        <NavLink to="/admin/compromisos">{t.commitments.admin.nav}</NavLink>
        <NavLink to="/admin/ciudades">{t.cities.nav}</NavLink>
        <NavLink to="/admin/informes">{t.admin.reports}</NavLink>
        <NavLink to="/admin/materiales">{t.materials.adminTitle}</NavLink>
        <NavLink to="/admin/correo">{t.admin.mail}</NavLink>
        <NavLink to="/admin/personas">{t.people.title}</NavLink>
        {organizer.role === "admin" ? <NavLink to="/admin/organizadores">{t.organizers.nav}</NavLink> : null}
        <NavLink to="/admin/cuenta">{format(t.admin.signedInAs, { name: organizer.name })}</NavLink>
      </nav>
      <Outlet />
    </div>
  );
}
