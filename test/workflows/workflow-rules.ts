/**
 * The repository's rules for GitHub workflows, as checks that return findings (empty = compliant), so the same
 * checks run on every workflow file and on deliberately broken ones.
 */
import { parse } from 'yaml';

type Json = Record<string, unknown>;

const WRITE_SCOPES_ALLOWED_AT_TOP: readonly string[] = [];
const FULL_SHA_WITH_VERSION = /^\s*-?\s*uses:\s*[\w.-]+\/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*\s*$/;

function jobsOf(workflow: Json): [string, Json][] {
  const jobs = (workflow.jobs ?? {}) as Record<string, Json>;
  return Object.entries(jobs);
}

function stepsOf(job: Json): Json[] {
  return Array.isArray(job.steps) ? (job.steps as Json[]) : [];
}

export function triggersOf(workflow: Json): string[] {
  const on = workflow.on ?? workflow.true; // YAML 1.1 readers turn a bare `on` into true
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  return Object.keys((on ?? {}) as Json);
}

export function workflowFindings(text: string): string[] {
  const findings: string[] = [];
  const workflow = parse(text) as Json;

  if (triggersOf(workflow).includes('pull_request_target')) {
    findings.push('uses pull_request_target: run untrusted pull-request code with pull_request instead');
  }

  const top = workflow.permissions;
  if (top === undefined) {
    findings.push('no top-level permissions: set `permissions: {}` and widen per job');
  } else if (typeof top === 'string' || Object.values(top as Json).some((v) => v === 'write')) {
    const scopes = typeof top === 'string' ? [top] : Object.keys(top as Json);
    if (!scopes.every((s) => WRITE_SCOPES_ALLOWED_AT_TOP.includes(s))) {
      findings.push(`top-level permissions grant ${JSON.stringify(top)}: keep them {} or read-only`);
    }
  }

  for (const [id, job] of jobsOf(workflow)) {
    if (job['timeout-minutes'] === undefined && job.uses === undefined) {
      findings.push(`job ${id} has no timeout-minutes`);
    }
    for (const [index, step] of stepsOf(job).entries()) {
      const run = step.run;
      if (typeof run === 'string' && run.includes('${{')) {
        findings.push(`job ${id} step ${index + 1} has an expression inside run: pass it through env: instead`);
      }
    }
  }

  findings.push(...jobFindings(workflow));

  text.split('\n').forEach((line, index) => {
    const match = /^\s*-?\s*uses:\s*(\S+)/.exec(line);
    if (!match?.[1] || match[1].startsWith('./') || match[1].startsWith('docker://')) return;
    if (!FULL_SHA_WITH_VERSION.test(line)) {
      findings.push(`line ${index + 1}: ${match[1]} is not pinned to a full commit SHA with a # vX.Y comment`);
    }
  });
  return findings;
}

function permissionsOf(job: Json): Json {
  const permissions = job.permissions;
  return typeof permissions === 'object' && permissions !== null ? (permissions as Json) : {};
}

function usesOf(step: Json): string {
  return typeof step.uses === 'string' ? step.uses : '';
}

/**
 * Jobs may hold `id-token: write` only to assume an AWS role, `pull-requests: write` only to comment or (teardown)
 * to open the teardown pull request.
 */
const WRITE_SCOPE_USERS: Readonly<Record<string, RegExp>> = {
  'id-token': /^aws-actions\/configure-aws-credentials@/,
  'pull-requests': /^\.\/actions\/(plan-comment|apply-report|teardown)$/,
};

function jobFindings(workflow: Json): string[] {
  const findings: string[] = [];
  for (const [id, job] of jobsOf(workflow)) {
    const steps = stepsOf(job);
    // A reusable-workflow call passes its permissions on: the called workflow's own jobs are checked there.
    if (typeof job.uses === 'string') continue;
    for (const [scope, user] of Object.entries(WRITE_SCOPE_USERS)) {
      if (permissionsOf(job)[scope] === 'write' && !steps.some((step) => user.test(usesOf(step)))) {
        findings.push(`job ${id} grants ${scope}: write but has no step that needs it`);
      }
    }
    let installed = false;
    for (const [index, step] of steps.entries()) {
      const uses = usesOf(step);
      if (typeof step.run === 'string' && /\bnpm ci\b/.test(step.run)) installed = true;
      // The actions run main.ts through tsx from the repository's node_modules (actions/README.md).
      if (uses.startsWith('./actions/') && !installed) {
        findings.push(`job ${id} step ${index + 1} uses ${uses} before \`npm ci\``);
      }
    }
  }
  return findings;
}

/**
 * actions/checkout leaves the token in .git/config unless told not to, where every later step (npm scripts,
 * Terraform providers) can read it. Kept apart from workflowFindings, whose minimal example predates the rule.
 */
export function checkoutFindings(text: string): string[] {
  const findings: string[] = [];
  for (const [id, job] of jobsOf(parse(text) as Json)) {
    for (const [index, step] of stepsOf(job).entries()) {
      const inputs = (step.with ?? {}) as Json;
      if (usesOf(step).startsWith('actions/checkout@') && inputs['persist-credentials'] !== false) {
        findings.push(`job ${id} step ${index + 1} checks out without persist-credentials: false`);
      }
    }
  }
  return findings;
}
