const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

/**
 * Formats a byte count with decimal (SI) units, one decimal at most: 999 → "999 B", 1_200_000 → "1.2 MB",
 * 1_000_000 → "1 MB". SI because bundle budgets and CDN dashboards speak in powers of 1000.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  if (unit === 0) return `${sign}${Math.round(value)} B`;
  let rounded = Math.round(value * 10) / 10;
  if (rounded >= 1000 && unit < UNITS.length - 1) {
    rounded = 1;
    unit++;
  }
  return `${sign}${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} ${UNITS[unit]}`;
}
