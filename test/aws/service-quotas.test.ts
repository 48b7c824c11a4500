import {
  ListAWSDefaultServiceQuotasCommand,
  ListServiceQuotasCommand,
  NoSuchResourceException,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { serviceQuotasApi } from '../../src/aws/service-quotas.ts';

const sq = mockClient(ServiceQuotasClient);
beforeEach(() => sq.reset());

const api = () => serviceQuotasApi(new ServiceQuotasClient({ region: 'us-east-1' }));

describe('service quotas adapter', () => {
  it('prefers the applied value, reading every page', async () => {
    sq.on(ListServiceQuotasCommand, { ServiceCode: 'glue' })
      .resolvesOnce({ Quotas: [{ QuotaName: 'Max DPUs', QuotaCode: 'L-1', Value: 10 }], NextToken: 'p2' })
      .resolvesOnce({ Quotas: [{ QuotaName: 'Max concurrent job runs per account', QuotaCode: 'L-2', Value: 80 }] });
    sq.on(ListAWSDefaultServiceQuotasCommand).resolves({
      Quotas: [{ QuotaName: 'Max concurrent job runs per account', QuotaCode: 'L-2', Value: 50 }],
    });
    expect(await api().find('glue', /concurrent job runs per account/i)).toEqual({
      code: 'L-2',
      name: 'Max concurrent job runs per account',
      value: 80,
      source: 'applied',
    });
    expect(sq.commandCalls(ListServiceQuotasCommand)[1]?.args[0].input.NextToken).toBe('p2');
  });

  it("falls back to AWS's default, and reads each service's lists once", async () => {
    sq.on(ListServiceQuotasCommand).resolves({ Quotas: [] });
    sq.on(ListAWSDefaultServiceQuotasCommand).resolves({
      Quotas: [
        { QuotaName: 'Users per account', QuotaCode: 'L-U', Value: 5000 },
        { QuotaName: 'Groups per account', QuotaCode: 'L-G', Value: 300 },
      ],
    });
    const quotas = api();
    expect(await quotas.find('iam', /^users per account$/i)).toMatchObject({ value: 5000, source: 'default' });
    expect(await quotas.find('iam', /^groups per account$/i)).toMatchObject({ value: 300, code: 'L-G' });
    expect(await quotas.find('iam', /^roles per account$/i)).toBeUndefined();
    expect(sq.commandCalls(ListServiceQuotasCommand)).toHaveLength(1);
    expect(sq.commandCalls(ListAWSDefaultServiceQuotasCommand)).toHaveLength(1);
  });

  it('treats a service Service Quotas does not know as listing nothing', async () => {
    const unknown = new NoSuchResourceException({ message: 'no such service', $metadata: {} });
    sq.on(ListServiceQuotasCommand).rejects(unknown);
    sq.on(ListAWSDefaultServiceQuotasCommand).rejects(unknown);
    expect(await api().find('nothing', /x/)).toBeUndefined();
  });

  it('lets other errors through', async () => {
    sq.on(ListServiceQuotasCommand).rejects(new Error('AccessDeniedException: not allowed'));
    sq.on(ListAWSDefaultServiceQuotasCommand).resolves({ Quotas: [] });
    await expect(api().find('iam', /x/)).rejects.toThrow('not allowed');
  });
});
