// What the idea page receives (getIdea builds it; the page's components render it).
import type { IdeaStatus } from "./schemas";

export interface IdeaLink {
  id: string;
  title: string;
}

export interface IdeaView {
  id: string;
  title: string;
  problemHtml: string;
  proposalHtml: string;
  category: string;
  department: string | null;
  hoursSavedPerMonth: number | null;
  costSaving: number | null;
  satisfactionEffect: string | null;
  anonymous: boolean;
  /** null when the idea is anonymous to this viewer. */
  author: string | null;
  status: IdeaStatus;
  owner: { id: string; name: string } | null;
  mergedInto: IdeaLink | null;
  duplicates: IdeaLink[];
  votes: number;
  createdAt: string;
  hidden: { at: string; reason: string } | null;
}

/** The viewer's relation to the idea, and what they may do with it. */
export interface IdeaViewerState {
  isAuthor: boolean;
  voted: boolean;
  following: boolean;
  reviewer: boolean;
  moderator: boolean;
  nextStatuses: readonly IdeaStatus[];
}

export interface CommentView {
  id: string;
  /** null when the idea's anonymous author wrote it and this viewer may not see who. */
  author: string | null;
  byIdeaAuthor: boolean;
  html: string;
  /** The Markdown source, for the author's edit box only. */
  body: string;
  createdAt: string;
  edited: boolean;
  deleted: boolean;
  hidden: { reason: string } | null;
  mine: boolean;
  editable: boolean;
}

export interface HistoryEntry {
  from: string;
  to: string;
  reason: string;
  by: string | null;
  at: string;
}

export interface VoterView {
  name: string;
  email: string;
  at: string;
}

export interface IdeaPageData {
  idea: IdeaView;
  me: IdeaViewerState;
  comments: CommentView[];
  history: HistoryEntry[];
  /** Reviewers only; empty for everyone else. */
  voters: VoterView[];
}

/** The reviewer panel's choices: who can own the idea, and what it can be merged into. */
export interface ReviewerChoices {
  owners: { id: string; name: string }[];
  targets: IdeaLink[];
}
