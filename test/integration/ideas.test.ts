import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import type { Principal } from "~/lib/permissions";
import {
  addComment,
  changeStatus,
  createIdea,
  deleteComment,
  editComment,
  getIdea,
  hideComment,
  listBoard,
  mergeIdea,
  setIdeaHidden,
  unvote,
  vote,
} from "~/modules/ideas/index.server";
import {
  boardQuerySchema,
  IDEA_STATUSES,
  ideaSchema,
  TRANSITIONS,
  type IdeaStatus,
} from "~/modules/ideas";
import * as boardRoute from "~/routes/ideas/index";
import * as detailRoute from "~/routes/ideas/detail";
import * as exportRoute from "~/routes/ideas/export";
import * as newRoute from "~/routes/ideas/new";
import {
  makeDepartment,
  makeUser,
  request,
  sessionCookie,
  thrownStatus,
} from "../support/factories";

const DAY = 24 * 3600 * 1000;

async function person(
  role: Principal["role"] = "EMPLOYEE",
  departmentId?: string,
  manages: string[] = [],
) {
  const user = await makeUser({ role, departmentId, manages });
  const principal: Principal = { id: user.id, role, scopeDepartmentIds: manages };
  return { user, principal };
}

const input = (overrides: Record<string, string> = {}) =>
  ideaSchema.parse({
    title: "Callback instead of hold music",
    problem: "Customers wait on hold.",
    proposal: "Offer a callback.",
    category: "CUSTOMER_EXPERIENCE",
    ...overrides,
  });

const query = (overrides: Record<string, string> = {}) => boardQuerySchema.parse(overrides);
const loaderArgs = (req: Request, params: Record<string, string> = {}) =>
  ({ request: req, params, context: {} }) as LoaderFunctionArgs;
const actionArgs = (req: Request, params: Record<string, string> = {}) =>
  ({ request: req, params, context: {} }) as ActionFunctionArgs;

/** Drives an idea from SUBMITTED to `status` along the workflow. */
async function moveTo(reviewer: Principal, ideaId: string, status: IdeaStatus) {
  const path: Record<IdeaStatus, IdeaStatus[]> = {
    SUBMITTED: [],
    UNDER_REVIEW: ["UNDER_REVIEW"],
    ACCEPTED: ["UNDER_REVIEW", "ACCEPTED"],
    IMPLEMENTED: ["UNDER_REVIEW", "ACCEPTED", "IMPLEMENTED"],
    DECLINED: ["DECLINED"],
    DUPLICATE: [],
  };
  for (const step of path[status]) await changeStatus(reviewer, ideaId, step, "because");
}

describe("submitting", () => {
  it("gives field messages for empty and oversized fields and writes nothing", async () => {
    const { user } = await person();
    const cookie = (await sessionCookie(user.id)).cookie;
    const before = await getDb().idea.count();
    const result = await newRoute.action(
      actionArgs(
        request("/ideas/new", {
          cookie,
          form: { title: "x".repeat(121), problem: "", proposal: "y".repeat(10_001), category: "" },
        }),
      ),
    );
    expect(result).toMatchObject({
      data: {
        ok: false,
        fieldErrors: {
          title: "validation.tooLong",
          problem: "validation.required",
          proposal: "validation.tooLong",
          category: "validation.required",
        },
      },
    });
    expect(await getDb().idea.count()).toBe(before);
  });
});

describe("voting", () => {
  it("keeps one vote per person, refuses the author, and survives 50 parallel votes", async () => {
    const author = await person();
    const voter = await person();
    const id = await createIdea(author.principal, input());
    await expect(vote(author.principal, id)).rejects.toBeInstanceOf(ConflictError);
    await Promise.all(Array.from({ length: 50 }, () => vote(voter.principal, id)));
    expect(await getDb().ideaVote.count({ where: { ideaId: id } })).toBe(1);
    expect((await getDb().idea.findUniqueOrThrow({ where: { id } })).voteCount).toBe(1);
    await vote(voter.principal, id);
    expect((await getDb().idea.findUniqueOrThrow({ where: { id } })).voteCount).toBe(1);
    // The primary key itself refuses a second row (what holds when two servers race).
    await expect(
      getDb().ideaVote.create({ data: { ideaId: id, userId: voter.user.id } }),
    ).rejects.toMatchObject({ code: "P2002" });
    await unvote(voter.principal, id);
    expect((await getDb().idea.findUniqueOrThrow({ where: { id } })).voteCount).toBe(0);
  });
});

