/**
 * The checked-in price table of a repository, for the cost report. Read before any AWS call, so a missing or broken
 * table stops the run at once as a configuration error.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PRICES_PATH, type PriceTable, PriceTableError, parsePriceTable } from '../../cost/price-table.ts';
import { ConfigError } from '../common/config-error.ts';

export function loadPriceTable(root: string): PriceTable {
  let text: string;
  try {
    text = readFileSync(path.join(root, PRICES_PATH), 'utf8');
  } catch {
    throw new ConfigError(`${PRICES_PATH} is missing: the cost report prices Athena, Glue and S3 from it.`);
  }
  try {
    return parsePriceTable(JSON.parse(text));
  } catch (error) {
    if (error instanceof PriceTableError) throw new ConfigError(error.message);
    throw new ConfigError(`${PRICES_PATH} is not valid JSON: fix or restore it.`);
  }
}
