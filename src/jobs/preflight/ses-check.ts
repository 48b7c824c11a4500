/**
 * SES in a region cohorts send from (pitfall 12): a new account is in the sandbox (verified recipients only, 200
 * messages a day), sending can be paused, and the sender must be a verified identity there.
 */
import type { SesAccountApi } from '../../aws/ses-account.ts';
import { formatCount } from '../../text/count.ts';
import { blocker, type Finding, guarded, ok, warning } from './finding.ts';

export interface SesExpectation {
  readonly region: string;
  /** People the onboarding job emails from this region. */
  readonly recipients: number;
  /** The sender address, when given (--from or WORKSHOP_SES_SENDER). */
  readonly sender?: string;
  /** How the sender is given, for the message when it is not. */
  readonly senderHint: string;
}

async function accountFindings(api: SesAccountApi, expected: SesExpectation): Promise<Finding[]> {
  const check = 'SES sending';
  const account = await api.account();
  const { region, recipients } = expected;
  const quota = `${formatCount(account.max24HourSend)} a day, ${formatCount(account.sentLast24Hours)} sent in the last 24 hours`;
  if (!account.sendingEnabled) {
    return [blocker(check, `sending is paused for the account in ${region}: no onboarding email would leave`)];
  }
  if (recipients > account.max24HourSend) {
    return [
      blocker(
        check,
        `${formatCount(recipients)} people to onboard, but SES sends ${quota} in ${region}` +
          `${account.productionAccess ? '' : ' (sandbox)'}: request production access or a higher sending quota`,
      ),
    ];
  }
  if (!account.productionAccess) {
    return [
      warning(
        check,
        `SES is in the sandbox in ${region}: it delivers only to verified addresses, ${quota}, for ` +
          `${formatCount(recipients)} people to onboard. Request production access before the class`,
      ),
    ];
  }
  const left = account.max24HourSend - account.sentLast24Hours;
  if (recipients > left) {
    return [
      warning(check, `${formatCount(recipients)} people to onboard, ${formatCount(left)} emails left today (${quota})`),
    ];
  }
  return [ok(check, `production access, ${quota}; ${formatCount(recipients)} people to onboard`)];
}

async function senderFindings(api: SesAccountApi, expected: SesExpectation): Promise<Finding[]> {
  const check = 'SES sender';
  const { sender, region } = expected;
  if (sender === undefined) return [warning(check, `no sender given (${expected.senderHint}): not checked`)];
  const found = await api.sender(sender);
  switch (found.status) {
    case 'verified':
      return [ok(check, `${sender} may send in ${region} (identity ${found.identity})`)];
    case 'pending':
      return [
        blocker(check, `${found.identity} is not verified in ${region} yet: open the link AWS emailed to confirm it`),
      ];
    case 'failed':
      return [blocker(check, `verification of ${found.identity} failed in ${region}: verify it again in SES`)];
    case 'missing':
      return [
        blocker(
          check,
          `${sender} is no SES identity in ${region}: apply the bootstrap stack with ses_sender_email set to it ` +
            '(or verify its domain), then confirm the verification email',
        ),
      ];
  }
}

export async function sesFindings(api: SesAccountApi, expected: SesExpectation): Promise<Finding[]> {
  const [account, sender] = await Promise.all([
    guarded('SES sending', () => accountFindings(api, expected)),
    guarded('SES sender', () => senderFindings(api, expected)),
  ]);
  return [...account, ...sender];
}
