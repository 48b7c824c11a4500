/**
 * The layering rules of the README's architecture, checked on the sources: src/ is plain TypeScript (no GitHub
 * Actions toolkit, no cdktf); cdktf lives in terraform-cdk/ only, loaded at run time through one file; the provider
 * package root (2,200 modules) is never loaded.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const FOLDERS = ['src', 'terraform-cdk', 'scripts', 'actions', 'bin', 'test'];
const CLASSES_FILE = 'terraform-cdk/cdktf-classes.ts';

interface ImportSite {
  readonly file: string;
  readonly specifier: string;
  /** Erased at compile time: `import type`, `export type`, `typeof import(...)`. */
  readonly typeOnly: boolean;
}

const STATIC = /^\s*(?:import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC = /(typeof\s+)?\b(?:import|require|load)\(\s*['"`]([^'"`]+)['"`]/g;

/** Every import, re-export, dynamic import and require in `source`. */
function importSites(file: string, source: string): ImportSite[] {
  const sites: ImportSite[] = [];
  for (const [, type, specifier] of source.matchAll(STATIC)) {
    if (specifier !== undefined) sites.push({ file, specifier, typeOnly: type !== undefined });
  }
  for (const [, type, specifier] of source.matchAll(DYNAMIC)) {
    if (specifier !== undefined) sites.push({ file, specifier, typeOnly: type !== undefined });
  }
  return sites;
}

function sourceFiles(): string[] {
  return FOLDERS.flatMap((folder) =>
    readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
      .filter((path) => /\.(ts|js|mjs)$/.test(path) && !path.split('/').includes('node_modules'))
      .map((path) => join(folder, path)),
  );
}

const sites = sourceFiles().flatMap((file) => importSites(file, readFileSync(join(ROOT, file), 'utf8')));
const isCdktf = (specifier: string) => /^(cdktf|constructs)($|\/)|^@cdktf\//.test(specifier);
const show = (found: readonly ImportSite[]) => found.map((s) => `${s.file}: ${s.specifier}`);

describe('import sites', () => {
  it('finds static, type-only, multi-line, dynamic and required imports', () => {
    const source = [
      "import { a } from 'one';",
      "import type { B } from 'two';",
      'import {',
      '  c,',
      "} from 'three';",
      "export * from 'four';",
      "const m = await import('five');",
      "type T = typeof import('six');",
      "const r = require('seven');",
      " * import { doc } from 'not-code' is prose in a comment",
    ].join('\n');
    expect(importSites('f.ts', source).map((s) => [s.specifier, s.typeOnly])).toEqual([
      ['one', false],
      ['two', true],
      ['three', false],
      ['four', false],
      ['five', false],
      ['six', true],
      ['seven', false],
    ]);
  });

  it('sees the project: hundreds of imports, cdktf among them', () => {
    expect(sites.length).toBeGreaterThan(500);
    expect(sites.some((s) => s.file === CLASSES_FILE && s.specifier === 'cdktf' && !s.typeOnly)).toBe(true);
  });
});

describe('layering', () => {
  it('src/ never imports the Actions toolkit or cdktf', () => {
    const found = sites.filter(
      (s) => s.file.startsWith('src/') && (s.specifier.startsWith('@actions/') || isCdktf(s.specifier)),
    );
    expect(show(found)).toEqual([]);
  });

  it('only terraform-cdk/ imports cdktf, constructs or the provider', () => {
    const found = sites.filter((s) => !s.file.startsWith('terraform-cdk/') && isCdktf(s.specifier));
    expect(show(found)).toEqual([]);
  });

  it(`terraform-cdk/ loads cdktf at run time only through ${CLASSES_FILE}`, () => {
    const found = sites.filter(
      (s) =>
        s.file.startsWith('terraform-cdk/') &&
        !s.file.endsWith('.test.ts') &&
        s.file !== CLASSES_FILE &&
        isCdktf(s.specifier) &&
        !s.typeOnly,
    );
    expect(show(found)).toEqual([]);
  });

  it('nothing names the provider package root, not even for types', () => {
    const found = sites.filter((s) => s.specifier === '@cdktf/provider-aws' || s.specifier === '@cdktf/provider-aws/');
    expect(show(found)).toEqual([]);
  });
});

/** Runs `body` (an ES module) in a fresh process that loads TypeScript as the CLI does; returns what it printed. */
function freshProcess(body: readonly string[]): unknown {
  const script = [
    "import { createRequire } from 'node:module';",
    'const cache = createRequire(import.meta.url).cache;',
    ...body,
  ].join('\n');
  const run = spawnSync(process.execPath, ['--import', 'tsx/esm', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

describe('what gets loaded', () => {
  it('synthesis loads only the provider modules it uses, never the package root, and leaves source maps on', () => {
    const loaded = freshProcess([
      "await import('./terraform-cdk/synth.ts');",
      "const provider = Object.keys(cache).filter((f) => f.includes('/node_modules/@cdktf/provider-aws/'));",
      'process.stdout.write(JSON.stringify({ provider, sourceMaps: process.sourceMapsEnabled }));',
    ]) as { provider: string[]; sourceMaps: boolean };
    // tsx turns source maps on; loading cdktf turns them off for its own modules only.
    expect(loaded.sourceMaps).toBe(true);
    const provider = loaded.provider.map((f) => relative(ROOT, f));
    expect(provider).not.toContain('node_modules/@cdktf/provider-aws/lib/index.js');
    expect(provider.length).toBeGreaterThan(30);
    expect(provider.length).toBeLessThan(100);
  });

  it('the CLI loads a command, and with it the AWS SDK or cdktf, only when that command runs', () => {
    const packages = (files: string[]) => [
      ...new Set(files.map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter((p) => p !== undefined)),
    ];
    const loaded = freshProcess([
      "const { main } = await import('./scripts/workshop.ts');",
      'const io = { stdout: { write() {} }, stderr: { write() {} }, cwd: process.cwd(), env: {} };',
      "await main(['--help'], io);",
      'const atStart = Object.keys(cache);',
      "await main(['schema'], io);",
      'process.stdout.write(JSON.stringify({ atStart, afterSchema: Object.keys(cache) }));',
    ]) as { atStart: string[]; afterSchema: string[] };
    const heavy = (name: string) => /^(@aws-sdk|@smithy|cdktf|@cdktf|@octokit|@actions)(\/|$)/.test(name);
    expect(packages(loaded.atStart).filter(heavy)).toEqual([]);
    expect(packages(loaded.afterSchema).filter(heavy)).toEqual([]);
  });
});
