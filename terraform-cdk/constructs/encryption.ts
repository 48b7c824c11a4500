/** One customer-managed KMS key per region the cohort uses, with rotation on and the cohort's key policy. */
import { type AwsProvider, Construct, KmsAlias, KmsKey } from '../cdktf-classes.ts';
import { keyPolicy } from '../policies/kms.ts';
import type { PolicyContext } from '../policies/policy-document.ts';
import { create } from './address.ts';
import { jsonLiteral } from './terraform-text.ts';

export interface EncryptionProps {
  /** A key policy cannot name its own key (that would be a reference cycle): `keyArns` here are "*". */
  readonly policy: PolicyContext;
  readonly primary: AwsProvider;
  readonly backup?: AwsProvider;
}

export class Encryption extends Construct {
  readonly primary: KmsKey;
  readonly backup: KmsKey | undefined;

  constructor(scope: Construct, props: EncryptionProps) {
    super(scope, 'encryption');
    this.primary = this.key('primary', props);
    this.backup = props.backup === undefined ? undefined : this.key('backup', props, props.backup);
  }

  private key(region: 'primary' | 'backup', props: EncryptionProps, provider?: AwsProvider): KmsKey {
    const names = props.policy.names;
    const on = provider === undefined ? {} : { provider };
    const key = create(this, KmsKey, region, {
      description: `Workshop cohort ${names.cohortId} (${region} region)`,
      enableKeyRotation: true,
      // Long enough to notice and cancel a mistaken destroy while the cohort's backups still need the key.
      deletionWindowInDays: 30,
      policy: jsonLiteral(keyPolicy(props.policy, region)),
      ...on,
    });
    create(this, KmsAlias, region, { name: names.kmsAlias, targetKeyId: key.keyId, ...on });
    return key;
  }
}
