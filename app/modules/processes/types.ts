// The shapes the process pages receive (browser-safe; processes.server.ts returns them).
import type { FlowComparison, FlowFigures, FlowStep, TrainingWarning } from "./flow";

export interface ProcessStepView extends FlowStep {
  version: string;
  position: number;
  courseTitle: string | null;
  /** Completion (%) of the step's course in the owning department; null: nobody enrolled. */
  completion: number | null;
}
export interface ToBeStepView extends ProcessStepView {
  warning: TrainingWarning | null;
}

export interface ProcessDetailView {
  process: {
    id: string;
    initiativeId: string;
    name: string;
    departmentId: string;
    departmentName: string;
    outcome: string;
    revision: number;
  };
  asIs: ProcessStepView[];
  toBe: ToBeStepView[];
  figures: { asIs: FlowFigures; toBe: FlowFigures };
  comparison: FlowComparison;
  canUpdate: boolean;
  canDelete: boolean;
}

export interface ProcessListView {
  initiative: { id: string; name: string };
  page: { total: number; page: number; pageCount: number };
  canCreate: boolean;
  rows: {
    id: string;
    name: string;
    departmentId: string;
    departmentName: string;
    outcome: string;
    asIs: FlowFigures;
    toBe: FlowFigures;
  }[];
}
