// The demo's process maps (issue 17 item 6): the customer-satisfaction programme's three
// customer-facing processes, each as it runs today and as the programme redesigns it — steps
// removed, automated and run in parallel, linked to the demo courses that train them. Written
// in one transaction of a few bulk statements; only when there are no processes yet.
import { getDb } from "~/lib/db.server";
import { searchPublishedCourses } from "~/modules/courses/index.server";
import { initiativeChoices } from "~/modules/initiatives/index.server";
import { departmentNames } from "~/modules/org/index.server";

const DEMO_INITIATIVE = "Customer satisfaction programme";
const COURSES = {
  complaints: "Complaint handling: the new five-step process",
  response: "Response-time standards",
  crm: "The new CRM system",
  feedback: "Customer feedback and loyalty basics",
} as const;
type CourseKey = keyof typeof COURSES;

interface DemoStep {
  name: string;
  ownerRole: string;
  tool: string;
  minutes: number;
  errorRate: number;
  automated?: boolean;
  parallel?: boolean;
  course?: CourseKey;
}
/** A to-be step: `from` names the as-is step (by position) it was copied from, if any. */
type DemoToBeStep = DemoStep & { from?: number };

interface DemoProcess {
  name: string;
  department: string;
  outcome: string;
  asIs: DemoStep[];
  toBe: DemoToBeStep[];
}

