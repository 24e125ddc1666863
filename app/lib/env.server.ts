import { z } from "zod";
import { databaseProviderOf } from "./database-provider";
import { parseTrustedProxies } from "./trusted-proxies.server";

const keepCount = z.coerce.number().int().min(0).max(1000);

// Parsed once at boot; a wrong value stops the server with a clear message.
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .default("file:./data/uptake.db")
    .refine((url) => databaseProviderOf(url) !== undefined, {
      message: "use file:… (SQLite) or postgresql://… (PostgreSQL)",
    }),
  PORT: z.coerce.number().int().positive().default(3000),
  // Server processes, read by scripts/cluster.mjs before the app loads (decision 022); listed
  // here so every setting is checked in one place.
  WEB_CONCURRENCY: z.coerce.number().int().positive().optional(),
  UPTAKE_DEMO: z.enum(["on", "off"]).default("on"),
  // Periodic jobs inside the server (assignment rules, recertification); `npm run jobs` runs them once.
  UPTAKE_JOBS: z.enum(["on", "off"]).default("on"),
  // Session cookies are Secure in production; "off" allows plain-HTTP deployments on a LAN.
  COOKIE_SECURE: z.enum(["auto", "off"]).default("auto"),
  SESSION_DAYS: z.coerce.number().int().positive().default(30),
  // A session unused this long ends (idle timeout), and none lives longer than SESSION_MAX_DAYS.
  SESSION_IDLE_HOURS: z.coerce.number().positive().default(8),
  SESSION_MAX_DAYS: z.coerce.number().positive().default(30),
  // Encrypts two-factor and webhook secrets at rest (AES-256-GCM); at least 32 characters, e.g.
  // `openssl rand -base64 32`. Required in production for two-factor sign-in.
  UPTAKE_SECRET_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  // Requests per minute one API token may make, shared by every server (decision 044).
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  // Public origin (scheme://host[:port]) when the app runs behind a proxy that rewrites Host.
  APP_ORIGIN: z.string().url().optional(),
  // Reverse proxies whose X-Forwarded-For is believed: addresses or CIDRs, comma-separated,
  // or "loopback". Empty: the socket address is the client (the header is ignored).
  TRUST_PROXY: z
    .string()
    .default("")
    .refine((value) => parseTrustedProxies(value) !== null, {
      message: 'must be addresses or CIDR ranges separated by commas, or "loopback"',
    }),
  // Security events (sign-ins, refusals, exports) older than this are pruned by the jobs.
  AUDIT_SECURITY_RETENTION_DAYS: z.coerce.number().int().positive().default(365),
  // Database statements taking at least this many milliseconds are logged (0: every one).
  SLOW_QUERY_MS: z.coerce.number().nonnegative().default(200),
  // E-mail: delivered over SMTP when set (smtp://user:pass@host:port or smtps://...);
  // without it messages stay in the outbox that admins read at /admin/outbox.
  SMTP_URL: z
    .string()
    .refine((url) => /^smtps?:\/\//.test(url), { message: "must start with smtp:// or smtps://" })
    .optional(),
  SMTP_FROM: z.string().min(3).default("Uptake <no-reply@uptake.local>"),
  // Staff import: "deactivate staff missing from the file" deactivating more than this share
  // of active staff needs a second confirmation.
  IMPORT_DEACTIVATION_LIMIT_PERCENT: z.coerce.number().min(0).max(100).default(10),
  // Backups (docs/decisions/024-backups.md): where files and manifests go, the key that
  // encrypts them (AES-256-GCM; unset: not encrypted), how often the jobs make one, and how
  // many daily, weekly and monthly backups are kept.
  BACKUP_DIR: z.string().min(1).default("data/backups"),
  BACKUP_KEY: z.string().min(16, "must be at least 16 characters").optional(),
  BACKUP_SCHEDULE: z
    .string()
    .default("daily")
    .refine((value) => /^(off|hourly|daily|weekly|[1-9]\d{0,3}[hd])$/i.test(value.trim()), {
      message: 'must be "off", "hourly", "daily", "weekly" or an interval like "6h" or "2d"',
    }),
  BACKUP_KEEP_DAILY: keepCount.default(7),
  BACKUP_KEEP_WEEKLY: keepCount.default(4),
  BACKUP_KEEP_MONTHLY: keepCount.default(6),
  // Webhooks (decision 045) refuse private, loopback and link-local addresses; "on" allows
  // them (tests, a receiver on the same machine or LAN).
  WEBHOOK_ALLOW_PRIVATE: z.enum(["on", "off"]).default("off"),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

export const isProduction = () => getEnv().NODE_ENV === "production";
