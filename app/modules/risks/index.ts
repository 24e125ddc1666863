// The risks module's browser-safe surface: the register's rules and forms.
export * from "./risk";
export * from "./components/risk-pages";
