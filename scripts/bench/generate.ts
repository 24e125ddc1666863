// Generates the large benchmark organisation straight into a SQLite file with
// better-sqlite3 (no Prisma): schema from the committed migrations, rows through prepared
// statements in transactions. Deterministic for a given seed and clock.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { CourseSnapshot, VersionChanges } from "~/modules/courses";

export const SIZES = {
  departments: 150,
  topDepartments: 10,
  secondLevelDepartments: 40,
  users: 20_000,
  courses: 400,
  enrolments: 300_000,
  lessonProgress: 2_000_000,
  quizAttempts: 500_000,
} as const;

export const HR_EMAIL = "hr@bench.test";
export const MANAGER_EMAIL = "manager@bench.test";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const CATEGORIES = ["PROCESS", "TECHNOLOGY", "COMPLIANCE", "SOFT_SKILLS"] as const;
// 2M lesson-progress rows over ~195k started enrolments need ~12 lessons a course.
const MIN_LESSONS = 8;
const MAX_LESSONS = 16;
const MAX_ATTEMPTS = 8;
const CHUNK = 50_000;
const GENERATION_TABLE = "_BenchGeneration";

/** DateTime as the Prisma SQLite adapter writes it (iso8601 with an explicit offset). */
export const isoDate = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, int, pick };
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

const AREAS = [
  "Operations",
  "Finance",
  "Sales",
  "Engineering",
  "Customer Service",
  "Human Resources",
  "Logistics",
  "Manufacturing",
  "Marketing",
  "Legal & Compliance",
];
const UNITS = ["North", "South", "East", "West", "Central", "Projects", "Support", "Planning"];
const TEAMS = ["Team A", "Team B", "Team C", "Shift 1", "Shift 2", "Desk", "Cell", "Pod"];
const FIRST = [
  "Alex", "Anna", "Ben", "Chen", "Daniel", "Eva", "Fatima", "George", "Hannah", "Ivan",
  "Jia", "Julia", "Karl", "Lena", "Li", "Maria", "Mei", "Nina", "Omar", "Paul",
  "Qing", "Rosa", "Sam", "Sara", "Tom", "Uma", "Victor", "Wei", "Xin", "Yara", "Zoe",
]; // prettier-ignore
const LAST = [
  "Adams", "Baker", "Brown", "Chen", "Clark", "Davis", "Evans", "Fischer", "Garcia", "Huang",
  "Jones", "Kim", "Lee", "Lopez", "Martin", "Miller", "Nguyen", "Novak", "Patel", "Roberts",
  "Schmidt", "Smith", "Taylor", "Wang", "White", "Wilson", "Wu", "Young", "Zhang", "Zhou",
]; // prettier-ignore
const JOB_TITLES = ["Associate", "Specialist", "Analyst", "Engineer", "Coordinator", "Lead"];
const COURSE_PREFIX = ["Introduction to", "Essentials of", "Advanced", "Practical", "Mastering"];
const COURSE_TOPICS = [
  "Data Protection", "Workplace Safety", "Lean Processes", "Cloud Basics", "Negotiation",
  "Anti-Bribery", "Customer Empathy", "Spreadsheet Skills", "Incident Response", "Feedback",
  "Quality Audits", "Time Management", "Export Controls", "Secure Coding", "Presentation",
  "Change Management", "Supplier Onboarding", "First Aid", "Inclusive Hiring", "SQL",
]; // prettier-ignore

export interface GenerationResult {
  ms: number;
  counts: Record<string, number>;
}

/** Deletes `file` and its WAL/SHM side files. */
export function removeDatabase(file: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
}

function migrationFiles(migrationsDir: string): string[] {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(migrationsDir, entry.name, "migration.sql"))
    .filter((file) => fs.existsSync(file))
    .sort();
}

/**
 * A 31-bit hash of the migrations (names and SQL), kept in the file's `user_version` so that
 * `--keep` notices a file generated before the schema changed.
 */
export function migrationsFingerprint(migrationsDir: string): number {
  let hash = 0x811c9dc5;
  for (const file of migrationFiles(migrationsDir)) {
    const text = `${path.basename(path.dirname(file))}\n${fs.readFileSync(file, "utf8")}`;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 1 || 1;
}

/** The fingerprint stored in a generated file (0 when missing or not generated here). */
export function storedFingerprint(file: string): number {
  if (!fs.existsSync(file)) return 0;
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma("user_version", { simple: true }) as number;
  } finally {
    db.close();
  }
}

