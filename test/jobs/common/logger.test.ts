import { describe, expect, it } from 'vitest';
import { MASK } from '../../../src/jobs/common/logger.ts';
import { captureLogger } from './fakes.ts';

describe('logger', () => {
  it('masks registered secrets in every line, including inside longer text', () => {
    const { logger, lines, secrets } = captureLogger();
    logger.mask('S3cr3t-Pa55!');
    logger.info('created password S3cr3t-Pa55! for alice');
    logger.error('failed: {"password":"S3cr3t-Pa55!"}');
    expect(lines.map((l) => l.line)).toEqual([`created password ${MASK} for alice`, `failed: {"password":"${MASK}"}`]);
    expect(secrets).toEqual(['S3cr3t-Pa55!']);
  });

  it('replaces a longer secret whole when it contains a shorter one', () => {
    const { logger } = captureLogger();
    logger.mask('abcd');
    logger.mask('xxabcdyy');
    expect(logger.redact('xxabcdyy and abcd')).toBe(`${MASK} and ${MASK}`);
  });

  it('ignores values too short to be secrets', () => {
    const { logger } = captureLogger();
    logger.mask('a');
    expect(logger.redact('a cat')).toBe('a cat');
  });
});
