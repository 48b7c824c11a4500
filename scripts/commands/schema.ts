import { cohortJsonSchemaText } from '../../src/cohort/json-schema.ts';
import type { Command } from '../cli/command.ts';
import { EXIT } from '../cli/command.ts';

export const schemaCommand: Command = {
  name: 'schema',
  help: `Usage: workshop schema

Prints the JSON schema of workshops/<id>.yaml files (the same text as workshops/cohort.schema.json),
for editors: the first line of each cohort file points the YAML language server at it.`,
  options: {},
  positionals: false,
  async run(_args, io) {
    io.stdout.write(cohortJsonSchemaText());
    return EXIT.ok;
  },
};
