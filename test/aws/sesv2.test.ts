import {
  GetSuppressedDestinationCommand,
  NotFoundException,
  SESv2Client,
  SendEmailCommand,
} from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { sesApi } from '../../src/aws/sesv2.ts';

const ses = mockClient(SESv2Client);
beforeEach(() => ses.reset());
const api = () => sesApi(new SESv2Client({ region: 'ap-northeast-2' }));

describe('sesv2 adapter', () => {
  it('sends a template with its data as JSON', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm1' });
    const out = await api().sendTemplated({
      from: 'f@x.io',
      to: 't@x.io',
      templateName: 'tpl',
      templateData: { name: 'Hé "x"' },
    });
    expect(out.messageId).toBe('m1');
    const input = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(input?.FromEmailAddress).toBe('f@x.io');
    expect(input?.Destination?.ToAddresses).toEqual(['t@x.io']);
    expect(input?.Content?.Template?.TemplateName).toBe('tpl');
    expect(JSON.parse(input?.Content?.Template?.TemplateData ?? '')).toEqual({ name: 'Hé "x"' });
  });

  it('sends plain text only', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm2' });
    await api().sendText({ from: 'f@x.io', to: 't@x.io', subject: 'S', text: 'T <b>' });
    const content = ses.commandCalls(SendEmailCommand)[0]?.args[0].input.Content?.Simple;
    expect(content?.Body).toEqual({ Text: { Data: 'T <b>', Charset: 'UTF-8' } });
  });

  it('reports a suppressed address, and nothing for one SES does not suppress', async () => {
    const since = new Date('2026-11-30T00:00:00Z');
    ses.on(GetSuppressedDestinationCommand, { EmailAddress: 'b@x.io' }).resolves({
      SuppressedDestination: { EmailAddress: 'b@x.io', Reason: 'BOUNCE', LastUpdateTime: since },
    });
    ses
      .on(GetSuppressedDestinationCommand, { EmailAddress: 'ok@x.io' })
      .rejects(new NotFoundException({ message: 'not found', $metadata: {} }));
    expect(await api().suppression('b@x.io')).toEqual({ reason: 'BOUNCE', since });
    expect(await api().suppression('ok@x.io')).toBeUndefined();
  });
});
