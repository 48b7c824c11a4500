import { Token } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { jsonLiteral, literal } from './terraform-text.ts';

describe('literal', () => {
  it('escapes template interpolations and directives', () => {
    expect(literal('students/${aws:username}/*')).toBe('students/$${aws:username}/*');
    expect(literal('%{ if x }y%{ endif }')).toBe('%%{ if x }y%%{ endif }');
    expect(literal('a ${b} c ${d}')).toBe('a $${b} c $${d}');
  });

  it('leaves plain text and lone markers alone', () => {
    expect(literal('cost $5 {or} 10%')).toBe('cost $5 {or} 10%');
    expect(literal('{{name}}')).toBe('{{name}}');
  });

  it('leaves cdktf tokens to become references', () => {
    const token = Token.asString({ resolve: () => 'x' });
    expect(token).toMatch(/^\$\{TfToken\[/);
    expect(literal(`${token} and \${aws:username}`)).toBe(`${token} and $\${aws:username}`);
  });

  it('writes JSON documents with their policy variables escaped', () => {
    const text = jsonLiteral({ Resource: 'arn:aws:s3:::b/${aws:username}/*' });
    expect(text).toBe('{"Resource":"arn:aws:s3:::b/$${aws:username}/*"}');
  });
});
