import { notFound } from "~/server/http.server";

// Any path no route claims: a 404 rendered by the root error boundary, in the visitor's language.
export async function loader() {
  notFound();
}

export default function NotFound() {
  return null;
}
