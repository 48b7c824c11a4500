/**
 * The SES v2 account of one region, as preflight reads it: sandbox or production, the daily quota, and whether an
 * address (or its domain) is verified to send from.
 */
import { GetAccountCommand, GetEmailIdentityCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { isErrorNamed } from './errors.ts';

export interface SesAccountState {
  /** False: the account is in the SES sandbox (verified recipients only, 200 messages a day, 1 a second). */
  readonly productionAccess: boolean;
  /** False: sending is paused for the account in this region. */
  readonly sendingEnabled: boolean;
  readonly max24HourSend: number;
  readonly sentLast24Hours: number;
  readonly maxSendRate: number;
}

/** `missing`: neither the address nor its domain is an identity in the region. */
export type SenderStatus = 'verified' | 'pending' | 'failed' | 'missing';

export interface SenderCheck {
  readonly status: SenderStatus;
  /** The identity that decided: the address, or its domain. */
  readonly identity: string;
}

export interface SesAccountApi {
  account(): Promise<SesAccountState>;
  /** Whether mail can be sent from `address`: as an address identity, or through a verified domain. */
  sender(address: string): Promise<SenderCheck>;
}

export function sesAccountApi(client: SESv2Client): SesAccountApi {
  const identity = async (name: string): Promise<SenderStatus> => {
    try {
      const out = await client.send(new GetEmailIdentityCommand({ EmailIdentity: name }));
      if (out.VerifiedForSendingStatus === true) return 'verified';
      return out.VerificationStatus === 'FAILED' ? 'failed' : 'pending';
    } catch (error) {
      if (isErrorNamed(error, 'NotFoundException')) return 'missing';
      throw error;
    }
  };
  return {
    async account() {
      const out = await client.send(new GetAccountCommand({}));
      return {
        productionAccess: out.ProductionAccessEnabled === true,
        sendingEnabled: out.SendingEnabled !== false,
        max24HourSend: out.SendQuota?.Max24HourSend ?? 0,
        sentLast24Hours: out.SendQuota?.SentLast24Hours ?? 0,
        maxSendRate: out.SendQuota?.MaxSendRate ?? 0,
      };
    },
    async sender(address) {
      const own = await identity(address);
      if (own === 'verified') return { status: own, identity: address };
      const domain = address.slice(address.lastIndexOf('@') + 1);
      const viaDomain = domain === '' || domain === address ? 'missing' : await identity(domain);
      if (viaDomain === 'verified') return { status: viaDomain, identity: domain };
      // The address's own state says more (a pending verification email) than the domain's absence.
      return own === 'missing' && viaDomain !== 'missing'
        ? { status: viaDomain, identity: domain }
        : { status: own, identity: address };
    },
  };
}
