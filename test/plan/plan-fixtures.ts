/** The real `terraform show -json` outputs in ../shared/fixtures (read-only), shared by the plan and render tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PlanSummary } from '../../src/plan/plan-types.ts';
import { parsePlanText } from '../../src/plan/read-plan.ts';

export const FIXTURE_DIR = resolve(process.cwd(), '../shared/fixtures/terraform-show-json');

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

export function fixtureText(name: string): string {
  return readFileSync(resolve(FIXTURE_DIR, name), 'utf8');
}

export function fixtureJson(name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>;
}

export function loadFixture(name: string): PlanSummary {
  return parsePlanText(fixtureText(name));
}

/** The sensitive value in sensitive-values.json; it must never be shown. */
export const SECRET = 'boop';
