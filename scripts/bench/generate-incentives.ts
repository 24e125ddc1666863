// The benchmark organisation's incentive history (issue 14, bench:rewards): 2,000,000 ledger
// rows over nine months, their running totals, kudos, badges, rewards and redemptions, added
// to the file generate.ts made, straight through better-sqlite3 like the rest of it. A second
// stage, so bench:reports keeps its generation time; marked by a table outside the app's schema.
import Database from "better-sqlite3";
import { periodKeysOf } from "~/modules/incentives";
import { isoDate as isoDateOf, prng } from "./generate";

export const INCENTIVE_SIZES = {
  ledger: 2_000_000,
  kudos: 200_000,
  badges: 30_000,
  rewards: 8,
  redemptions: 20_000,
  companyValues: 5,
} as const;

const DAY = 86_400_000;
const HISTORY_DAYS = 270;
const CHUNK = 50_000;

const MARKER_TABLE = "_BenchIncentives";

type Random = ReturnType<typeof prng>;

interface IncentiveInputs {
  now: number;
  random: Random;
  users: number;
  userId(index: number): string;
  departmentOf(index: number): string;
  isActive(index: number): boolean;
  isoDate(ms: number): string;
}

/** When a generation stage marked by `markerTable` ran (ms since the epoch), or 0 if it has not. */
export function storedStageTime(file: string, markerTable: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const exists = db
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${markerTable}'`)
      .get();
    if (!exists) return 0;
    const row = db.prepare(`SELECT "generatedAt" FROM "${markerTable}"`).get() as
      { generatedAt: number } | undefined;
    return row?.generatedAt ?? 0;
  } finally {
    db.close();
  }
}

/** When the file's incentive history was generated (ms since the epoch), or 0 when it has none. */
export const storedIncentiveTime = (file: string) => storedStageTime(file, MARKER_TABLE);

/** Adds the incentive history to the organisation in `file` (which must have none); its time. */
export function addIncentiveHistory(file: string, now: number, seed = 20261201): number {
  const started = performance.now();
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = OFF");
    db.pragma("cache_size = -262144");
    db.pragma("foreign_keys = OFF");
    const people = db
      .prepare(`SELECT "id", "departmentId", "active" FROM "User" ORDER BY "id"`)
      .all() as { id: string; departmentId: string | null; active: number }[];
    generateIncentives(db, {
      now,
      random: prng(seed),
      users: people.length,
      userId: (u) => people[u]!.id,
      departmentOf: (u) => people[u]!.departmentId ?? "",
      isActive: (u) => people[u]!.active === 1,
      isoDate: isoDateOf,
    });
    db.exec(`CREATE TABLE "${MARKER_TABLE}" ("generatedAt" INTEGER NOT NULL)`);
    db.prepare(`INSERT INTO "${MARKER_TABLE}" VALUES (?)`).run(now);
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
  return performance.now() - started;
}

// What people earn points for, weighted roughly as a real board would see it.
const EARNED_SOURCES: readonly [string, number, number][] = [
  // [source type, points, weight]
  ["COURSE_COMPLETED", 50, 30],
  ["QUIZ_FIRST_ATTEMPT", 20, 15],
  ["QUIZ_PERFECT", 30, 5],
  ["IDEA_SUBMITTED", 10, 10],
  ["IDEA_ACCEPTED", 40, 3],
  ["IDEA_IMPLEMENTED", 100, 1],
  ["KUDOS", 10, 20],
  ["KUDOS_RECEIVED", 5, 16],
];
const BADGES = [
  "FIRST_IDEA_IMPLEMENTED",
  "FIVE_COURSES",
  "PERFECT_QUIZ",
  "TEN_KUDOS_GIVEN",
  "FIRST_KUDOS_RECEIVED",
];
const VALUES = ["Customer first", "Simplify", "Own it", "Learn every day", "One team"];
const MESSAGES = [
  "Thanks for covering my calls on Friday.",
  "Your process map made the workshop easy.",
  "谢谢你耐心地帮我处理客户投诉。",
  "Great help with the new CRM screens.",
  "感谢你分享培训笔记！",
];

