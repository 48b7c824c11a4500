/** A timeout given in minutes (a CLI option or an action input), as milliseconds; `name` is how the caller spells it. */
export function timeoutMinutesMs(text: string, name: string, maxMinutes: number): number {
  const minutes = Number(text);
  if (text.trim() === '' || !Number.isFinite(minutes) || minutes <= 0) {
    throw new Error(`${name} must be a positive number; got "${text}"`);
  }
  if (minutes > maxMinutes)
    throw new Error(`${name} must be a number of minutes from 0 to ${maxMinutes}; got "${text}"`);
  return minutes * 60_000;
}