/**
 * When the file was generated (ms since the epoch; 0 when unknown), so that a PostgreSQL copy
 * can tell whether it holds this generation's rows. Kept in a table outside the app's schema.
 */
export function storedGenerationTime(file: string): number {
  if (!fs.existsSync(file)) return 0;
  const db = new Database(file, { readonly: true });
  try {
    const exists = db
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${GENERATION_TABLE}'`)
      .get();
    if (!exists) return 0;
    const row = db.prepare(`SELECT "generatedAt" AS at FROM "${GENERATION_TABLE}"`).get() as
      { at: number } | undefined;
    return row?.at ?? 0;
  } finally {
    db.close();
  }
}

/** Runs every migration.sql in folder order, as `prisma migrate deploy` would. */
export function applyMigrations(db: Database.Database, migrationsDir: string) {
  const files = migrationFiles(migrationsDir);
  for (const file of files) db.exec(fs.readFileSync(file, "utf8"));
  db.pragma(`user_version = ${migrationsFingerprint(migrationsDir)}`);
  return files.length;
}

/** Spreads `total` over `n` integers in [min, max] starting from `initial`, exactly. */
function adjustToTotal(
  values: Uint8Array | Int32Array,
  indices: readonly number[] | Int32Array,
  total: number,
  bounds: (index: number) => [number, number],
  random: ReturnType<typeof prng>,
) {
  let sum = 0;
  for (const i of indices) sum += values[i]!;
  let guard = 0;
  while (sum !== total) {
    if (++guard > 100_000_000) throw new Error(`cannot reach total ${total} (at ${sum})`);
    const i = indices[Math.floor(random.next() * indices.length)]!;
    const [min, max] = bounds(i);
    if (sum < total && values[i]! < max) {
      values[i]!++;
      sum++;
    } else if (sum > total && values[i]! > min) {
      values[i]!--;
      sum--;
    }
  }
}

