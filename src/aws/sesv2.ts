/** Sending the cohort's emails with SES v2, and the account's suppression list (where bounced addresses end up). */
import {
  type EmailContent,
  GetSuppressedDestinationCommand,
  type SESv2Client,
  SendEmailCommand,
} from '@aws-sdk/client-sesv2';
import { isErrorNamed } from './errors.ts';

export interface TemplatedEmail {
  readonly from: string;
  readonly to: string;
  readonly templateName: string;
  /** Values of the template's `{{placeholders}}`; SES escapes them in the HTML part. */
  readonly templateData: Readonly<Record<string, string>>;
}

export interface TextEmail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  /** Plain text only: nothing from a cohort file is ever rendered as HTML. */
  readonly text: string;
}

export interface Suppression {
  /** `BOUNCE` or `COMPLAINT`. */
  readonly reason: string;
  readonly since?: Date;
}

export interface SesApi {
  sendTemplated(email: TemplatedEmail): Promise<{ messageId: string }>;
  sendText(email: TextEmail): Promise<{ messageId: string }>;
  /** Why SES will not deliver to the address (it bounced or complained before), or undefined. */
  suppression(address: string): Promise<Suppression | undefined>;
}

export function sesApi(client: SESv2Client): SesApi {
  const send = async (from: string, to: string, content: EmailContent) => {
    const out = await client.send(
      new SendEmailCommand({ FromEmailAddress: from, Destination: { ToAddresses: [to] }, Content: content }),
    );
    return { messageId: out.MessageId ?? '' };
  };
  return {
    sendTemplated: (email) =>
      send(email.from, email.to, {
        Template: { TemplateName: email.templateName, TemplateData: JSON.stringify(email.templateData) },
      }),
    sendText: (email) =>
      send(email.from, email.to, {
        Simple: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: email.text, Charset: 'UTF-8' } },
        },
      }),
    async suppression(address) {
      try {
        const { SuppressedDestination: found } = await client.send(
          new GetSuppressedDestinationCommand({ EmailAddress: address }),
        );
        if (found === undefined) return undefined;
        return {
          reason: found.Reason ?? 'BOUNCE',
          ...(found.LastUpdateTime === undefined ? {} : { since: found.LastUpdateTime }),
        };
      } catch (error) {
        if (isErrorNamed(error, 'NotFoundException')) return undefined;
        throw error;
      }
    },
  };
}
