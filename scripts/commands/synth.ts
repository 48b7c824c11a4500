/** `workshop synth [--out DIR] [IDS...]`: Terraform JSON for the cohorts, checked by the guardrails. */
import { formatFinding, hasErrors } from '../../src/guardrails/run.ts';
import { type Command, EXIT, stringOption } from '../cli/command.ts';
import { synthesizeRepository } from '../cli/synthesis.ts';

export const synthCommand: Command = {
  name: 'synth',
  help: `Usage: workshop synth [--out DIR] [IDS...]

Validates the repository, then writes DIR/stacks/<id>/cdk.tf.json for each cohort (all when no IDS are given)
and DIR/stacks/bootstrap/cdk.tf.json for the account, and runs the guardrails over every stack written.
The same input always gives byte-identical files.

Options:
  --out DIR   output folder (default: cdktf.out)
  -h, --help  show this help

Guardrail findings are printed as "STACK RESOURCE_ADDRESS RULE: message".
Exit status: 0 synthesized and every guardrail passed (warnings allowed); 1 a validation or guardrail error;
2 usage or internal error.`,
  options: { out: { type: 'string' } },
  positionals: true,
  async run(args, io) {
    const outDir = stringOption(args, 'out') ?? 'cdktf.out';
    const run = await synthesizeRepository(io, args.positionals, outDir);
    for (const report of run.guardrails) {
      for (const finding of report.findings) io.stdout.write(`${formatFinding(report.stack, finding)}\n`);
    }
    const findings = run.guardrails.flatMap((r) => r.findings);
    const errors = findings.filter((f) => f.severity === 'error').length;
    io.stderr.write(
      `synthesized ${run.stacks.length} stacks into ${outDir}/stacks (${run.stacks.map((s) => s.id).join(', ')}); ` +
        `guardrails: ${errors} errors, ${findings.length - errors} warnings\n`,
    );
    return run.invalid || hasErrors(run.guardrails) ? EXIT.problems : EXIT.ok;
  },
};
