/**
 * `workshop prices refresh`: re-reads the checked-in price table (src/cost/prices.json) from the AWS Price List
 * API and rewrites the rows whose price changed. Needs AWS credentials allowed to call pricing:GetProducts.
 */
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import {
  AwsClientFactory,
  assertCredentials,
  type ClientOptions,
  type CredentialProbe,
  type Env,
  MISSING_CREDENTIALS,
  type StaticCredentials,
} from '../../src/aws/clients.ts';
import { PRICING_REGION, type PricingApi, pricingApi } from '../../src/aws/pricing.ts';
import { isCommercialRegion } from '../../src/cohort/regions.ts';
import { type PriceRefreshResult, PricingAccessError, refreshPrices } from '../../src/cost/price-refresh.ts';
import { countByStatus, renderRefreshReport } from '../../src/cost/price-refresh-report.ts';
import { GLOBAL_REGION, PRICES_PATH, PriceTableError, parsePriceTable } from '../../src/cost/price-table.ts';
import { type AtomicFileSystem, nodeFileSystem, writePriceTable } from '../../src/cost/price-table-file.ts';
import { ConfigError } from '../../src/jobs/common/config-error.ts';
import {
  booleanOption,
  type CliIo,
  type Command,
  EXIT,
  type ParsedArgs,
  stringOption,
  UsageError,
} from '../cli/command.ts';
import { findRepositoryRoot } from '../cli/repository-root.ts';

export const NO_CREDENTIALS =
  'no AWS credentials: run with credentials that may call pricing:GetProducts, or keep the checked-in prices.';

/** What tests replace: the clock, the Price List API (or its endpoint), the credential probe, the file system. */
export interface PricesDeps {
  readonly now?: () => Date;
  readonly api?: PricingApi;
  readonly clients?: ClientOptions;
  readonly probe?: CredentialProbe;
  readonly fs?: AtomicFileSystem;
}

const HELP = `Usage: workshop prices refresh [--region R ...] [--dry-run] [--file PATH]

Re-reads every row of the price table the cost estimate uses (src/cost/prices.json) from the AWS Price List API
(GetProducts, us-east-1 endpoint) and reports each row:

  changed    the new OnDemand USD price (old → new, change in percent); the row's source becomes the Price List
             offer file of the version read and its date today (UTC)
  unchanged  the API gives the table's price; the row is left exactly as it is
  NOT FOUND  no product, an unexpected unit, several different prices, or 0 over a real price: the row keeps
             its price, with a warning
  FAILED     the query failed (throttling, a server error): the row keeps its price

Where each item is looked up (offer, filters, usage type, accepted units, tier) is the table in
src/cost/price-list-products.ts. Tiered prices take the first tier, or the first paid tier for items whose free
tier the table keeps in "freeTier"; per-request prices are converted to the table's unit (per 1,000 requests).
Rows are never added or dropped. The file is rewritten only when a price changed, after the new table passes the
same validation as the estimator's, through a temporary file renamed over it.

Options:
  --region R      only rows in region R (repeatable; "global" for account-wide rows such as Budgets)
  --dry-run       query and report, write nothing
  --file PATH     the table to refresh (default: src/cost/prices.json of the repository)
  -h, --help      show this help

Needs AWS credentials allowed to call pricing:GetProducts (the Price List API is free). Exit status:
  0  done: the file is up to date or was rewritten (NOT FOUND rows are warnings, they keep their price)
  1  a query FAILED (the other changes are still written), or the table is invalid or could not be written
     (then nothing is written)
  2  usage error, no or refused credentials, or not allowed to call pricing:GetProducts`;

function regionsOption(args: ParsedArgs): string[] | undefined {
  const value = args.values.region;
  if (value === undefined) return undefined;
  const regions = (Array.isArray(value) ? value : [value]).map(String);
  for (const region of regions) {
    if (region !== GLOBAL_REGION && !isCommercialRegion(region)) {
      throw new UsageError(`--region ${region} is not a commercial AWS region code or "${GLOBAL_REGION}"`);
    }
  }
  return regions;
}

/** Static keys in the given environment, when it is not the process's own (the SDK chain would not see them). */
function credentialsOf(env: Env): StaticCredentials | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY?.trim();
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = env.AWS_SESSION_TOKEN?.trim();
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

