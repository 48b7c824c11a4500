/**
 * Terraform reads `${` and `%{` in every string of cdk.tf.json as template syntax. Text that must reach AWS as
 * written — IAM policy variables such as `${aws:username}`, and anything from a cohort file (titles, tags, file names,
 * which are data and must never be evaluated) — is escaped here (`$${`, `%%{`). cdktf's own tokens
 * (`${TfToken[...]}`, which become references such as `${aws_kms_key.primary.arn}`) are left for cdktf to resolve.
 */

/** `text` as a Terraform string that evaluates to exactly `text`. */
export function literal(text: string): string {
  return text.replace(/\$\{(?!TfToken\[)/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** A JSON document (IAM policy, dashboard body, event pattern) as a literal Terraform string. */
export function jsonLiteral(value: unknown): string {
  return literal(JSON.stringify(value));
}
