/** Number, money and size formatting for cost lines and the cost table (en-US, so the output is stable). */

const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** `$1,234.56`; amounts that round to zero but are not zero read `<$0.01` so a cost never looks free. */
export function formatUsd(amount: number): string {
  if (amount > 0 && amount < 0.005) return '<$0.01';
  return USD.format(amount);
}

/** Integers with thousands separators, other numbers with 2 decimals, small ones with 2 significant digits. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  if (Math.abs(value) >= 1) return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return value.toLocaleString('en-US', { maximumSignificantDigits: 2 });
}

const SIZE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Binary sizes as AWS bills them (1 GB = 1024³ bytes): `18.4 KB`, `1.5 GB`. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = unit === 0 ? String(Math.round(value)) : value.toLocaleString('en-US', { maximumSignificantDigits: 3 });
  return `${text} ${SIZE_UNITS[unit]}`;
}

/** `1 student`, `30 students`. */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${formatNumber(count)} ${count === 1 ? noun : many}`;
}