export function generateOrganisation(
  file: string,
  migrationsDir: string,
  now: number,
  seed = 20261128,
): GenerationResult {
  const started = performance.now();
  const random = prng(seed);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  removeDatabase(file);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144"); // 256 MB while generating
  db.pragma("temp_store = MEMORY");
  applyMigrations(db, migrationsDir);
  db.exec(`CREATE TABLE "${GENERATION_TABLE}" ("generatedAt" INTEGER NOT NULL)`);
  db.prepare(`INSERT INTO "${GENERATION_TABLE}" VALUES (?)`).run(now);
  // Rows are consistent by construction; checking each foreign key would only cost time.
  db.pragma("foreign_keys = OFF");
  const stamp = isoDate(now - 400 * DAY);

  // Departments: 10 top level, 40 below them, 100 leaves below those.
  interface Dept {
    id: string;
    parent: number | null;
    level: number;
    name: string;
  }
  const departments: Dept[] = [];
  for (let i = 0; i < SIZES.topDepartments; i++) {
    departments.push({
      id: `d${pad(departments.length + 1, 3)}`,
      parent: null,
      level: 0,
      name: AREAS[i]!,
    });
  }
  for (let i = 0; i < SIZES.secondLevelDepartments; i++) {
    const parent = i % SIZES.topDepartments;
    const name = `${departments[parent]!.name} / ${UNITS[Math.floor(i / SIZES.topDepartments)]}`;
    departments.push({ id: `d${pad(departments.length + 1, 3)}`, parent, level: 1, name });
  }
  for (let i = 0; departments.length < SIZES.departments; i++) {
    const parent = SIZES.topDepartments + (i % SIZES.secondLevelDepartments);
    const name = `${departments[parent]!.name} / ${TEAMS[Math.floor(i / SIZES.secondLevelDepartments)]}`;
    departments.push({ id: `d${pad(departments.length + 1, 3)}`, parent, level: 2, name });
  }
  const insertDepartment = db.prepare(
    `INSERT INTO "Department" ("id","name","code","parentId","createdAt","updatedAt") VALUES (?,?,?,?,?,?)`,
  );
  db.transaction(() => {
    departments.forEach((d, i) =>
      insertDepartment.run(
        d.id,
        d.name,
        `D${pad(i + 1, 3)}`,
        d.parent === null ? null : departments[d.parent]!.id,
        stamp,
        stamp,
      ),
    );
  })();

  // Users: leaves hold most people; top-level departments a small head office each.
  const weights = departments.map((d) => [0.25, 0.5, 1][d.level]! * (0.4 + 1.2 * random.next()));
  const cumulative: number[] = [];
  weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
  const totalWeight = cumulative[cumulative.length - 1]!;
  const pickDepartment = () => {
    const x = random.next() * totalWeight;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const userDept = new Int32Array(SIZES.users);
  const userActive = new Uint8Array(SIZES.users);
  const userRole: string[] = [];
  const insertUser = db.prepare(
    `INSERT INTO "User" ("id","email","name","passwordHash","role","departmentId","jobTitle","hireDate",
      "active","preferredLanguage","mustChangePassword","createdAt","updatedAt")
     VALUES (?,?,?,NULL,?,?,?,?,?,NULL,0,?,?)`,
  );
  const userId = (i: number) => `u${pad(i + 1, 5)}`;
  db.transaction(() => {
    for (let i = 0; i < SIZES.users; i++) {
      // u00001 is the HR viewer, u00002 the manager of the first top-level department.
      const dept = i === 1 ? 0 : pickDepartment();
      const r = random.next();
      const role =
        i === 0
          ? "HR"
          : i === 1
            ? "MANAGER"
            : r < 0.04
              ? "MANAGER"
              : r < 0.05
                ? "HR"
                : r < 0.07
                  ? "TRAINER"
                  : "EMPLOYEE";
      const active = i < 2 || random.next() >= 0.02 ? 1 : 0;
      userDept[i] = dept;
      userActive[i] = active;
      userRole.push(role);
      const email =
        i === 0 ? HR_EMAIL : i === 1 ? MANAGER_EMAIL : `user${pad(i + 1, 5)}@bench.test`;
      const name =
        i === 0
          ? "Bench HR"
          : i === 1
            ? "Bench Manager"
            : `${random.pick(FIRST)} ${random.pick(LAST)}`;
      insertUser.run(
        userId(i),
        email,
        name,
        role,
        departments[dept]!.id,
        random.pick(JOB_TITLES),
        isoDate(now - random.int(30, 3650) * DAY),
        active,
        stamp,
        stamp,
      );
    }
  })();

  // Department managers: the bench manager for d001, and one MANAGER per department where one works.
  const managerRows: [string, string][] = [[userId(1), departments[0]!.id]];
  const managed = new Set<number>([0]);
  for (let i = 2; i < SIZES.users; i++) {
    if (userRole[i] === "MANAGER" && !managed.has(userDept[i]!)) {
      managed.add(userDept[i]!);
      managerRows.push([userId(i), departments[userDept[i]!]!.id]);
    }
  }
  const insertManager = db.prepare(
    `INSERT INTO "DepartmentManager" ("userId","departmentId","createdAt") VALUES (?,?,?)`,
  );
  db.transaction(() => managerRows.forEach(([u, d]) => insertManager.run(u, d, stamp)))();

  // Courses, each published once; owners are trainers and HR people.
  const owners = userRole.flatMap((role, i) => (role === "TRAINER" || role === "HR" ? [i] : []));
  const lessonCount = new Uint8Array(SIZES.courses);
  const courseId = (c: number) => `c${pad(c + 1, 3)}`;
  const versionId = (c: number) => `cv${pad(c + 1, 3)}`;
  const insertCourse = db.prepare(
    `INSERT INTO "Course" ("id","title","summary","category","estimatedMinutes","ownerId","status",
      "latestVersion","createdAt","updatedAt") VALUES (?,?,?,?,?,?,'PUBLISHED',1,?,?)`,
  );
  const insertVersion = db.prepare(
    `INSERT INTO "CourseVersion" ("id","courseId","number","snapshot","changes","publishedById",
      "publishedAt","lessonCount") VALUES (?,?,1,?,?,?,?,?)`,
  );
  db.transaction(() => {
    for (let c = 0; c < SIZES.courses; c++) {
      const title = `${COURSE_PREFIX[c % COURSE_PREFIX.length]} ${COURSE_TOPICS[Math.floor(c / COURSE_PREFIX.length) % COURSE_TOPICS.length]} ${Math.floor(c / 100) + 1}`;
      const category = CATEGORIES[c % CATEGORIES.length]!;
      const lessons = random.int(MIN_LESSONS, MAX_LESSONS);
      lessonCount[c] = lessons;
      const owner = userId(random.pick(owners));
      const snapshot: CourseSnapshot = {
        course: {
          title,
          summary: "",
          category,
          estimatedMinutes: 30,
          tags: [],
          coverColor: "teal",
          coverIcon: "📘",
        },
        quiz: {
          passMark: 70,
          attemptsAllowed: null,
          timeLimitMinutes: null,
          drawCount: 0,
          shuffleOptions: true,
        },
        lessons: Array.from({ length: lessons }, (_, n) => ({
          id: `${versionId(c)}-l${n + 1}`,
          title: `Lesson ${n + 1}`,
          body: "",
          videoUrl: "",
          attachmentUrl: "",
        })),
        questions: [],
      };
      // What compareSnapshots gives a first version: everything is added.
      const changes: VersionChanges = {
        lessonsAdded: lessons,
        lessonsRemoved: 0,
        lessonsEdited: 0,
        questionsAdded: 0,
        questionsRemoved: 0,
        questionsEdited: 0,
        detailsChanged: true,
      };
      insertCourse.run(courseId(c), title, "", category, 30, owner, stamp, stamp);
      insertVersion.run(
        versionId(c),
        courseId(c),
        JSON.stringify(snapshot),
        JSON.stringify(changes),
        owner,
        stamp,
        lessons,
      );
    }
  })();

  // Each department takes 20–40 courses; each person ~15 of their department's (exactly 300k).
  const departmentCourses = departments.map(() => {
    const all = Array.from({ length: SIZES.courses }, (_, c) => c);
    const size = random.int(20, 40);
    for (let i = 0; i < size; i++) {
      const j = i + Math.floor(random.next() * (all.length - i));
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    return all.slice(0, size);
  });
  const perUser = new Uint8Array(SIZES.users);
  for (let u = 0; u < SIZES.users; u++) perUser[u] = random.int(10, 20);
  adjustToTotal(
    perUser,
    Array.from({ length: SIZES.users }, (_, u) => u),
    SIZES.enrolments,
    (u) => [5, Math.min(25, departmentCourses[userDept[u]!]!.length)],
    random,
  );

  const n = SIZES.enrolments;
  const eUser = new Int32Array(n);
  const eCourse = new Int16Array(n);
  const eStatus = new Uint8Array(n); // 0 NOT_STARTED, 1 IN_PROGRESS, 2 COMPLETED
  const eAssigned = new Float64Array(n);
  const eDue = new Float64Array(n);
  const eStarted = new Float64Array(n);
  const eCompleted = new Float64Array(n);
  const eProgress = new Uint8Array(n);
  const eAttempts = new Uint8Array(n);
  let e = 0;
  for (let u = 0; u < SIZES.users; u++) {
    const pool = departmentCourses[userDept[u]!]!.slice();
    for (let k = 0; k < perUser[u]!; k++, e++) {
      const j = k + Math.floor(random.next() * (pool.length - k));
      [pool[k], pool[j]] = [pool[j]!, pool[k]!];
      const course = pool[k]!;
      const r = random.next();
      const status = r < 0.45 ? 2 : r < 0.65 ? 1 : 0;
      // Open enrolments lean recent, so about 60% of them are past due rather than nearly all.
      const u1 = random.next();
      const age = Math.max(HOUR, (status === 2 ? u1 : u1 * u1) * 365 * DAY);
      const assigned = now - age;
      const due = assigned + random.int(30, 90) * DAY;
      eUser[e] = u;
      eCourse[e] = course;
      eStatus[e] = status;
      eAssigned[e] = assigned;
      eDue[e] = due;
      const lessons = lessonCount[course]!;
      if (status === 0) continue;
      const start = assigned + random.next() * Math.min(age * 0.3, 20 * DAY);
      eStarted[e] = start;
      if (status === 2) {
        // Up to 100 days after starting (never in the future): some finish after the due date.
        eCompleted[e] = start + random.next() * Math.min(now - start, 100 * DAY);
        eProgress[e] = lessons;
        eAttempts[e] = random.int(1, 4);
      } else {
        eProgress[e] = random.int(1, lessons - 1);
        eAttempts[e] = random.int(0, 3);
      }
    }
  }

  // Exactly 2M lesson rows and 500k attempts: only in-progress enrolments flex.
  const inProgress: number[] = [];
  const begun: number[] = [];
  for (let i = 0; i < n; i++) {
    if (eStatus[i] === 1) inProgress.push(i);
    if (eStatus[i] !== 0) begun.push(i);
  }
  let fixedProgress = 0;
  for (let i = 0; i < n; i++) if (eStatus[i] === 2) fixedProgress += eProgress[i]!;
  adjustToTotal(
    eProgress,
    inProgress,
    SIZES.lessonProgress - fixedProgress,
    (i) => [0, lessonCount[eCourse[i]!]! - 1],
    random,
  );
  adjustToTotal(
    eAttempts,
    begun,
    SIZES.quizAttempts,
    (i) => [eStatus[i] === 2 ? 1 : 0, MAX_ATTEMPTS],
    random,
  );

  const insertEnrolment = db.prepare(
    `INSERT INTO "Enrolment" ("id","userId","courseId","versionId","status","departmentId","openKey",
      "selfEnrolled","assignedAt","dueAt","startedAt","completedAt","expiresAt","withdrawnAt",
      "recurrenceMonths","bestScore","previousEnrolmentId","renewedAt")
     VALUES (?,?,?,?,?,?,?,0,?,?,?,?,NULL,NULL,NULL,?,NULL,NULL)`,
  );
  const insertProgress = db.prepare(
    `INSERT INTO "LessonProgress" ("enrolmentId","lessonId","completedAt") VALUES (?,?,?)`,
  );
  const insertAttempt = db.prepare(
    `INSERT INTO "QuizAttempt" ("id","enrolmentId","number","questions","startedAt","deadlineAt",
      "submittedAt","answers","results","score","passed") VALUES (?,?,?,'[]',?,NULL,?,?,?,?,?)`,
  );
  const STATUS = ["NOT_STARTED", "IN_PROGRESS", "COMPLETED"];
  let attemptNo = 0;
  let progressRows = 0;
  const writeChunk = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = `e${pad(i + 1, 6)}`;
      const u = eUser[i]!;
      const c = eCourse[i]!;
      const status = eStatus[i]!;
      const start = eStarted[i]!;
      const end = status === 2 ? eCompleted[i]! : now;
      // Attempts: the last one of a completion carries the best score; earlier ones scored less.
      let best: number | null = status === 2 ? random.int(50, 100) : null;
      const attempts = eAttempts[i]!;
      for (let a = 1; a <= attempts; a++) {
        const at = start + ((end - start) * a) / (attempts + 1);
        const submitted = status === 2 || a < attempts || random.next() < 0.7;
        let score: number | null = null;
        if (submitted) {
          score =
            status === 2 && a === attempts ? best! : random.int(30, status === 2 ? best! : 95);
          if (status === 1) best = Math.max(best ?? 0, score);
        }
        insertAttempt.run(
          `a${pad(++attemptNo, 7)}`,
          id,
          a,
          isoDate(at),
          submitted ? isoDate(Math.min(at + 20 * 60_000, end)) : null,
          // No questions drawn: no answers (an object by question id), no results.
          submitted ? "{}" : null,
          submitted ? "[]" : null,
          score,
          submitted ? (score! >= 70 ? 1 : 0) : null,
        );
      }
      const lessons = eProgress[i]!;
      for (let l = 1; l <= lessons; l++) {
        insertProgress.run(
          id,
          `${versionId(c)}-l${l}`,
          isoDate(start + ((end - start) * l) / (lessons + 1)),
        );
      }
      progressRows += lessons;
      insertEnrolment.run(
        id,
        userId(u),
        courseId(c),
        versionId(c),
        STATUS[status],
        departments[userDept[u]!]!.id,
        status === 2 ? null : `${userId(u)}:${courseId(c)}`,
        isoDate(eAssigned[i]!),
        isoDate(eDue[i]!),
        status === 0 ? null : isoDate(start),
        status === 2 ? isoDate(eCompleted[i]!) : null,
        best,
      );
    }
  });
  for (let from = 0; from < n; from += CHUNK) writeChunk(from, Math.min(n, from + CHUNK));

  db.pragma("wal_checkpoint(TRUNCATE)");
  const count = (table: string) =>
    (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  const counts = Object.fromEntries(
    [
      "Department",
      "User",
      "DepartmentManager",
      "Course",
      "CourseVersion",
      "Enrolment",
      "LessonProgress",
      "QuizAttempt",
    ].map((table) => [table, count(table)]),
  );
  db.close();
  if (progressRows !== SIZES.lessonProgress) throw new Error(`lesson rows ${progressRows}`);
  return { ms: performance.now() - started, counts };
}
