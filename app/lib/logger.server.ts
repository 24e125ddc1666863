// The app's structured logger: the same pino instance and redaction as the server (scripts/logger.mjs).
export { logger, loggablePath, setLogDestination } from "../../scripts/logger.mjs";
