import { describe, expect, it } from 'vitest';
import { codeBlock, escapeHtml, escapeMarkdown, inlineCode } from '../../src/render/markdown-escape.ts';
import { codeSpanContent, decodeEscapes } from './markdown-text.ts';

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<details open><summary>x</summary>',
  'a | b | c',
  'line one\nline two\r\n- not a list',
  'ping @octocat and @acme/admins',
  'see #123',
  '**bold** _em_ ~~strike~~ [link](https://evil.example) ![img](x.png)',
  '${{ secrets.AWS_SECRET }} and $x^2$',
  'back\\slash `code` ``double``',
  '# not a heading',
  '1. not a list',
  '&amp; &lt;b&gt;',
];

describe('escapeMarkdown', () => {
  it.each(HOSTILE)('renders %j as its literal text', (text) => {
    const escaped = escapeMarkdown(text);
    // Only one line, no raw HTML, no pipe that could split a table cell, no live mention or issue reference.
    expect(escaped).not.toMatch(/[\r\n<>]/);
    expect(escaped).not.toMatch(/(^|[^\\])\|/);
    expect(decodeEscapes(escaped)).not.toMatch(/[@#][A-Za-z0-9]/);
    // Every inline syntax character is escaped, and the text decodes back to the original.
    expect(escaped).not.toMatch(/(^|[^\\])(\\\\)*[*_`[\]~$]/);
    const expected = text.replace(/\r\n|\n/g, ' ').replace(/[@#](?=[A-Za-z0-9])/g, '$&\u200b');
    expect(decodeEscapes(escaped)).toBe(expected);
  });

  it('escapes a leading block marker', () => {
    expect(escapeMarkdown('# h')).toBe('\\# h');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('12. item')).toBe('12\\. item');
    expect(escapeMarkdown('a - b')).toBe('a - b');
  });
});

describe('escapeHtml', () => {
  it('makes text inert inside an HTML element such as <summary>', () => {
    const escaped = escapeHtml('<b>"x"</b> & \'y\' @octocat\n#1');
    expect(escaped).toBe('&lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; &#39;y&#39; @&#8203;octocat #&#8203;1');
  });
});

describe('inlineCode', () => {
  it.each([
    ['plain', '`plain`'],
    ['a`b', '``a`b``'],
    ['`starts', '`` `starts ``'],
    ['ends`', '`` ends` ``'],
    ['a```b``c', '````a```b``c````'],
    [' padded ', '`  padded  `'],
  ])('shows %j exactly', (text, expected) => {
    expect(inlineCode(text)).toBe(expected);
    expect(codeSpanContent(inlineCode(text))).toBe(text);
  });

  it('still writes a valid span for an empty string', () => {
    expect(inlineCode('')).toBe('` `');
  });

  it('keeps a code span on one line and out of table structure when asked', () => {
    expect(inlineCode('a\nb')).toBe('`a↵b`');
    expect(inlineCode('a|b', { table: true })).toBe('`a\\|b`');
    expect(inlineCode('a|b')).toBe('`a|b`');
  });
});

describe('codeBlock', () => {
  it('uses a fence longer than any backtick run inside, so the text cannot close it', () => {
    const block = codeBlock('before\n````\n</details>\nafter');
    expect(block).toBe('`````text\nbefore\n````\n</details>\nafter\n`````');
    expect(codeBlock('x', 'diff` evil')).toBe('```diffevil\nx\n```');
  });
});
