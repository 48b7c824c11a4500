/**
 * Writes the price table file whole or not at all: the new table is validated first (an invalid one writes
 * nothing), then written to a temporary file beside the target and renamed over it, so a crash or a full disk
 * never leaves a half-written table for the estimator to read.
 */
import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parsePriceTable } from './price-table.ts';

/** The file operations the write needs; tests record them. */
export interface AtomicFileSystem {
  /** Creates `path`; fails when it exists. */
  writeNew(path: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Removes `path` if it exists. */
  remove(path: string): Promise<void>;
}

export const nodeFileSystem: AtomicFileSystem = {
  writeNew: (path, text) => writeFile(path, text, { encoding: 'utf8', flag: 'wx' }),
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true }),
};

/** The file's text: two-space JSON and a final newline, as the checked-in file is written. */
export function priceTableText(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** Validates `data` as a price table (throws PriceTableError, writing nothing) and replaces `path` atomically. */
export async function writePriceTable(
  path: string,
  data: unknown,
  fs: AtomicFileSystem = nodeFileSystem,
): Promise<void> {
  parsePriceTable(data, path);
  const temp = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    await fs.writeNew(temp, priceTableText(data));
    await fs.rename(temp, path);
  } catch (error) {
    await fs.remove(temp).catch(() => undefined);
    throw error;
  }
}