function generateIncentives(db: Database.Database, input: IncentiveInputs) {
  const { now, random, users, userId, departmentOf, isActive, isoDate } = input;
  const start = now - HISTORY_DAYS * DAY;
  const at = () => start + Math.floor(random.next() * (now - start));
  const totalWeight = EARNED_SOURCES.reduce((sum, [, , weight]) => sum + weight, 0);
  const pickSource = () => {
    let x = random.next() * totalWeight;
    for (const source of EARNED_SOURCES) {
      x -= source[2];
      if (x <= 0) return source;
    }
    return EARNED_SOURCES[0]!;
  };

  const values = VALUES.map((name, i) => ({ id: `cv${i + 1}`, name }));
  const insertValue = db.prepare(
    `INSERT INTO "CompanyValue" ("id","name","active","createdAt") VALUES (?,?,1,?)`,
  );
  db.transaction(() => values.forEach((v) => insertValue.run(v.id, v.name, isoDate(start))))();

  // The ledger, with the running totals computed alongside (what writeEntry would keep).
  const totals = new Map<string, number>();
  const insertEntry = db.prepare(
    `INSERT INTO "PointsEntry" ("id","userId","departmentId","points","kind","sourceType","sourceId",
      "reason","actorId","initiativeId","phaseId","createdAt") VALUES (?,?,?,?,?,?,?,'',NULL,NULL,NULL,?)`,
  );
  const writeLedger = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const u = random.int(0, users - 1);
      const time = at();
      const r = random.next();
      let kind = "EARNED";
      let sourceType: string;
      let points: number;
      if (r < 0.03) {
        kind = "ADJUSTMENT";
        sourceType = "ADJUSTMENT";
        points = random.next() < 0.8 ? random.int(5, 50) : -random.int(5, 30);
      } else if (r < 0.06) {
        kind = "SPENT";
        sourceType = "REDEMPTION";
        points = -random.int(50, 300);
      } else {
        const [type, base] = pickSource();
        sourceType = type;
        points = type === "KUDOS" ? random.int(5, 50) : base;
      }
      const department = departmentOf(u);
      insertEntry.run(
        `pe${i + 1}`,
        userId(u),
        department || null,
        points,
        kind,
        sourceType,
        `b${i + 1}`,
        isoDate(time),
      );
      if (kind === "EARNED" || kind === "ADJUSTMENT") {
        for (const period of periodKeysOf(new Date(time))) {
          const key = `${period}\u0000${userId(u)}\u0000${department}`;
          totals.set(key, (totals.get(key) ?? 0) + points);
        }
      }
    }
  });
  for (let from = 0; from < INCENTIVE_SIZES.ledger; from += CHUNK) {
    writeLedger(from, Math.min(INCENTIVE_SIZES.ledger, from + CHUNK));
  }
  const insertTotal = db.prepare(
    `INSERT INTO "PointsTotal" ("period","userId","departmentId","points") VALUES (?,?,?,?)`,
  );
  db.transaction(() => {
    for (const [key, points] of totals) {
      const [period, user, department] = key.split("\u0000") as [string, string, string];
      insertTotal.run(period, user, department, points);
    }
  })();

  const insertKudos = db.prepare(
    `INSERT INTO "Kudos" ("id","fromId","toId","fromDepartmentId","toDepartmentId","message","valueId",
      "points","submitKey","createdAt") VALUES (?,?,?,?,?,?,?,?,?,?)`,
  );
  const writeKudos = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const giver = random.int(0, users - 1);
      let receiver = random.int(0, users - 1);
      if (receiver === giver) receiver = (receiver + 1) % users;
      insertKudos.run(
        `k${i + 1}`,
        userId(giver),
        userId(receiver),
        departmentOf(giver) || null,
        departmentOf(receiver) || null,
        random.pick(MESSAGES),
        random.next() < 0.7 ? random.pick(values).id : null,
        random.int(0, 50),
        `bench-kudos-${i + 1}`,
        isoDate(at()),
      );
    }
  });
  for (let from = 0; from < INCENTIVE_SIZES.kudos; from += CHUNK) {
    writeKudos(from, Math.min(INCENTIVE_SIZES.kudos, from + CHUNK));
  }

  const insertBadge = db.prepare(
    `INSERT OR IGNORE INTO "BadgeAward" ("id","userId","badgeKey","awardedAt") VALUES (?,?,?,?)`,
  );
  const insertRule = db.prepare(
    `INSERT INTO "BadgeRule" ("key","active","createdAt") VALUES (?,1,?)`,
  );
  db.transaction(() => {
    for (const key of BADGES) insertRule.run(key, isoDate(start));
    for (let i = 0; i < INCENTIVE_SIZES.badges; i++) {
      insertBadge.run(
        `ba${i + 1}`,
        userId(random.int(0, users - 1)),
        random.pick(BADGES),
        isoDate(at()),
      );
    }
  })();

  const insertReward = db.prepare(
    `INSERT INTO "Reward" ("id","name","description","imageUrl","cost","stock","active","createdAt","updatedAt")
     VALUES (?,?,'','',?,?,1,?,?)`,
  );
  const insertRedemption = db.prepare(
    `INSERT INTO "Redemption" ("id","rewardId","userId","cost","status","note","reason","decidedById",
      "decidedAt","submitKey","createdAt") VALUES (?,?,?,?,?,'','',NULL,NULL,?,?)`,
  );
  const STATUSES = ["PENDING", "FULFILLED", "FULFILLED", "REJECTED", "CANCELLED"];
  db.transaction(() => {
    for (let r = 0; r < INCENTIVE_SIZES.rewards; r++) {
      insertReward.run(
        `rw${r + 1}`,
        `Reward ${r + 1}`,
        100 * (r + 1),
        r % 2 ? null : 500,
        isoDate(start),
        isoDate(start),
      );
    }
    for (let i = 0; i < INCENTIVE_SIZES.redemptions; i++) {
      const reward = random.int(1, INCENTIVE_SIZES.rewards);
      insertRedemption.run(
        `rd${i + 1}`,
        `rw${reward}`,
        userId(random.int(0, users - 1)),
        100 * reward,
        random.pick(STATUSES),
        `bench-redemption-${i + 1}`,
        isoDate(at()),
      );
    }
  })();

  const insertPrivacy = db.prepare(
    `INSERT INTO "LeaderboardPrivacy" ("userId","hidden","updatedAt") VALUES (?,1,?)`,
  );
  db.transaction(() => {
    for (let u = 0; u < users; u++) {
      if (isActive(u) && random.next() < 0.02) insertPrivacy.run(userId(u), isoDate(start));
    }
  })();
}
