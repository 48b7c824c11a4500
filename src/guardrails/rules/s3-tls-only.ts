/** Every bucket's policy denies requests that do not use TLS (`aws:SecureTransport` false) to everyone. */
import { isEveryone, type Statement, wildcardMatches } from '../iam-policy.ts';
import { cannotCheck, finding, type Rule } from '../rule.ts';

function deniesPlainHttp(s: Statement): boolean {
  if (s.effect !== 'Deny' || !isEveryone(s.principal)) return false;
  const coversS3 = (s.actions ?? []).some((a) => wildcardMatches(a, 's3:*'));
  const insecure = s.conditions.some(
    (c) =>
      /^bool(ifexists)?$/i.test(c.operator) &&
      c.key.toLowerCase() === 'aws:securetransport' &&
      c.values.some((v) => v.toLowerCase() === 'false'),
  );
  return coversS3 && insecure;
}

const FIX =
  'add a statement with Effect Deny, Principal "*", Action "s3:*" on the bucket and its objects, and Condition Bool aws:SecureTransport "false"';

export const s3TlsOnly: Rule = {
  id: 's3-tls-only',
  severity: 'error',
  appliesTo: 'all',
  description: 'Every bucket has a bucket policy denying s3:* to everyone when aws:SecureTransport is false.',
  check(config) {
    return config.resources('aws_s3_bucket').flatMap((bucket) => {
      const sources = [
        ...config
          .referencing('aws_s3_bucket_policy', 'bucket', bucket)
          .map((p) => ({ address: p.address, value: p.body.policy })),
        ...(bucket.body.policy === undefined ? [] : [{ address: bucket.address, value: bucket.body.policy }]),
      ];
      const first = sources[0];
      if (first === undefined) {
        return [finding(s3TlsOnly, bucket.address, `bucket has no bucket policy; add aws_s3_bucket_policy and ${FIX}`)];
      }
      const parsed = sources.map((s) => ({ ...s, policy: config.policy(s.value) }));
      if (parsed.some((p) => p.policy.ok && p.policy.document.statements.some(deniesPlainHttp))) return [];
      const unreadable = parsed.find((p) => !p.policy.ok);
      if (unreadable !== undefined && !unreadable.policy.ok) {
        return [
          cannotCheck(s3TlsOnly, bucket.address, `the policy of ${unreadable.address}`, unreadable.policy.reason),
        ];
      }
      return [finding(s3TlsOnly, bucket.address, `${first.address} does not deny non-TLS requests; ${FIX}`)];
    });
  },
};
