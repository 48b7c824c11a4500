import { describe, expect, it } from 'vitest';
import { editDistance, nearest } from '../../src/cohort/suggest.ts';

describe('editDistance', () => {
  it.each([
    ['students', 'students', 0],
    ['studnets', 'students', 1],
    ['student', 'students', 1],
    ['stuednts', 'students', 1],
    ['stdnts', 'students', 2],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('%s → %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('nearest', () => {
  const keys = ['id', 'title', 'owner', 'schedule', 'students', 'roster', 'namePrefix', 'limitUsd', 'timezone'];
  it.each([
    ['studnets', 'students'],
    ['Title', 'title'],
    ['timeZone', 'timezone'],
    ['shedule', 'schedule'],
    ['prefix', 'namePrefix'],
    ['limit', 'limitUsd'],
    ['ids', 'id'],
  ])('suggests %s → %s', (word, expected) => {
    expect(nearest(word, keys)).toBe(expected);
  });

  it.each(['colour', 'x', 'budgetLimit', 'a'.repeat(200)])('suggests nothing for %s', (word) => {
    expect(nearest(word, keys)).toBeUndefined();
  });
});
