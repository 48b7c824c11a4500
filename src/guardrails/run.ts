/**
 * Runs the guardrail rules over one stack's synthesized `cdk.tf.json`. A rule that throws on an unexpected shape
 * becomes a `guardrail-crashed` finding, so one bad rule or one odd hand edit never hides the other rules' results.
 */
import { isObject } from './json-values.ts';
import type { Finding, Rule } from './rule.ts';
import { RULES } from './rules/index.ts';
import { readTerraformConfig, TerraformConfig } from './terraform-json.ts';

export interface GuardrailReport {
  readonly stack: string;
  readonly findings: readonly Finding[];
  /** Ids of the rules that ran on this stack and found nothing. */
  readonly passed: readonly string[];
}

export interface GuardrailOptions {
  /** The rules to run; defaults to every rule. */
  readonly rules?: readonly Rule[];
}

export const BOOTSTRAP_STACK = 'bootstrap';
/** Address used for findings about the file as a whole. */
export const FILE_ADDRESS = 'cdk.tf.json';

export function rulesFor(stackId: string, rules: readonly Rule[] = RULES): readonly Rule[] {
  return stackId === BOOTSTRAP_STACK ? rules.filter((r) => r.appliesTo === 'all') : rules;
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

/** The parsed configuration, or a finding saying why there is none. Accepts JSON text or parsed JSON. */
function readConfig(configJson: unknown): TerraformConfig | Finding {
  const invalid = (message: string): Finding => ({
    ruleId: 'terraform-json',
    severity: 'error',
    address: FILE_ADDRESS,
    message,
  });
  let json = configJson;
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch (error) {
      return invalid(`the file is not valid JSON (${messageOf(error)}); re-run workshop synth or fix the hand edit`);
    }
  }
  if (!isObject(json)) return invalid('the file is not a JSON object; re-run workshop synth or fix the hand edit');
  try {
    return readTerraformConfig(json);
  } catch (error) {
    return {
      ruleId: 'guardrail-crashed',
      severity: 'error',
      address: FILE_ADDRESS,
      message: `reading the configuration crashed (${messageOf(error)})`,
    };
  }
}

function runRule(rule: Rule, config: TerraformConfig): readonly Finding[] {
  try {
    return rule.check(config);
  } catch (error) {
    return [
      {
        ruleId: 'guardrail-crashed',
        severity: 'error',
        address: FILE_ADDRESS,
        message: `rule ${rule.id} crashed (${messageOf(error)}); the configuration has a shape the rule does not expect: check hand edits, or report the rule`,
      },
    ];
  }
}

export function runGuardrails(stackId: string, configJson: unknown, options: GuardrailOptions = {}): GuardrailReport {
  const config = readConfig(configJson);
  if (!(config instanceof TerraformConfig)) return { stack: stackId, findings: [config], passed: [] };
  const findings: Finding[] = [];
  const passed: string[] = [];
  for (const rule of rulesFor(stackId, options.rules)) {
    const found = runRule(rule, config);
    if (found.length === 0) passed.push(rule.id);
    // Sorted by address within a rule, so reports are stable whatever the resource order in the file.
    findings.push(...[...found].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)));
  }
  return { stack: stackId, findings, passed };
}

/** `STACK RESOURCE_ADDRESS RULE: message`, on one line whatever the message holds. */
export function formatFinding(stack: string, f: Finding): string {
  const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
  return `${oneLine(stack)} ${oneLine(f.address)} ${oneLine(f.ruleId)}: ${oneLine(f.message)}`;
}

export function hasErrors(reports: readonly GuardrailReport[]): boolean {
  return reports.some((r) => r.findings.some((f) => f.severity === 'error'));
}
