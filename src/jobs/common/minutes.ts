/** A timeout given in minutes (a CLI option or an action input), as milliseconds; `name` is how the caller spells it. */
export function timeoutMinutesMs(text: string, name: string, maxMinutes: number): number {
  const minutes = Number(text);
  // One message for every bad value, so a refused 0 and a refused 60 tell the same range.
  if (text.trim() === '' || !Number.isFinite(minutes) || minutes <= 0 || minutes > maxMinutes) {
    throw new Error(`${name} must be a number of minutes above 0 and at most ${maxMinutes}; got "${text}"`);
  }
  return minutes * 60_000;
}
