/**
 * Runs a workflow job's step conditions for one scenario: which steps would run, which would be skipped. A run
 * step that runs succeeds (unless the scenario fails it) and sets the outputs its script can write to
 * $GITHUB_OUTPUT; a `uses:` step succeeds (unless failed) and sets the outputs the scenario gives it.
 */
import { evaluateCondition, type Value } from './expression.ts';

export type Json = Record<string, unknown>;

export interface StepRun {
  readonly index: number;
  readonly id: string | undefined;
  readonly name: string;
  readonly uses: string | undefined;
  readonly run: string | undefined;
  readonly ran: boolean;
  readonly outcome: 'success' | 'failure' | 'skipped';
}

export interface Scenario {
  readonly github?: unknown;
  readonly matrix?: unknown;
  readonly needs?: unknown;
  readonly inputs?: unknown;
  /** Steps (by id or name) that fail when they run. */
  readonly failing?: readonly string[];
  /** Outputs of `uses:` steps when they run, by step id. */
  readonly outputs?: Record<string, Record<string, string>>;
}

/** Scenarios are plain JSON-like objects; the evaluator reads them as expression values. */
function contextsOf(scenario: Scenario): Record<string, Value> {
  return {
    github: (scenario.github ?? {}) as Value,
    needs: (scenario.needs ?? {}) as Value,
    inputs: (scenario.inputs ?? {}) as Value,
  };
}

function outputsOfScript(run: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const match of run.matchAll(/echo\s+"([\w-]+)=([^"$]*)"\s*>>\s*"\$GITHUB_OUTPUT"/g)) {
    outputs[match[1] ?? ''] = match[2] ?? '';
  }
  return outputs;
}

function stepName(step: Json, index: number): string {
  if (typeof step.name === 'string') return step.name;
  if (typeof step.uses === 'string') return step.uses;
  if (typeof step.run === 'string') return step.run.split('\n')[0] ?? '';
  return `step ${index + 1}`;
}

export function simulateSteps(job: Json, scenario: Scenario): StepRun[] {
  const steps = (Array.isArray(job.steps) ? job.steps : []) as Json[];
  const stepsContext: Record<string, Value> = {};
  const runs: StepRun[] = [];
  let failed = false;
  for (const [index, step] of steps.entries()) {
    const id = typeof step.id === 'string' ? step.id : undefined;
    const name = stepName(step, index);
    const scope = {
      contexts: {
        ...contextsOf(scenario),
        matrix: (scenario.matrix ?? {}) as Value,
        env: {},
        steps: stepsContext,
      },
      status: { failed, cancelled: false },
    };
    const condition = step.if as string | boolean | undefined;
    const ran = evaluateCondition(condition, scope);
    const fails = ran && (scenario.failing ?? []).some((key) => key === id || key === name);
    const outcome = !ran ? 'skipped' : fails ? 'failure' : 'success';
    if (fails) failed = true;
    const run = typeof step.run === 'string' ? step.run : undefined;
    const uses = typeof step.uses === 'string' ? step.uses : undefined;
    const outputs = ran && !fails ? (run ? outputsOfScript(run) : (scenario.outputs?.[id ?? ''] ?? {})) : {};
    if (id !== undefined) stepsContext[id] = { outcome, conclusion: outcome, outputs };
    runs.push({ index, id, name, uses, run, ran, outcome });
  }
  return runs;
}

/** Whether the job itself starts, from its `if:` (job conditions see `needs`, not `steps`). */
export function jobRuns(job: Json, scenario: Scenario, status = { failed: false, cancelled: false }): boolean {
  return evaluateCondition(job.if as string | boolean | undefined, {
    contexts: contextsOf(scenario),
    status,
  });
}