const PROCESSES: DemoProcess[] = [
  {
    name: "Complaint handling",
    department: "Complaints",
    outcome: "Every complaint resolved within two working days, the customer kept informed.",
    asIs: [
      {
        name: "Receive complaint by e-mail or phone",
        ownerRole: "Agent",
        tool: "E-mail",
        minutes: 6,
        errorRate: 5,
      },
      {
        name: "Log complaint in spreadsheet",
        ownerRole: "Agent",
        tool: "Spreadsheet",
        minutes: 8,
        errorRate: 12,
      },
      {
        name: "Look up customer and order",
        ownerRole: "Agent",
        tool: "Order system",
        minutes: 7,
        errorRate: 6,
      },
      {
        name: "Classify and prioritise",
        ownerRole: "Team lead",
        tool: "Spreadsheet",
        minutes: 10,
        errorRate: 10,
      },
      {
        name: "Forward to a specialist",
        ownerRole: "Team lead",
        tool: "E-mail",
        minutes: 5,
        errorRate: 8,
      },
      {
        name: "Investigate the cause",
        ownerRole: "Specialist",
        tool: "Order system",
        minutes: 45,
        errorRate: 15,
      },
      {
        name: "Agree the remedy with a supervisor",
        ownerRole: "Supervisor",
        tool: "Phone",
        minutes: 20,
        errorRate: 5,
      },
      {
        name: "Reply to the customer",
        ownerRole: "Specialist",
        tool: "E-mail",
        minutes: 15,
        errorRate: 8,
      },
      {
        name: "Close and file",
        ownerRole: "Agent",
        tool: "Spreadsheet",
        minutes: 5,
        errorRate: 10,
      },
    ],
    toBe: [
      {
        from: 0,
        name: "Case opened from e-mail or phone",
        ownerRole: "CRM",
        tool: "CRM",
        minutes: 1,
        errorRate: 1,
        automated: true,
      },
      {
        from: 2,
        name: "Customer and order shown on the case",
        ownerRole: "CRM",
        tool: "CRM",
        minutes: 1,
        errorRate: 1,
        automated: true,
      },
      {
        from: 3,
        name: "Classify and prioritise",
        ownerRole: "Specialist",
        tool: "CRM",
        minutes: 5,
        errorRate: 4,
        course: "complaints",
      },
      {
        from: 5,
        name: "Investigate the cause",
        ownerRole: "Specialist",
        tool: "CRM",
        minutes: 35,
        errorRate: 8,
        course: "complaints",
      },
      {
        name: "Acknowledge the customer within an hour",
        ownerRole: "CRM",
        tool: "CRM",
        minutes: 1,
        errorRate: 1,
        automated: true,
        parallel: true,
      },
      {
        from: 7,
        name: "Reply with the remedy",
        ownerRole: "Specialist",
        tool: "CRM",
        minutes: 12,
        errorRate: 4,
        course: "complaints",
      },
      {
        from: 8,
        name: "Close the case and send the satisfaction survey",
        ownerRole: "CRM",
        tool: "CRM",
        minutes: 1,
        errorRate: 1,
        automated: true,
        course: "feedback",
      },
    ],
  },
  {
    name: "Order enquiry",
    department: "Call Centre",
    outcome: "A customer asking where their order is gets the answer in the first call.",
    asIs: [
      {
        name: "Answer the call",
        ownerRole: "Call agent",
        tool: "Phone",
        minutes: 2,
        errorRate: 2,
        course: "response",
      },
      { name: "Verify identity", ownerRole: "Call agent", tool: "Phone", minutes: 3, errorRate: 4 },
      {
        name: "Search the order",
        ownerRole: "Call agent",
        tool: "Order system",
        minutes: 6,
        errorRate: 8,
      },
      {
        name: "Ask the warehouse by e-mail",
        ownerRole: "Call agent",
        tool: "E-mail",
        minutes: 20,
        errorRate: 10,
      },
      {
        name: "Check carrier tracking",
        ownerRole: "Call agent",
        tool: "Carrier portal",
        minutes: 5,
        errorRate: 6,
      },
      {
        name: "Give the status to the customer",
        ownerRole: "Call agent",
        tool: "Phone",
        minutes: 4,
        errorRate: 5,
      },
      {
        name: "Write call notes",
        ownerRole: "Call agent",
        tool: "Spreadsheet",
        minutes: 4,
        errorRate: 12,
      },
      {
        name: "Send a follow-up e-mail",
        ownerRole: "Call agent",
        tool: "E-mail",
        minutes: 5,
        errorRate: 6,
      },
    ],
    toBe: [
      {
        from: 0,
        name: "Answer the call",
        ownerRole: "Call agent",
        tool: "Phone",
        minutes: 2,
        errorRate: 2,
        course: "response",
      },
      {
        from: 1,
        name: "Verify identity",
        ownerRole: "Phone menu",
        tool: "Phone menu",
        minutes: 1,
        errorRate: 1,
        automated: true,
      },
      {
        from: 2,
        name: "Open the order in the customer view",
        ownerRole: "Call agent",
        tool: "CRM",
        minutes: 2,
        errorRate: 3,
        course: "crm",
      },
      {
        from: 3,
        name: "Warehouse status shown on the order",
        ownerRole: "CRM",
        tool: "CRM",
        minutes: 1,
        errorRate: 2,
        automated: true,
      },
      {
        from: 4,
        name: "Carrier tracking shown on the order",
        ownerRole: "CRM",
        tool: "CRM",
        minutes: 1,
        errorRate: 2,
        automated: true,
        parallel: true,
      },
      {
        from: 5,
        name: "Give the status to the customer",
        ownerRole: "Call agent",
        tool: "Phone",
        minutes: 4,
        errorRate: 3,
        course: "response",
      },
      {
        from: 7,
        name: "Follow-up e-mail sent",
        ownerRole: "CRM",
        tool: "CRM",
        minutes: 1,
        errorRate: 1,
        automated: true,
      },
    ],
  },
  {
    name: "Returns",
    department: "Customer Service",
    outcome: "Refunds within five days of the parcel arriving, without the customer chasing.",
    asIs: [
      {
        name: "Customer asks for a return by e-mail",
        ownerRole: "Agent",
        tool: "E-mail",
        minutes: 5,
        errorRate: 6,
      },
      {
        name: "Check return eligibility",
        ownerRole: "Agent",
        tool: "Order system",
        minutes: 8,
        errorRate: 10,
      },
      {
        name: "Approve the return",
        ownerRole: "Team lead",
        tool: "E-mail",
        minutes: 15,
        errorRate: 5,
      },
      {
        name: "Send the return label",
        ownerRole: "Agent",
        tool: "E-mail",
        minutes: 5,
        errorRate: 8,
      },
      {
        name: "Receive the parcel",
        ownerRole: "Warehouse clerk",
        tool: "Warehouse system",
        minutes: 10,
        errorRate: 4,
      },
      {
        name: "Inspect the item",
        ownerRole: "Warehouse clerk",
        tool: "",
        minutes: 12,
        errorRate: 6,
      },
      {
        name: "Refund the customer",
        ownerRole: "Finance clerk",
        tool: "Finance system",
        minutes: 10,
        errorRate: 7,
      },
      { name: "Tell the customer", ownerRole: "Agent", tool: "E-mail", minutes: 5, errorRate: 5 },
    ],
    toBe: [
      {
        from: 0,
        name: "Return requested in the self-service portal",
        ownerRole: "Portal",
        tool: "Portal",
        minutes: 1,
        errorRate: 1,
        automated: true,
      },
      {
        from: 1,
        name: "Eligibility checked by the rules",
        ownerRole: "Portal",
        tool: "Portal",
        minutes: 1,
        errorRate: 2,
        automated: true,
      },
      {
        from: 3,
        name: "Return label e-mailed",
        ownerRole: "Portal",
        tool: "Portal",
        minutes: 1,
        errorRate: 1,
        automated: true,
      },
      {
        name: "Offer an exchange instead of a refund",
        ownerRole: "Agent",
        tool: "CRM",
        minutes: 4,
        errorRate: 5,
        parallel: true,
      },
      {
        from: 4,
        name: "Receive the parcel",
        ownerRole: "Warehouse clerk",
        tool: "Warehouse system",
        minutes: 10,
        errorRate: 4,
      },
      {
        from: 5,
        name: "Inspect the item",
        ownerRole: "Warehouse clerk",
        tool: "",
        minutes: 12,
        errorRate: 6,
      },
      {
        from: 6,
        name: "Refund the customer",
        ownerRole: "Finance clerk",
        tool: "Finance system",
        minutes: 6,
        errorRate: 3,
      },
      {
        from: 7,
        name: "Refund confirmation e-mailed",
        ownerRole: "CRM",
        tool: "CRM",
        minutes: 1,
        errorRate: 1,
        automated: true,
        parallel: true,
        course: "feedback",
      },
    ],
  },
];

