/** In-memory IAM and SES for the onboarding tests: they keep what they were given, passwords included. */
import { AWS_DEFAULT_PASSWORD_POLICY, type IamApi, type PasswordPolicy } from '../../../src/aws/iam.ts';
import type { SesApi, Suppression, TemplatedEmail, TextEmail } from '../../../src/aws/sesv2.ts';

function named(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

export class FakeIam implements IamApi {
  /** User name → current password. */
  readonly profiles = new Map<string, string>();
  readonly calls: string[] = [];
  /** Every password ever set, including ones removed again. */
  readonly history: string[] = [];
  policy: PasswordPolicy = AWS_DEFAULT_PASSWORD_POLICY;
  /** User names whose calls are refused. */
  readonly denied = new Set<string>();

  private check(op: string, userName: string): void {
    this.calls.push(`${op} ${userName}`);
    if (this.denied.has(userName)) throw named('AccessDenied', `not authorized to perform iam:${op} on ${userName}`);
  }

  async hasLoginProfile(userName: string) {
    this.check('GetLoginProfile', userName);
    return this.profiles.has(userName);
  }
  async createLoginProfile(userName: string, password: string) {
    this.check('CreateLoginProfile', userName);
    if (this.profiles.has(userName)) throw named('EntityAlreadyExists', 'exists');
    this.history.push(password);
    this.profiles.set(userName, password);
  }
  async updateLoginProfile(userName: string, password: string) {
    this.check('UpdateLoginProfile', userName);
    if (!this.profiles.has(userName)) throw named('NoSuchEntity', 'no login profile');
    this.history.push(password);
    this.profiles.set(userName, password);
  }
  async deleteLoginProfile(userName: string) {
    this.check('DeleteLoginProfile', userName);
    this.profiles.delete(userName);
  }
  async passwordPolicy() {
    return this.policy;
  }
}

export class FakeSes implements SesApi {
  readonly templated: TemplatedEmail[] = [];
  readonly texts: TextEmail[] = [];
  readonly suppressed = new Map<string, Suppression>();
  /** Addresses whose sends fail. */
  readonly rejecting = new Set<string>();

  async sendTemplated(email: TemplatedEmail) {
    if (this.rejecting.has(email.to)) throw named('MessageRejected', `Email address is not verified: ${email.to}`);
    this.templated.push(email);
    return { messageId: `t-${this.templated.length}` };
  }
  async sendText(email: TextEmail) {
    if (this.rejecting.has(email.to)) throw named('MessageRejected', `Email address is not verified: ${email.to}`);
    this.texts.push(email);
    return { messageId: `x-${this.texts.length}` };
  }
  async suppression(address: string) {
    return this.suppressed.get(address);
  }
}
