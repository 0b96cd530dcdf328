/** Dates and durations as words, for people and screen readers alike. */

export function formatWhen(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** "4 min 12 s", "1 h 3 min", "less than a second". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return 'less than a second';
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s} s`;
  return `${s} s`;
}
