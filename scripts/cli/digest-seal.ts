/** The digest key's seal for the CLI (`WORKSHOP_PLAN_DIGEST_KEY`); a key too short is a usage error, exit 2. */
import { DigestKeyError, type Seal, sealFromEnv } from '../../src/plan/sensitive-seal.ts';
import { UsageError } from './command.ts';

export function digestSeal(env: Readonly<Record<string, string | undefined>>): Seal | undefined {
  try {
    return sealFromEnv(env);
  } catch (error) {
    if (error instanceof DigestKeyError) throw new UsageError(error.message);
    throw error;
  }
}
