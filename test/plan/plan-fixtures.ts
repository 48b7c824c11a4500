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

/** A minimal plan with one change per entry, each resource addressed `a.<name>`. */
export function planOf(changes: Record<string, Record<string, unknown>>) {
  return {
    format_version: '1.2',
    resource_changes: Object.entries(changes).map(([name, change]) => ({
      address: `a.${name}`,
      type: 'a',
      name,
      change,
    })),
  };
}

/** An update of a resource whose `password` is sensitive on both sides. */
export function passwordUpdate(before: unknown, after: unknown) {
  return {
    actions: ['update'],
    before: { password: before, name: 'n' },
    after: { password: after, name: 'n' },
    before_sensitive: { password: true },
    after_sensitive: { password: true },
  };
}
