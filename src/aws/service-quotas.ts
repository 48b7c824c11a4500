/**
 * A quota's value from Service Quotas, found by name (quota codes differ between services and are easy to get
 * wrong; names are what the console shows): the value applied to the account when there is one, else AWS's
 * default. Each service's list is read once (all pages) and kept for the adapter's life.
 */
import {
  paginateListAWSDefaultServiceQuotas,
  paginateListServiceQuotas,
  type ServiceQuota,
  type ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { isErrorNamed } from './errors.ts';

export interface QuotaValue {
  readonly code: string;
  readonly name: string;
  readonly value: number;
  /** `applied`: the account's value (raised or confirmed); `default`: AWS's default for the service. */
  readonly source: 'applied' | 'default';
}

export interface ServiceQuotasApi {
  /** The first quota of the service whose name matches, or undefined when Service Quotas does not list it. */
  find(serviceCode: string, name: RegExp): Promise<QuotaValue | undefined>;
}

type Lister = (serviceCode: string) => AsyncIterable<{ Quotas?: ServiceQuota[] | undefined }>;

async function readAll(list: Lister, serviceCode: string): Promise<ServiceQuota[]> {
  const out: ServiceQuota[] = [];
  try {
    for await (const page of list(serviceCode)) out.push(...(page.Quotas ?? []));
  } catch (error) {
    // A service Service Quotas does not know is "no quota listed", not a failure.
    if (isErrorNamed(error, 'NoSuchResourceException')) return [];
    throw error;
  }
  return out;
}

function pick(quotas: readonly ServiceQuota[], name: RegExp, source: QuotaValue['source']): QuotaValue | undefined {
  const found = quotas.find((q) => q.QuotaName !== undefined && name.test(q.QuotaName) && q.Value !== undefined);
  if (found?.Value === undefined) return undefined;
  return { code: found.QuotaCode ?? '', name: found.QuotaName ?? '', value: found.Value, source };
}

export function serviceQuotasApi(client: ServiceQuotasClient): ServiceQuotasApi {
  const applied: Lister = (ServiceCode) => paginateListServiceQuotas({ client }, { ServiceCode });
  const defaults: Lister = (ServiceCode) => paginateListAWSDefaultServiceQuotas({ client }, { ServiceCode });
  const cache = new Map<string, Promise<{ applied: ServiceQuota[]; defaults: ServiceQuota[] }>>();
  const lists = (serviceCode: string) => {
    let entry = cache.get(serviceCode);
    if (entry === undefined) {
      entry = Promise.all([readAll(applied, serviceCode), readAll(defaults, serviceCode)]).then(([a, d]) => ({
        applied: a,
        defaults: d,
      }));
      cache.set(serviceCode, entry);
    }
    return entry;
  };
  return {
    async find(serviceCode, name) {
      const { applied: a, defaults: d } = await lists(serviceCode);
      return pick(a, name, 'applied') ?? pick(d, name, 'default');
    },
  };
}
