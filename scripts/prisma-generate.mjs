// postinstall: generate the Prisma client (engine-free "client" engine, works offline).
import { prisma } from "./lib.mjs";

prisma(["generate"]);
