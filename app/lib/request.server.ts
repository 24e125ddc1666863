import type { AppLoadContext } from "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the production server saw it (see server.mjs). */
    clientAddress?: string;
  }
}

export function clientInfo(request: Request, context: AppLoadContext) {
  return {
    ipAddress: context.clientAddress ?? "local",
    userAgent: request.headers.get("User-Agent") ?? "",
  };
}
