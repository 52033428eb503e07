/** The q-quantile of xs (nearest rank, rounded): the medians and p95s the UI benchmark reports. */
export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
}
