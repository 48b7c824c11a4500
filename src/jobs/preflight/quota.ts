/**
 * The quota a check compares with, from the most to the least authoritative: the account's value in Service
 * Quotas; a value another API reports for the account (IAM's account summary); the value validation uses
 * (`quotas:` in `_settings.yaml`, AWS's documented default unless raised). When the account allows less than the
 * settings claim, validation would let cohorts past the real limit: that is a warning.
 */
import type { ServiceQuotasApi } from '../../aws/service-quotas.ts';
import type { Quotas } from '../../cohort/settings-schema.ts';
import { formatCount } from '../../text/count.ts';
import { type Finding, warning } from './finding.ts';
import type { Quota } from './usage.ts';

export interface QuotaLookup {
  /** Service Quotas service code: iam, athena, glue. */
  readonly serviceCode: string;
  /** The quota's name in Service Quotas. */
  readonly name: RegExp;
  /** The matching setting, when validation checks this limit too. */
  readonly setting?: keyof Quotas;
}

export interface ResolvedQuota {
  readonly quota: Quota | undefined;
  /** A warning when `quotas:` claims more than the account allows. */
  readonly findings: readonly Finding[];
}

async function fromServiceQuotas(api: ServiceQuotasApi, lookup: QuotaLookup): Promise<Quota | undefined> {
  try {
    const found = await api.find(lookup.serviceCode, lookup.name);
    if (found === undefined) return undefined;
    const kind = found.source === 'applied' ? 'applied' : 'AWS default';
    return { value: found.value, source: `Service Quotas ${found.code} "${found.name}", ${kind}` };
  } catch {
    // Service Quotas unreadable (no permission, say): the other sources still give a useful answer.
    return undefined;
  }
}

/** With a setting, there is always a quota: at worst the setting's own value. */
export function resolveQuota(
  api: ServiceQuotasApi,
  lookup: QuotaLookup & { readonly setting: keyof Quotas },
  settings: Quotas,
  reported?: Quota,
): Promise<ResolvedQuota & { readonly quota: Quota }>;
export function resolveQuota(
  api: ServiceQuotasApi,
  lookup: QuotaLookup,
  settings: Quotas,
  reported?: Quota,
): Promise<ResolvedQuota>;
export async function resolveQuota(
  api: ServiceQuotasApi,
  lookup: QuotaLookup,
  settings: Quotas,
  reported?: Quota,
): Promise<ResolvedQuota> {
  const account = (await fromServiceQuotas(api, lookup)) ?? reported;
  const key = lookup.setting;
  const configured = key === undefined ? undefined : settings[key];
  const fromSettings = configured === undefined ? undefined : { value: configured, source: `quotas.${key}` };
  const findings =
    account !== undefined && configured !== undefined && configured > account.value
      ? [
          warning(
            `quotas.${key}`,
            `_settings.yaml says ${formatCount(configured)}, but the account allows ${formatCount(account.value)} ` +
              `(${account.source}): validation would let cohorts past the real limit; lower the setting`,
          ),
        ]
      : [];
  return { quota: account ?? fromSettings, findings };
}
