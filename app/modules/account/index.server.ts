// The account module's server API: routes and other modules import only this and ./index.
export * from "./account.server";
export * from "./login.server";
export * from "./pending-login.server";
export * from "./reauth.server";
export * from "./throttle.server";
export * from "./two-factor-codes.server";
export * from "./two-factor.server";
