/** The JSON schema of cohort files, generated from the zod schema (the single source of truth). */
import { z } from 'zod';
import { Cohort } from './schema.ts';

export function cohortJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Cohort, { io: 'input', unrepresentable: 'any' });
  return {
    ...schema,
    $id: 'https://github.com/workshop-gitops/cohort.schema.json',
    title: 'Workshop cohort',
    description: 'One cohort of an AWS data-engineering workshop (workshops/<id>.yaml).',
  };
}

export function cohortJsonSchemaText(): string {
  return `${JSON.stringify(cohortJsonSchema(), null, 2)}\n`;
}
