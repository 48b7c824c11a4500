/**
 * Writes workshops/cohort.schema.json from the zod schema (`npm run schema`). The file is committed so editors
 * find it through the first-line comment of each cohort file; a test fails when it is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cohortJsonSchemaText } from '../src/cohort/json-schema.ts';

const COHORT_SCHEMA_PATH = fileURLToPath(new URL('../workshops/cohort.schema.json', import.meta.url));

writeFileSync(COHORT_SCHEMA_PATH, cohortJsonSchemaText());
process.stdout.write(`wrote ${COHORT_SCHEMA_PATH}\n`);
