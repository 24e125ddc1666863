// Applies committed migrations to DATABASE_URL (default data/uptake.db), creating the file.
import { prisma } from "./lib.mjs";

prisma(["migrate", "deploy"]);
