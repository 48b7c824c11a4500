import { GetAccountCommand, GetEmailIdentityCommand, NotFoundException, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { sesAccountApi } from '../../src/aws/ses-account.ts';

const ses = mockClient(SESv2Client);
beforeEach(() => ses.reset());

const api = () => sesAccountApi(new SESv2Client({ region: 'ap-northeast-2' }));
const notFound = () => new NotFoundException({ message: 'not found', $metadata: {} });

describe('ses account adapter', () => {
  it('reads the sandbox state and the sending quota', async () => {
    ses.on(GetAccountCommand).resolves({
      ProductionAccessEnabled: false,
      SendingEnabled: true,
      SendQuota: { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 12 },
    });
    expect(await api().account()).toEqual({
      productionAccess: false,
      sendingEnabled: true,
      max24HourSend: 200,
      sentLast24Hours: 12,
      maxSendRate: 1,
    });
  });

  it('finds a verified address identity', async () => {
    ses.on(GetEmailIdentityCommand, { EmailIdentity: 'ws@acme.example' }).resolves({ VerifiedForSendingStatus: true });
    expect(await api().sender('ws@acme.example')).toEqual({ status: 'verified', identity: 'ws@acme.example' });
  });

  it('accepts an address whose domain is verified', async () => {
    ses.on(GetEmailIdentityCommand, { EmailIdentity: 'ws@acme.example' }).rejects(notFound());
    ses.on(GetEmailIdentityCommand, { EmailIdentity: 'acme.example' }).resolves({ VerifiedForSendingStatus: true });
    expect(await api().sender('ws@acme.example')).toEqual({ status: 'verified', identity: 'acme.example' });
  });

  it('reports a pending address, a failed domain and a missing identity', async () => {
    ses.on(GetEmailIdentityCommand, { EmailIdentity: 'new@acme.example' }).resolves({
      VerifiedForSendingStatus: false,
      VerificationStatus: 'PENDING',
    });
    ses.on(GetEmailIdentityCommand, { EmailIdentity: 'acme.example' }).rejects(notFound());
    ses.on(GetEmailIdentityCommand, { EmailIdentity: 'x@bad.example' }).rejects(notFound());
    ses.on(GetEmailIdentityCommand, { EmailIdentity: 'bad.example' }).resolves({
      VerifiedForSendingStatus: false,
      VerificationStatus: 'FAILED',
    });
    ses.on(GetEmailIdentityCommand, { EmailIdentity: 'x@none.example' }).rejects(notFound());
    ses.on(GetEmailIdentityCommand, { EmailIdentity: 'none.example' }).rejects(notFound());
    const sesApi = api();
    expect(await sesApi.sender('new@acme.example')).toEqual({ status: 'pending', identity: 'new@acme.example' });
    expect(await sesApi.sender('x@bad.example')).toEqual({ status: 'failed', identity: 'bad.example' });
    expect(await sesApi.sender('x@none.example')).toEqual({ status: 'missing', identity: 'x@none.example' });
  });
});
