/** Every `workshop` subcommand, in the order `workshop --help` lists them. */
import type { Command } from '../cli/command.ts';
import { schemaCommand } from './schema.ts';

export const commands: readonly Command[] = [schemaCommand];
