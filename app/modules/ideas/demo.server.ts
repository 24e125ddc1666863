import { getDb } from "~/lib/db.server";
import { isRole, type Principal } from "~/lib/permissions";
import { addComment } from "./comments.server";
import { createIdea } from "./submit.server";
import { vote } from "./votes.server";
import { assignOwner, changeStatus, mergeIdea } from "./workflow.server";
import type { IdeaStatus } from "./schemas";
import { DAY_MS } from "~/lib/dates";

type Category = "PROCESS_STEP" | "TOOL" | "CUSTOMER_EXPERIENCE" | "OTHER";

interface DemoIdea {
  title: string;
  problem: string;
  proposal: string;
  category: Category;
  department: string; // department code
  status: IdeaStatus;
  reason?: string;
  votes: number;
  daysAgo: number;
  anonymous?: boolean;
  hours?: number;
  effect?: "NONE" | "LOW" | "MEDIUM" | "HIGH";
  comments?: string[];
  /** A demo account as author (its bell fills as the idea moves on). */
  author?: string;
}

// The customer-satisfaction programme's themes: response time, complaint handling, the CRM.
const IDEAS: DemoIdea[] = [
  {
    title: "Callback slots instead of hold music at peak hours",
    problem: "Between 9 and 11 customers wait on hold for up to **14 minutes** and many hang up.",
    proposal:
      "Offer a callback slot when the queue passes 5 minutes; the CRM books it for the next free agent.",
    category: "CUSTOMER_EXPERIENCE",
    department: "CC",
    status: "ACCEPTED",
    votes: 24,
    daysAgo: 40,
    hours: 60,
    effect: "HIGH",
    comments: [
      "We tried this at my previous job; abandoned calls halved.",
      "Needs the telephony integration first.",
    ],
  },
  {
    title: "One complaint number across e-mail, phone and chat",
    problem: "A complaint raised by phone and followed up by e-mail becomes two cases.",
    proposal: "Give every complaint one reference that all channels show and accept.",
    category: "PROCESS_STEP",
    department: "CMP",
    status: "IMPLEMENTED",
    votes: 19,
    daysAgo: 120,
    hours: 35,
    effect: "HIGH",
    comments: ["Live since last month, duplicates are gone."],
  },
  {
    title: "Show the customer's open complaints on the CRM home screen",
    problem: "Agents ask customers to repeat complaints we already logged.",
    proposal: "Add an 'open complaints' panel to the CRM customer page.",
    category: "TOOL",
    department: "CC",
    status: "UNDER_REVIEW",
    votes: 17,
    daysAgo: 12,
    hours: 40,
    effect: "HIGH",
    comments: ["Yes please, this would save every call a minute."],
  },
  {
    title: "First reply to complaints within 4 working hours",
    problem: "Our first reply takes 2 days on average; customers escalate before we answer.",
    proposal:
      "Send an acknowledgement with a named owner within 4 working hours, tracked on the team board.",
    category: "PROCESS_STEP",
    department: "CMP",
    status: "ACCEPTED",
    votes: 15,
    daysAgo: 30,
    effect: "HIGH",
  },
  {
    title: "Template library for the five most common complaint replies",
    problem: "Everyone writes the same replies from scratch, with different promises.",
    proposal: "Agree five reviewed templates and put them in the CRM.",
    category: "TOOL",
    department: "CMP",
    status: "IMPLEMENTED",
    votes: 12,
    daysAgo: 150,
    hours: 25,
    effect: "MEDIUM",
  },
  {
    title: "Route VIP customers straight to senior agents",
    problem: "Key accounts wait in the same queue as everyone else.",
    proposal: "Flag key accounts in the CRM and route them to the senior queue.",
    category: "PROCESS_STEP",
    department: "CC",
    status: "DECLINED",
    reason: "Conflicts with the equal-service policy; revisit with the account management review.",
    votes: 6,
    daysAgo: 90,
  },
  {
    title: "Daily 10-minute huddle on yesterday's complaints",
    problem: "Lessons from complaints stay with the agent who handled them.",
    proposal: "A short daily huddle per team to go through yesterday's three hardest cases.",
    category: "PROCESS_STEP",
    department: "CS",
    status: "UNDER_REVIEW",
    votes: 11,
    daysAgo: 8,
    effect: "MEDIUM",
    comments: ["Could we do it twice a week instead?", "Daily is fine if it stays at 10 minutes."],
  },
  {
    title: "Single sign-on for the CRM and the telephony app",
    problem: "Agents log in three times every morning and after every timeout.",
    proposal: "Connect the CRM and the softphone to the company sign-in.",
    category: "TOOL",
    department: "IT",
    status: "ACCEPTED",
    votes: 21,
    daysAgo: 25,
    hours: 80,
    effect: "LOW",
    comments: ["IT can do this in the next release window."],
  },
  {
    title: "Auto-fill customer details from the caller's number",
    problem: "Agents type the customer number while the customer waits.",
    proposal: "Look the caller up in the CRM and open their page when the call connects.",
    category: "TOOL",
    department: "IT",
    status: "SUBMITTED",
    votes: 14,
    daysAgo: 3,
    hours: 50,
    effect: "MEDIUM",
  },
  {
    title: "Pop up the customer record when a call arrives",
    problem: "Opening the customer record takes several clicks after answering.",
    proposal: "The softphone should open the CRM record automatically.",
    category: "TOOL",
    department: "CC",
    status: "DUPLICATE",
    votes: 5,
    daysAgo: 5,
  },
  {
    title: "Publish our response-time figures on the intranet weekly",
    problem: "Teams do not know how they are doing against the new standards.",
    proposal: "A weekly chart per team: first response time and resolution time.",
    category: "OTHER",
    department: "CS",
    status: "SUBMITTED",
    votes: 9,
    daysAgo: 2,
    effect: "LOW",
  },
  {
    title: "Let customers choose e-mail or SMS for updates",
    problem: "Customers miss updates because we only e-mail.",
    proposal: "Ask for the preferred channel when the case opens and store it in the CRM.",
    category: "CUSTOMER_EXPERIENCE",
    department: "CS",
    status: "SUBMITTED",
    votes: 7,
    daysAgo: 6,
    effect: "MEDIUM",
  },
  {
    title: "Shorter after-call forms",
    problem: "The after-call form has 18 fields, most of them optional and unused.",
    proposal: "Cut it to the 6 fields reports actually use.",
    category: "PROCESS_STEP",
    department: "CC",
    status: "UNDER_REVIEW",
    votes: 13,
    daysAgo: 15,
    hours: 30,
    anonymous: true,
    comments: ["Agreed, half the fields are copied from the call notes anyway."],
  },
  {
    title: "Spare headsets at the team lead's desk",
    problem: "A broken headset means an agent is off the phone for half a day.",
    proposal: "Keep two spare headsets per team.",
    category: "OTHER",
    department: "CC",
    status: "IMPLEMENTED",
    votes: 8,
    daysAgo: 60,
  },
  {
    title: "Escalation matrix printed next to every desk",
    problem: "New agents do not know who to escalate to.",
    proposal: "A one-page matrix: issue type → who → how fast.",
    category: "PROCESS_STEP",
    department: "CMP",
    status: "SUBMITTED",
    votes: 4,
    daysAgo: 1,
  },
  {
    title: "Quarterly customer panel",
    problem: "We redesign processes without hearing customers directly.",
    proposal: "Invite 8 customers each quarter to test changes before roll-out.",
    category: "CUSTOMER_EXPERIENCE",
    department: "SALES",
    status: "UNDER_REVIEW",
    votes: 10,
    daysAgo: 20,
    effect: "HIGH",
  },
  {
    title: "Sales and service share the same customer notes",
    problem: "Sales promises things service never hears about.",
    proposal: "Use the CRM notes field for both teams, with a 'promise' tag.",
    category: "TOOL",
    department: "SALES",
    status: "ACCEPTED",
    votes: 16,
    daysAgo: 35,
    effect: "HIGH",
  },
  {
    title: "Stop asking for the order number twice",
    problem: "The IVR asks for the order number and then the agent asks again.",
    proposal: "Pass the IVR input to the agent's screen.",
    category: "TOOL",
    department: "CC",
    status: "SUBMITTED",
    votes: 12,
    daysAgo: 4,
    hours: 20,
    effect: "MEDIUM",
  },
  {
    title: "A quiet room for difficult calls",
    problem: "Difficult calls in an open office are stressful for everyone.",
    proposal: "Book the small meeting room as a quiet room during opening hours.",
    category: "OTHER",
    department: "CC",
    status: "DECLINED",
    reason: "No room available this year; the new floor plan includes one.",
    votes: 9,
    daysAgo: 70,
    anonymous: true,
  },
  {
    title: "Automatic survey after each closed complaint",
    problem: "We do not know whether customers are satisfied with how complaints end.",
    proposal: "Send a two-question survey when a complaint closes.",
    category: "CUSTOMER_EXPERIENCE",
    department: "CMP",
    status: "ACCEPTED",
    votes: 14,
    daysAgo: 28,
    effect: "HIGH",
  },
  {
    title: "Monthly backup restore drill",
    problem: "We back up the CRM but never test a restore.",
    proposal: "Restore last night's backup to a test server once a month.",
    category: "PROCESS_STEP",
    department: "IT",
    author: "admin@uptake.test",
    status: "IMPLEMENTED",
    votes: 7,
    daysAgo: 100,
  },
  {
    title: "Invoice questions go to finance directly",
    problem: "Service agents forward invoice questions by e-mail and they get lost.",
    proposal: "A CRM queue for invoice questions that finance works from.",
    category: "PROCESS_STEP",
    department: "FIN",
    status: "SUBMITTED",
    votes: 6,
    daysAgo: 9,
  },
  {
    title: "Knowledge base search inside the CRM",
    problem: "The knowledge base is a separate site nobody has time to open mid-call.",
    proposal: "Embed knowledge base search in the CRM side panel.",
    category: "TOOL",
    department: "IT",
    status: "UNDER_REVIEW",
    votes: 18,
    daysAgo: 10,
    hours: 45,
    effect: "MEDIUM",
    comments: ["The knowledge base is often out of date too; an owner per article would help."],
  },
  {
    title: "Warehouse status visible to service agents",
    problem: "Agents call the warehouse to ask where an order is.",
    proposal: "Show the warehouse status of each order in the CRM.",
    category: "TOOL",
    department: "OPS",
    status: "SUBMITTED",
    votes: 10,
    daysAgo: 7,
    hours: 30,
  },
  {
    title: "Buddy system for new call-centre agents",
    problem: "New agents feel alone in their first weeks and some leave.",
    proposal: "Pair every new agent with an experienced buddy for 6 weeks.",
    category: "OTHER",
    department: "HR",
    status: "SUBMITTED",
    votes: 8,
    daysAgo: 11,
  },
  {
    title: "Celebrate the complaint of the month that turned into praise",
    problem: "We only talk about complaints when they go wrong.",
    proposal: "Share one turnaround story each month at the all-hands.",
    category: "OTHER",
    department: "CS",
    status: "SUBMITTED",
    votes: 5,
    daysAgo: 13,
  },
];