describe("workflow", () => {
  it("allows exactly the transitions of the workflow (400 otherwise) and records who, when and why", async () => {
    const hr = await person("HR");
    const author = await person();
    for (const from of IDEA_STATUSES) {
      if (from === "DUPLICATE") continue;
      for (const to of IDEA_STATUSES) {
        if (to === "DUPLICATE") continue;
        const id = await createIdea(author.principal, input({ title: `${from} → ${to}` }));
        await moveTo(hr.principal, id, from);
        const attempt = changeStatus(hr.principal, id, to, "a reason");
        if (TRANSITIONS[from].includes(to)) {
          await attempt;
          expect(
            (await getDb().idea.findUniqueOrThrow({ where: { id } })).status,
            `${from}→${to}`,
          ).toBe(to);
        } else {
          await expect(attempt, `${from}→${to}`).rejects.toBeInstanceOf(ValidationError);
          expect((await getDb().idea.findUniqueOrThrow({ where: { id } })).status).toBe(from);
        }
      }
    }
    // DECLINED needs a reason; history keeps who/when/why.
    const id = await createIdea(author.principal, input());
    await expect(changeStatus(hr.principal, id, "DECLINED", "")).rejects.toMatchObject({
      fieldErrors: { reason: "ideas.workflow.reasonRequired" },
    });
    await changeStatus(hr.principal, id, "DECLINED", "Out of scope this year");
    const page = await getIdea(hr.principal, id);
    expect(page.history.at(-1)).toMatchObject({
      from: "SUBMITTED",
      to: "DECLINED",
      reason: "Out of scope this year",
      by: hr.user.name,
    });
  });

  it("notifies the author and followers of every status change", async () => {
    const hr = await person("HR");
    const author = await person();
    const follower = await person();
    const id = await createIdea(author.principal, input());
    await addComment(follower.principal, id, "I like it"); // commenting follows
    await changeStatus(hr.principal, id, "UNDER_REVIEW", "");
    for (const who of [author, follower]) {
      const notes = await getDb().notification.findMany({
        where: { userId: who.user.id, type: "IDEA_STATUS" },
      });
      expect(notes).toHaveLength(1);
      expect(notes[0]!.params).toMatchObject({
        statusKey: "ideas.status.UNDER_REVIEW",
      });
    }
    expect(await getDb().notification.count({ where: { userId: hr.user.id } })).toBe(0);
  });

  it("gives 403 to non-reviewers, and a manager reviews only their own tree", async () => {
    const inside = await makeDepartment();
    const outside = await makeDepartment();
    const author = await person("EMPLOYEE", inside.id);
    const manager = await person("MANAGER", inside.id, [inside.id]);
    const trainer = await person("TRAINER");
    const mine = await createIdea(author.principal, input({ departmentId: inside.id }));
    const theirs = await createIdea(author.principal, input({ departmentId: outside.id }));
    for (const who of [author, trainer]) {
      await expect(changeStatus(who.principal, mine, "UNDER_REVIEW", "")).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(setIdeaHidden(who.principal, mine, "spam")).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    await expect(
      changeStatus(manager.principal, theirs, "UNDER_REVIEW", ""),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await changeStatus(manager.principal, mine, "UNDER_REVIEW", "");
    // Nor merge into, or out of, another tree.
    await expect(mergeIdea(manager.principal, mine, theirs)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(mergeIdea(manager.principal, theirs, mine)).rejects.toBeInstanceOf(ForbiddenError);
    // Managers review but do not moderate.
    await expect(setIdeaHidden(manager.principal, mine, "spam")).rejects.toBeInstanceOf(
      ForbiddenError,
    );

    // Through the route: 403 for an employee's workflow action, 400 for a step outside the workflow.
    const cookie = (await sessionCookie(author.user.id)).cookie;
    expect(
      await thrownStatus(() =>
        detailRoute.action(
          actionArgs(
            request(`/ideas/${mine}`, { cookie, form: { intent: "status", status: "ACCEPTED" } }),
            {
              ideaId: mine,
            },
          ),
        ),
      ),
    ).toBe(403);
    const hr = await person("HR");
    const hrCookie = (await sessionCookie(hr.user.id)).cookie;
    const refused = await detailRoute.action(
      actionArgs(
        request(`/ideas/${mine}`, {
          cookie: hrCookie,
          form: { intent: "status", status: "SUBMITTED" },
        }),
        {
          ideaId: mine,
        },
      ),
    );
    expect(refused).toMatchObject({ init: { status: 400 } });
    expect(
      await thrownStatus(() =>
        exportRoute.loader(loaderArgs(request("/ideas/export", { cookie }))),
      ),
    ).toBe(403);
  });
});

describe("merging duplicates", () => {
  it("moves votes without double-counting, keeps comments, refuses self and own duplicates", async () => {
    const hr = await person("HR");
    const a = await person();
    const b = await person();
    const [v1, v2, v3] = [await person(), await person(), await person()];
    const target = await createIdea(a.principal, input({ title: "Target" }));
    const source = await createIdea(b.principal, input({ title: "Source" }));
    await vote(v1.principal, target);
    await vote(v1.principal, source); // voted for both: counts once
    await vote(v2.principal, source);
    await vote(v3.principal, source);
    await vote(a.principal, source); // the target's author: the vote carries over (anonymity)
    await addComment(v2.principal, source, "Same as the other one?");

    await expect(mergeIdea(hr.principal, source, source)).rejects.toBeInstanceOf(ValidationError);
    const result = await mergeIdea(hr.principal, source, target);
    expect(result).toEqual({ moved: 3, targetVotes: 4 });
    const [t, s] = await Promise.all([
      getDb().idea.findUniqueOrThrow({ where: { id: target } }),
      getDb().idea.findUniqueOrThrow({ where: { id: source } }),
    ]);
    expect(t.voteCount).toBe(4);
    expect(s).toMatchObject({ status: "DUPLICATE", mergedIntoId: target, voteCount: 0 });
    const voters = await getDb().ideaVote.findMany({
      where: { ideaId: target },
      select: { userId: true },
    });
    expect(voters.map((v) => v.userId).sort()).toEqual(
      [v1.user.id, v2.user.id, v3.user.id, a.user.id].sort(),
    );
    // The duplicate's comments stay readable, with a link to the target.
    const page = await getIdea(v3.principal, source);
    expect(page.comments.map((c) => c.html)).toEqual([
      expect.stringContaining("Same as the other one?"),
    ]);
    expect(page.idea.mergedInto).toEqual({ id: target, title: "Target" });
    expect(page.history.at(-1)).toMatchObject({ to: "DUPLICATE", by: hr.user.name });
    // Merging the target into its own duplicate is refused; so is merging anything into a duplicate.
    await expect(mergeIdea(hr.principal, target, source)).rejects.toBeInstanceOf(ValidationError);
    const other = await createIdea(b.principal, input({ title: "Other" }));
    await expect(mergeIdea(hr.principal, other, source)).rejects.toBeInstanceOf(ValidationError);
    await expect(vote(v3.principal, source)).rejects.toBeInstanceOf(ConflictError);
    expect(
      await getDb().auditEvent.count({ where: { action: "idea.merge", subjectId: source } }),
    ).toBe(1);
  });
});

describe("anonymity", () => {
  it("hides the author of an anonymous idea from everyone but admins, in pages, data and exports", async () => {
    const author = await person("EMPLOYEE");
    await getDb().user.update({ where: { id: author.user.id }, data: { name: "Secret Author" } });
    const hr = await person("HR");
    const admin = await person("ADMIN");
    const colleague = await person();
    const id = await createIdea(
      author.principal,
      input({ title: "Anonymous one", anonymous: "on" }),
    );
    await addComment(author.principal, id, "More detail from me");

    for (const viewer of [colleague, hr]) {
      const cookie = (await sessionCookie(viewer.user.id)).cookie;
      const data = await detailRoute.loader(
        loaderArgs(request(`/ideas/${id}`, { cookie }), { ideaId: id }),
      );
      const json = JSON.stringify(data);
      expect(json).not.toContain("Secret Author");
      expect(json).not.toContain(author.user.id);
      expect(json).not.toContain(author.user.email);
      expect(data.idea.author).toBeNull();
      expect(data.comments[0]!.author).toBeNull();
      const board = await boardRoute.loader(loaderArgs(request("/ideas?q=Anonymous", { cookie })));
      expect(JSON.stringify(board)).not.toContain("Secret Author");
      expect(JSON.stringify(board)).not.toContain(author.user.id);
    }
    const hrCookie = (await sessionCookie(hr.user.id)).cookie;
    const csv = await (
      (await exportRoute.loader(
        loaderArgs(request("/ideas/export?q=Anonymous", { cookie: hrCookie })),
      )) as Response
    ).text();
    expect(csv).toContain("Anonymous one");
    expect(csv).not.toContain("Secret Author");

    const adminView = await getIdea(admin.principal, id);
    expect(adminView.idea.author).toBe("Secret Author");
    const adminCookie = (await sessionCookie(admin.user.id)).cookie;
    const adminCsv = await (
      (await exportRoute.loader(
        loaderArgs(request("/ideas/export?q=Anonymous", { cookie: adminCookie })),
      )) as Response
    ).text();
    expect(adminCsv).toContain("Secret Author");
  });
});

describe("the board", () => {
  it("sorts by trending (votes in the last 14 days), top and newest, and filters mine / I voted", async () => {
    const author = await person();
    const voters = await Promise.all(Array.from({ length: 5 }, () => person()));
    const tag = `T${Date.now()}`;
    const old = await createIdea(author.principal, input({ title: `${tag} old favourite` }));
    const fresh = await createIdea(author.principal, input({ title: `${tag} fresh` }));
    for (const v of voters) await vote(v.principal, old);
    for (const v of voters.slice(0, 2)) await vote(v.principal, fresh);
    // The old favourite's votes are a month old.
    await getDb().ideaVote.updateMany({
      where: { ideaId: old },
      data: { createdAt: new Date(Date.now() - 30 * DAY) },
    });
    await getDb().idea.update({
      where: { id: old },
      data: { createdAt: new Date(Date.now() - 40 * DAY) },
    });
    const titles = async (sort: string, extra: Record<string, string> = {}, viewer = voters[0]!) =>
      (await listBoard(viewer.principal, query({ q: tag, sort, ...extra }))).ideas.map((i) => i.id);
    expect(await titles("top")).toEqual([old, fresh]);
    expect(await titles("trending")).toEqual([fresh, old]);
    expect(await titles("newest")).toEqual([fresh, old]);
    expect(await titles("top", { voted: "1" }, voters[4]!)).toEqual([old]);
    expect(await titles("top", { mine: "1" }, author)).toEqual([old, fresh]);
    expect(await titles("top", { mine: "1" }, voters[0]!)).toEqual([]);
    const board = await listBoard(voters[0]!.principal, query({ q: tag, sort: "trending" }));
    expect(board.ideas.map((i) => i.recentVotes)).toEqual([2, 0]);
  });
});

describe("comments and moderation", () => {
  it("edits own comments for 15 minutes, deletes own, and hides content for HR only", async () => {
    const author = await person();
    const other = await person();
    const hr = await person("HR");
    const id = await createIdea(author.principal, input());
    const commentId = await addComment(
      other.principal,
      id,
      "<script>alert(1)</script>\n\n**bold**",
    );
    const page = await getIdea(author.principal, id);
    expect(page.comments[0]!.html).toContain("<strong>bold</strong>");
    expect(page.comments[0]!.html).not.toContain("<script");
    await expect(editComment(author.principal, id, commentId, "not mine")).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await editComment(other.principal, id, commentId, "Fixed typo");
    await expect(
      editComment(other.principal, id, commentId, "too late", new Date(Date.now() + 16 * 60_000)),
    ).rejects.toBeInstanceOf(ConflictError);

    await hideComment(hr.principal, id, commentId, "Off topic");
    expect((await getIdea(author.principal, id)).comments).toEqual([]);
    expect((await getIdea(hr.principal, id)).comments[0]!.hidden).toEqual({ reason: "Off topic" });
    expect(
      await getDb().notification.count({
        where: { userId: other.user.id, type: "IDEA_COMMENT_HIDDEN" },
      }),
    ).toBe(1);

    const second = await addComment(other.principal, id, "Another thought");
    await deleteComment(other.principal, id, second);
    const afterDelete = await getIdea(author.principal, id);
    expect(afterDelete.comments).toEqual([expect.objectContaining({ deleted: true, html: "" })]);
    expect((await getDb().idea.findUniqueOrThrow({ where: { id } })).commentCount).toBe(0);

    await setIdeaHidden(hr.principal, id, "Contains a customer's personal data");
    await expect(getIdea(other.principal, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getIdea(author.principal, id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getIdea(hr.principal, id)).idea.hidden?.reason).toBe(
      "Contains a customer's personal data",
    );
    expect((await listBoard(other.principal, query())).ideas.some((i) => i.id === id)).toBe(false);
    const told = await getDb().notification.findFirstOrThrow({
      where: { userId: author.user.id, type: "IDEA_HIDDEN" },
    });
    expect(told.params).toMatchObject({
      reason: "Contains a customer's personal data",
    });
  });
});
