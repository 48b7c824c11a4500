/**
 * `workshop plan`: the main job. Validates, synthesizes, runs the guardrails and the cost estimate, and renders the
 * review comment the pull request gets, offline. With `--plan-json DIR` it renders Terraform's own plans.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadedCohort } from '../../src/cohort/repository.ts';
import type { Settings } from '../../src/cohort/settings-schema.ts';
import { estimateCohortCost } from '../../src/cost/estimate.ts';
import { PRICES_PATH, type PriceTable, parsePriceTable } from '../../src/cost/price-table.ts';
import { stickyMarker } from '../../src/github/sticky-comments.ts';
import { PlanFormatError, parsePlanText } from '../../src/plan/read-plan.ts';
import type { Seal } from '../../src/plan/sensitive-seal.ts';
import { type CohortReview, renderReview } from '../../src/render/review-comment.ts';
import { type Command, EXIT, type ParsedArgs, stringOption, UsageError } from '../cli/command.ts';
import { digestSeal } from '../cli/digest-seal.ts';
import { resourceCounts, stringList, synthesizeRepository } from '../cli/synthesis.ts';

export const REVIEW_KEY = 'plan';

function datasetBytes(root: string, loaded: LoadedCohort): Record<string, number> {
  const folder = path.dirname(path.join(root, loaded.file));
  return Object.fromEntries(
    loaded.cohort.datasets.map((d) => {
      const file = path.join(folder, d.source);
      return [d.name, existsSync(file) ? statSync(file).size : 0] as const;
    }),
  );
}

function planFrom(
  dir: string | undefined,
  id: string,
  seal: Seal | undefined,
): Pick<CohortReview, 'plan' | 'planError'> | undefined {
  if (dir === undefined) return undefined;
  const file = path.join(dir, `${id}.json`);
  if (!existsSync(file)) return undefined;
  try {
    return { plan: parsePlanText(readFileSync(file, 'utf8'), { seal }) };
  } catch (error) {
    if (error instanceof PlanFormatError) return { planError: error.message };
    throw error;
  }
}

interface PlanOptions {
  readonly outDir: string;
  readonly planDir: string | undefined;
  readonly skippedReason: string;
  readonly destroy: ReadonlySet<string>;
  readonly commit: string | undefined;
  /** Seals sensitive values into the plan digests when the digest key is set. */
  readonly seal: Seal | undefined;
}

function options(args: ParsedArgs, cwd: string, env: CliIo['env']): PlanOptions {
  const planJson = stringOption(args, 'plan-json');
  const planDir = planJson === undefined ? undefined : path.resolve(cwd, planJson);
  if (planDir !== undefined && !existsSync(planDir)) throw new UsageError(`--plan-json ${planJson}: no such folder`);
  const destroy = new Set(stringList(args.values.destroy));
  const notListed = [...destroy].filter((id) => args.positionals.length > 0 && !args.positionals.includes(id));
  if (notListed.length > 0) throw new UsageError(`--destroy ${notListed.join(', ')} must also be listed in IDS`);
  return {
    outDir: stringOption(args, 'out') ?? 'cdktf.out',
    planDir,
    skippedReason:
      stringOption(args, 'skipped-reason') ??
      (planDir === undefined
        ? "offline run (no AWS credentials); the stack's resources are listed below."
        : 'no plan file.'),
    destroy,
    commit: stringOption(args, 'commit') ?? env.GITHUB_SHA,
    seal: digestSeal(env),
  };
}

type CliIo = Parameters<Command['run']>[1];

function review(
  loaded: LoadedCohort,
  settings: Settings,
  prices: PriceTable,
  root: string,
  stackJson: unknown,
  guardrails: CohortReview['guardrails'],
  opts: PlanOptions,
): CohortReview {
  const { cohort } = loaded;
  const destroy = opts.destroy.has(cohort.id);
  const plan = planFrom(opts.planDir, cohort.id, opts.seal);
  return {
    id: cohort.id,
    action: destroy ? 'destroy' : 'plan',
    cohort,
    ...(destroy ? {} : { guardrails }),
    ...(destroy
      ? {}
      : {
          cost: estimateCohortCost({
            cohort,
            datasetBytes: datasetBytes(root, loaded),
            assumptions: settings.costAssumptions,
            prices,
          }),
        }),
    ...(plan ?? { skippedReason: opts.skippedReason, synthesized: resourceCounts(stackJson) }),
  };
}