/**
 * The credential check reads the environment the CLI was given. The SDK's chain (shared files, SSO, instance
 * metadata) reads the process's own environment, so it is consulted only when that is the environment given.
 */
async function checkCredentials(env: Env, probe: CredentialProbe | undefined): Promise<void> {
  const notOurs: CredentialProbe = () => Promise.reject(new Error('only the given environment is consulted'));
  try {
    await assertCredentials(env, probe ?? (env === process.env ? undefined : notOurs));
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new UsageError(error.message === MISSING_CREDENTIALS ? NO_CREDENTIALS : error.message);
    }
    throw error;
  }
}

async function readTable(file: string, shown: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`${shown}: cannot be read (${code}); pass the table with --file PATH`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new PriceTableError(`${shown}: not valid JSON (${(error as Error).message})`);
  }
}

const today = (now: Date) => now.toISOString().slice(0, 10);

function pricingFor(deps: PricesDeps, env: Env): { api: PricingApi; close(): void } {
  if (deps.api !== undefined) return { api: deps.api, close: () => undefined };
  const credentials = env === process.env ? undefined : credentialsOf(env);
  const options: ClientOptions = deps.clients ?? (credentials === undefined ? {} : { credentials });
  const factory = new AwsClientFactory(options);
  return { api: pricingApi(factory.client('pricing', PRICING_REGION)), close: () => factory.destroy() };
}

/** Writes the refreshed table when it changed and this is not a dry run; returns the line saying what happened. */
async function save(result: PriceRefreshResult, file: string, shown: string, dryRun: boolean, deps: PricesDeps) {
  if (result.changed === 0) return `Nothing changed: ${shown} left as it is.`;
  if (dryRun) {
    parsePriceTable(result.data, shown);
    return `Dry run: ${result.changed} row(s) would change; nothing written.`;
  }
  await writePriceTable(file, result.data, deps.fs ?? nodeFileSystem);
  return `Wrote ${shown} (${result.changed} row(s) changed).`;
}

async function refresh(args: ParsedArgs, io: CliIo, deps: PricesDeps): Promise<number> {
  const regions = regionsOption(args);
  const dryRun = booleanOption(args, 'dry-run');
  const fileOption = stringOption(args, 'file');
  const file = fileOption === undefined ? join(findRepositoryRoot(io.cwd), PRICES_PATH) : resolve(io.cwd, fileOption);
  const shown = relative(io.cwd, file) || file;
  await checkCredentials(io.env, deps.probe);
  const data = await readTable(file, shown);
  const pricing = pricingFor(deps, io.env);
  let result: PriceRefreshResult;
  try {
    result = await refreshPrices({
      data,
      where: shown,
      api: pricing.api,
      today: today((deps.now ?? (() => new Date()))()),
      ...(regions === undefined ? {} : { regions }),
    });
  } catch (error) {
    if (error instanceof PricingAccessError) throw new UsageError(error.message);
    throw error;
  } finally {
    pricing.close();
  }
  const counts = countByStatus(result);
  if (regions !== undefined && counts.skipped === result.outcomes.length) {
    throw new UsageError(`${shown} has no row in ${regions.join(', ')}`);
  }
  let outcome: string;
  let exit: number = counts.failed > 0 ? EXIT.problems : EXIT.ok;
  try {
    outcome = await save(result, file, shown, dryRun, deps);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    outcome = `Nothing written: ${reason}`;
    exit = EXIT.problems;
  }
  io.stdout.write(renderRefreshReport(result, { file: shown, dryRun, outcome }));
  return exit;
}

export function pricesCommandWith(deps: PricesDeps = {}): Command {
  return {
    name: 'prices',
    help: HELP,
    options: {
      region: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      file: { type: 'string' },
    },
    positionals: true,
    async run(args, io) {
      const [subcommand, ...extra] = args.positionals;
      if (subcommand !== 'refresh' || extra.length > 0) {
        throw new UsageError('expected "workshop prices refresh [--region R ...] [--dry-run] [--file PATH]"');
      }
      try {
        return await refresh(args, io, deps);
      } catch (error) {
        if (!(error instanceof PriceTableError)) throw error;
        io.stderr.write(`workshop prices: ${error.message}\n`);
        return EXIT.problems;
      }
    },
  };
}

export const pricesCommand = pricesCommandWith();
