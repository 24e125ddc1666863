import type { DatabaseFacts } from "./manifest.server";
import type { BackupProvider } from "./values";

/** Where a restore goes: the app's own database (in place) or a new file or database. */
export interface RestoreTarget {
  databaseUrl: string;
  /** Replace the database the app uses; refused while a process has it open. */
  inPlace: boolean;
}

/** A backup loaded into a database of its own, checked, waiting to be promoted or dropped. */
export interface ScratchDatabase {
  facts: DatabaseFacts;
  /** What the integrity check found wrong; empty when nothing. */
  problems: string[];
  /** Makes the scratch database the target; returns where the replaced database was kept. */
  promote(target: RestoreTarget): Promise<string | null>;
  drop(): Promise<void>;
}

/** How one database provider copies, loads and checks databases (SQLite, PostgreSQL). */
export interface DatabaseEngine {
  provider: BackupProvider;
  /** The backup file's extension, before ".enc" when encrypted. */
  extension: string;
  /** Writes a consistent copy of the live database to `file`; the facts are the copy's. */
  snapshot(databaseUrl: string, file: string): Promise<DatabaseFacts>;
  exists(databaseUrl: string): Promise<boolean>;
  /** Refuses (BackupError) while another process has the database open: the server runs. */
  assertNotInUse(databaseUrl: string): Promise<void>;
  /**
   * Loads a backup into a new scratch database: `materialize` writes the plain backup bytes
   * to the path given; SQLite keeps that file (in `scratchDir`) as the scratch database,
   * PostgreSQL restores it into a new database on `databaseUrl`'s server.
   */
  loadScratch(
    materialize: (plainFile: string) => Promise<void>,
    near: { databaseUrl: string; scratchDir: string },
  ): Promise<ScratchDatabase>;
}