export const planCommand: Command = {
  name: 'plan',
  help: `Usage: workshop plan [--out DIR] [--plan-json DIR] [--destroy ID]... [IDS...]

The main job, as a pull request runs it, without AWS credentials or network: validates the repository,
synthesizes the cohorts (all when no IDS are given), runs the guardrails and the cost estimate, and prints the
review comment. Without Terraform plans it lists the resources each stack creates; with --plan-json DIR holding
<id>.json files from "terraform show -json" it renders the full plan.

Writes DIR/review.md (the full review), DIR/comment-parts.json ({"key","parts"}: the review split into
comments under GitHub's size limit, the summary in the first), DIR/summary.json (per cohort: action, result,
plan digest, guardrail errors) and DIR/stacks/<id>/cdk.tf.json.

Options:
  --out DIR              output folder (default: cdktf.out)
  --plan-json DIR        folder of <id>.json plans from "terraform show -json"
  --destroy ID           the cohort's file is removed by the change: review its plan as a destroy (repeatable)
  --skipped-reason TEXT  why a cohort without a plan file was not planned (shown in the review)
  --commit SHA           commit the plan is for (default: $GITHUB_SHA)
  -h, --help             show this help

Plans redacted with the digest key (actions/redact-plan) carry an HMAC in place of each sensitive value, and
their digests cover those values; with WORKSHOP_PLAN_DIGEST_KEY set (the repository secret, 32+ characters),
plans as Terraform writes them are sealed the same way.

Exit status: 0 reviewed; 1 a validation error, a guardrail error or a failed plan; 2 usage or internal error.`,
  options: {
    out: { type: 'string' },
    'plan-json': { type: 'string' },
    destroy: { type: 'string', multiple: true },
    'skipped-reason': { type: 'string' },
    commit: { type: 'string' },
  },
  positionals: true,
  async run(args, io) {
    const opts = options(args, io.cwd, io.env);
    const run = await synthesizeRepository(io, args.positionals, opts.outDir, { destroy: [...opts.destroy] });
    const prices = parsePriceTable(JSON.parse(readFileSync(path.join(run.root, PRICES_PATH), 'utf8')));
    const byId = new Map(run.stacks.map((s, i) => [s.id, { json: s.json, guardrails: run.guardrails[i] }]));
    const reviews = run.cohorts.map((loaded) => {
      const stack = byId.get(loaded.cohort.id);
      return review(loaded, run.settings, prices, run.root, stack?.json, stack?.guardrails, opts);
    });
    const rendered = renderReview(
      {
        cohorts: reviews,
        commit: opts.commit,
        fullRenderingAt: 'the job summary and the review artifact',
        problems: run.problems,
      },
      { reserve: stickyMarker(REVIEW_KEY, 99).length + 1 },
    );

    const outDir = path.resolve(io.cwd, opts.outDir);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, 'review.md'), rendered.markdown);
    writeFileSync(
      path.join(outDir, 'comment-parts.json'),
      `${JSON.stringify({ key: REVIEW_KEY, parts: rendered.parts }, null, 2)}\n`,
    );
    const summary = {
      cohorts: rendered.outcomes.map((o) => ({
        id: o.id,
        action: o.action,
        result: o.result,
        ...(o.digest === undefined ? {} : { digest: o.digest }),
        guardrailErrors: o.guardrailErrors,
      })),
      failed: rendered.failed || run.invalid,
    };
    writeFileSync(path.join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    io.stdout.write(rendered.markdown);
    io.stderr.write(`review written to ${opts.outDir}/review.md (${rendered.parts.length} comment parts)\n`);
    return summary.failed ? EXIT.problems : EXIT.ok;
  },
};
