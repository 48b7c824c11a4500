/**
 * The `--at` of a restore: an ISO 8601 date and time with an explicit offset (`Z` or `±hh:mm`). A time without one
 * would be read in whatever zone the machine or runner happens to be in, and an instructor in Seoul restoring "to
 * 14:00" on a UTC runner would land nine hours off: so it is refused, with an example.
 */
import { ConfigError } from '../common/config-error.ts';

const WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parsePointInTime(text: string): Date {
  const value = text.trim();
  const match = WITH_OFFSET.exec(value);
  if (match === null) {
    throw new ConfigError(
      `--at must be an ISO date and time with an offset, such as 2026-12-08T14:30:00+09:00 or 2026-12-08T05:30:00Z; got "${text}"`,
    );
  }
  const [, , month, day, hour, minute, second] = match;
  const at = new Date(value);
  const fieldsValid =
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= 31 &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second ?? '0') <= 59;
  if (!fieldsValid || Number.isNaN(at.getTime())) throw new ConfigError(`--at "${text}" is not a real date and time`);
  return at;
}
