/**
 * A backup that cannot be made, verified or restored, with a message for the operator (the
 * restore script prints it; a failed verification stores it on the Backup row).
 */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

/** The message of any error, for the Backup row and the log. */
export const errorMessage = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).slice(0, 1000);