async function principalByEmail(email: string): Promise<Principal | null> {
  const user = await getDb().user.findUnique({ where: { email } });
  if (!user || !isRole(user.role)) return null;
  return { id: user.id, role: user.role, scopeDepartmentIds: [] };
}

const PATH: Partial<Record<IdeaStatus, IdeaStatus[]>> = {
  UNDER_REVIEW: ["UNDER_REVIEW"],
  ACCEPTED: ["UNDER_REVIEW", "ACCEPTED"],
  IMPLEMENTED: ["UNDER_REVIEW", "ACCEPTED", "IMPLEMENTED"],
  DECLINED: ["UNDER_REVIEW", "DECLINED"],
};

type StaffMember = { id: string; email: string; role: string; departmentId: string | null };

const asPrincipal = (u: StaffMember): Principal => ({
  id: u.id,
  role: isRole(u.role) ? u.role : "EMPLOYEE",
  scopeDepartmentIds: [],
});

interface SeedContext {
  hr: Principal;
  staff: StaffMember[];
  departmentId: (code: string) => string;
  now: Date;
}

/**
 * Votes from a spread of colleagues, dated over the idea's life (for "trending"): all but
 * the last written at once, the last through vote(), which recounts them all.
 */
async function seedVotes(
  staff: StaffMember[],
  idea: { id: string; authorId: string; index: number; created: Date },
  demo: DemoIdea,
) {
  const db = getDb();
  const votes: { userId: string; createdAt: Date }[] = [];
  for (let k = 0; votes.length < demo.votes && k < staff.length; k++) {
    const voter = staff[(idea.index * 11 + k) % staff.length]!;
    if (voter.id === idea.authorId) continue;
    const at = new Date(
      idea.created.getTime() + ((k * 37) % Math.max(1, demo.daysAgo)) * DAY_MS * 0.9,
    );
    votes.push({ userId: voter.id, createdAt: at });
  }
  const last = votes.pop();
  await db.ideaVote.createMany({ data: votes.map((v) => ({ ideaId: idea.id, ...v })) });
  if (last) {
    await vote(asPrincipal(staff.find((u) => u.id === last.userId)!), idea.id);
    await db.ideaVote.update({
      where: { ideaId_userId: { ideaId: idea.id, userId: last.userId } },
      data: { createdAt: last.createdAt },
    });
  }
}

