// The header under which the production handler (remix-handler.mjs) passes the socket peer to
// the app (app/lib/request.server.ts); whatever a client sent under this name is replaced.
export const PEER_ADDRESS_HEADER = "X-Uptake-Peer";

// A number per HTTP request, stamped by the same handler, so that the loaders of one request
// (each handed its own copy of the Request by Remix) can share work (session.server.ts).
export const REQUEST_ID_HEADER = "X-Uptake-Request";
