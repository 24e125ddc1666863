// The demo's incentive board (issue 14, item 8): three months of kudos in both languages,
// company values, a catalogue of 8 rewards, redemptions in every state, HR adjustments and
// the badges people qualify for. Points from the demo's completions and ideas are already in
// the ledger: learning and ideas raised their events as the demo seeded them.
import { randomUUID } from "node:crypto";
import { getDb } from "~/lib/db.server";
import { DAY_MS } from "~/lib/dates";
import { ConflictError, ValidationError } from "~/lib/errors";
import { isRole, type Principal } from "~/lib/permissions";
import { ensureBadgeRules } from "./badges.server";
import { rewardSchema } from "./catalogue-schemas";
import { createReward } from "./catalogue.server";
import { kudosSchema } from "./kudos";
import { addCompanyValue } from "./kudos-settings.server";
import { sendKudos } from "./kudos.server";
import { adjustmentSchema } from "./ledger-admin";
import { adjustPoints } from "./ledger-admin.server";
import { balanceOf } from "./ledger.server";
import {
  approveRedemption,
  cancelRedemption,
  rejectRedemption,
  requestRedemption,
} from "./redemptions.server";

const VALUES = [
  "Customer first · 客户至上",
  "Simplify · 化繁为简",
  "Own it · 主动担当",
  "One team · 团队协作",
  "Learn every day · 每天学习",
];

const MESSAGES = [
  "Thanks for taking my callbacks while I was in the CRM training.",
  "谢谢你耐心地帮我处理那位投诉的客户，学到了很多。",
  "Your notes on the new complaint process saved me an hour today.",
  "感谢你分享新流程的培训笔记！",
  "You turned an angry caller into a happy one. Brilliant.",
  "谢谢你帮我们梳理退货流程的瓶颈。",
  "Thanks for covering the Saturday shift at short notice.",
  "你的改进建议让我们的响应时间缩短了一半，谢谢！",
  "Great walkthrough of the new ticket screens for the team.",
  "感谢你耐心回答我关于新系统的所有问题。",
];

const REWARDS = [
  {
    name: "Extra day off",
    description: "One extra day of paid leave, agreed with your manager.",
    cost: 500,
    stock: "10",
  },
  {
    name: "Lunch with the leadership team",
    description: "Tell them what the floor thinks.",
    cost: 300,
    stock: "6",
  },
  {
    name: "Coffee voucher · 咖啡券",
    description: "A week of coffee at the canteen.",
    cost: 60,
    stock: "",
  },
  {
    name: "Online course of your choice",
    description: "Up to 100 € on a learning platform.",
    cost: 400,
    stock: "20",
  },
  { name: "Team breakfast", description: "Breakfast for your team, on us.", cost: 250, stock: "8" },
  {
    name: "Charity donation · 慈善捐赠",
    description: "We give 20 € to a charity you choose.",
    cost: 100,
    stock: "",
  },
  {
    name: "Noise-cancelling headset",
    description: "For the contact centre floor.",
    cost: 450,
    stock: "5",
  },
  {
    name: "Parking spot for a month",
    description: "The spot by the entrance.",
    cost: 200,
    stock: "2",
  },
];

const principalOf = (user: { id: string; role: string }): Principal | null =>
  isRole(user.role) ? { id: user.id, role: user.role, scopeDepartmentIds: [] } : null;

/** Seeds the incentive board once (when there are no rewards yet). */
export async function seedDemoIncentives(now = new Date()): Promise<boolean> {
  const db = getDb();
  if ((await db.reward.count()) > 0) return false;
  const hrUser = await db.user.findUnique({ where: { email: "hr@uptake.test" } });
  const hr = hrUser && principalOf(hrUser);
  if (!hr) return false;
  const staff = (
    await db.user.findMany({
      where: { active: true },
      orderBy: { email: "asc" },
      select: { id: true, email: true, role: true },
    })
  ).flatMap((user) => {
    const principal = principalOf(user);
    return principal ? [{ ...principal, email: user.email }] : [];
  });

  const values: string[] = [];
  for (const name of VALUES) values.push(await addCompanyValue(hr, { name }));
  const rewards: string[] = [];
  for (const reward of REWARDS) {
    const created = await createReward(
      hr,
      rewardSchema.parse({ ...reward, cost: String(reward.cost), active: "on" }),
    );
    rewards.push(created.id);
  }

  // Kudos over the last 90 days, a few a week; the demo employee both gives and receives.
  const employee = staff.find((person) => person.email === "employee@uptake.test");
  const people = employee ? [employee, ...staff.filter((p) => p.id !== employee.id)] : staff;
  let sent = 0;
  for (let i = 0; i < 60 && people.length > 1; i++) {
    const giver = people[(i * 5) % people.length]!;
    let receiver = people[(i * 11 + 1) % people.length]!;
    if (receiver.id === giver.id) receiver = people[(i * 11 + 2) % people.length]!;
    const at = new Date(now.getTime() - (90 - i * 1.5) * DAY_MS);
    try {
      await sendKudos(
        giver,
        kudosSchema.parse({
          toId: receiver.id,
          message: MESSAGES[i % MESSAGES.length],
          valueId: i % 3 === 2 ? "" : values[i % values.length],
          points: String(5 + ((i * 7) % 21)),
        }),
        at,
      );
      sent += 1;
    } catch (error) {
      // A pairing the kudos rules refuse (the same person within 7 days, the pair cap) is
      // simply not part of the story.
      if (!(error instanceof ValidationError)) throw error;
    }
  }

  // HR's corrections, with their reasons.
  const adjust = async (person: Principal | undefined, points: string, reason: string) => {
    if (!person) return;
    await adjustPoints(
      hr,
      adjustmentSchema.parse({ userId: person.id, points, reason, submissionKey: randomUUID() }),
    );
  };
  await adjust(employee, "25", "Ran the CRM drop-in session for the night shift");
  await adjust(people[3], "40", "Mystery-shopper score of 5/5 in November");

  // Redemptions in every state, by the people who can afford them.
  const afford = [];
  for (const person of people) {
    if ((await balanceOf(person.id)) >= 200) afford.push(person);
  }
  const steps: ("PENDING" | "FULFILLED" | "REJECTED" | "CANCELLED")[] = [
    "FULFILLED",
    "PENDING",
    "FULFILLED",
    "REJECTED",
    "CANCELLED",
    "PENDING",
    "FULFILLED",
  ];
  for (const [index, status] of steps.entries()) {
    const person = afford[index % Math.max(1, afford.length)];
    if (!person || person.id === hr.id) continue;
    const reward = rewards[[2, 5, 7, 2, 2, 5, 5][index]!]!;
    const id = await requestRedemption(person, {
      rewardId: reward,
      requestKey: randomUUID(),
    }).catch((error: unknown) => {
      // Short of points or out of stock by now: that request is not part of the story.
      if (error instanceof ValidationError || error instanceof ConflictError) return null;
      throw error;
    });
    if (!id) continue;
    if (status === "FULFILLED") await approveRedemption(hr, id, "Handed over at reception.");
    if (status === "REJECTED")
      await rejectRedemption(hr, id, "Out of season: please choose another reward.");
    if (status === "CANCELLED") await cancelRedemption(person, id);
  }
  await ensureBadgeRules(now);
  return sent > 0;
}