/** One demo idea with its votes, comments, workflow steps and owner, dated to its story. */
async function seedIdea(context: SeedContext, demo: DemoIdea, index: number) {
  const { hr, staff, now } = context;
  const author =
    staff.find((u) => u.email === demo.author) ?? staff[(index * 7 + 3) % staff.length]!;
  const created = new Date(now.getTime() - demo.daysAgo * DAY_MS);
  // Each step a day after the one before (and never in the future), as the story goes.
  const stepAt = (step: number) =>
    new Date(Math.min(now.getTime(), created.getTime() + (step + 1) * DAY_MS));
  const id = await createIdea(
    asPrincipal(author),
    {
      title: demo.title,
      problem: demo.problem,
      proposal: demo.proposal,
      category: demo.category,
      departmentId: context.departmentId(demo.department),
      hoursSavedPerMonth: demo.hours ?? null,
      costSaving: null,
      satisfactionEffect: demo.effect ?? "",
      anonymous: demo.anonymous ?? false,
    },
    { now: created },
  );
  await seedVotes(staff, { id, authorId: author.id, index, created }, demo);
  for (const [c, body] of (demo.comments ?? []).entries()) {
    const commenter = staff[(index * 13 + c * 17 + 1) % staff.length]!;
    await addComment(asPrincipal(commenter), id, body);
  }
  for (const [step, status] of (PATH[demo.status] ?? []).entries()) {
    const reason = status === "DECLINED" ? (demo.reason ?? "") : "";
    await changeStatus(hr, id, status, reason, stepAt(step));
  }
  if (demo.status === "ACCEPTED" || demo.status === "IMPLEMENTED") {
    const manager = await principalByEmail("manager@uptake.test");
    if (manager) await assignOwner(hr, id, manager.id);
  }
  return id;
}

/** 26 ideas in every status, with votes, comments, two anonymous and one merged duplicate. */
export async function seedDemoIdeas(now = new Date()): Promise<boolean> {
  const db = getDb();
  if ((await db.idea.count()) > 0) return false;
  const hr = await principalByEmail("hr@uptake.test");
  if (!hr) return false;
  const staff = await db.user.findMany({
    where: { active: true },
    orderBy: { email: "asc" },
    select: { id: true, email: true, role: true, departmentId: true },
  });
  const departments = await db.department.findMany({ select: { id: true, code: true } });
  const departmentId = (code: string) => departments.find((d) => d.code === code)?.id ?? "";
  const ids: string[] = [];
  for (const [index, demo] of IDEAS.entries()) {
    ids.push(await seedIdea({ hr, staff, departmentId, now }, demo, index));
  }
  // The pop-up idea duplicates "auto-fill from the caller's number".
  const duplicate = IDEAS.findIndex((idea) => idea.status === "DUPLICATE");
  const original = IDEAS.findIndex((idea) => idea.title.startsWith("Auto-fill customer details"));
  if (duplicate >= 0 && original >= 0) await mergeIdea(hr, ids[duplicate]!, ids[original]!);
  return true;
}