const stepData = (step: DemoStep, courseIds: Map<string, string>, position: number) => ({
  position,
  name: step.name,
  ownerRole: step.ownerRole,
  tool: step.tool,
  minutes: step.minutes,
  errorRate: step.errorRate,
  automated: step.automated ?? false,
  parallelWithPrevious: position > 0 && (step.parallel ?? false),
  courseId: step.course ? (courseIds.get(COURSES[step.course]) ?? null) : null,
});

export async function seedDemoProcesses(hrId: string): Promise<boolean> {
  const db = getDb();
  if ((await db.process.count()) > 0) return false;
  const initiative = (await initiativeChoices()).find((i) => i.name === DEMO_INITIATIVE);
  if (!initiative) return false;
  const [departments, courses] = await Promise.all([
    departmentNames(),
    // The demo has fewer published courses than one picker page.
    searchPublishedCourses("", 1),
  ]);
  const departmentOf = new Map(departments.map((d) => [d.name, d.id]));
  const courseIds = new Map(courses.options.map((o) => [o.label, o.value]));
  const wanted = PROCESSES.filter((p) => departmentOf.has(p.department));
  if (wanted.length === 0) return false;
  await db.$transaction(async (tx) => {
    const processes = await tx.process.createManyAndReturn({
      data: wanted.map((p) => ({
        initiativeId: initiative.id,
        departmentId: departmentOf.get(p.department)!,
        name: p.name,
        outcome: p.outcome,
        createdById: hrId,
      })),
      select: { id: true, name: true },
    });
    const processOf = new Map(processes.map((p) => [p.name, p.id]));
    const asIs = await tx.processStep.createManyAndReturn({
      data: wanted.flatMap((p) =>
        p.asIs.map((step, position) => ({
          ...stepData(step, courseIds, position),
          processId: processOf.get(p.name)!,
          version: "AS_IS" as const,
        })),
      ),
      select: { id: true, processId: true, position: true },
    });
    const asIsId = new Map(asIs.map((s) => [`${s.processId}:${s.position}`, s.id]));
    await tx.processStep.createMany({
      data: wanted.flatMap((p) => {
        const processId = processOf.get(p.name)!;
        return p.toBe.map((step, position) => ({
          ...stepData(step, courseIds, position),
          processId,
          version: "TO_BE" as const,
          sourceStepId: step.from === undefined ? null : asIsId.get(`${processId}:${step.from}`)!,
        }));
      }),
    });
  });
  return true;
}
