// The header under which the production handler (remix-handler.mjs) passes the socket peer to
// the app (app/lib/request.server.ts); whatever a client sent under this name is replaced.
export const PEER_ADDRESS_HEADER = "X-Uptake-Peer";
