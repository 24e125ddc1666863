import { notFound } from "~/lib/http.server";
import { ErrorPage } from "~/lib/ui/error-page";

// Every unknown URL: a 404 through the same boundary as any other error.
export async function loader() {
  throw notFound();
}

export async function action() {
  throw notFound();
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
