import { describe, expect, it } from 'vitest';
import { HEAVY_PULSES_MS, PULSE_LOOK_EVERY, throttledBeat } from './pulse';

/** Runs pulses of the given lengths on a fake clock; returns when the beat looked at it and when it sent. */
function run(lengths: number[], everyMs = 200): { looks: number[]; sends: number[] } {
  let clock = 0;
  const looks: number[] = [];
  const sends: number[] = [];
  const beat = throttledBeat(
    () => sends.push(clock),
    () => (looks.push(clock), clock),
    everyMs,
  );
  for (const ms of lengths) {
    clock += ms;
    beat();
  }
  return { looks, sends };
}

function longestGap(times: number[], from = 0): number {
  let gap = 0;
  for (let i = 1; i < times.length; i++) if (times[i - 1] >= from) gap = Math.max(gap, times[i] - times[i - 1]);
  return gap;
}

describe('the worker’s beat', () => {
  it('shares one look at the clock among light pulses', () => {
    const { looks, sends } = run(Array(80_000).fill(0.0003)); // a timestep at H = 2: ~0.3 µs
    // the first look finds the clock far from the last (never), the rest every PULSE_LOOK_EVERY pulses
    expect(looks.length).toBeLessThanOrEqual(80_000 / PULSE_LOOK_EVERY + 2);
    expect(sends).toHaveLength(1); // 24 ms in all: one sign of life
  });

  it('looks at every heavy pulse, so the silence between two looks is one pulse, not PULSE_LOOK_EVERY of them', () => {
    // light pulses (a power iteration), then steps of the Jacobian products at H = 256 (~25 ms each)
    const lengths = [...Array(400).fill(0.05), ...Array(200).fill(25)];
    const { looks, sends } = run(lengths);
    const heavyFrom = 400 * 0.05;
    // once: at most PULSE_LOOK_EVERY pulses pass before a look finds them heavy
    expect(longestGap(looks, heavyFrom)).toBeLessThanOrEqual(PULSE_LOOK_EVERY * 25 + 1e-9);
    // after that first look, every pulse is looked at
    const afterFirst = looks.filter((t) => t > heavyFrom + PULSE_LOOK_EVERY * 25);
    expect(longestGap(afterFirst)).toBeCloseTo(25, 9);
    // and a sign of life goes out at most one pulse after each 200 ms
    const heavySends = sends.filter((t) => t > heavyFrom + PULSE_LOOK_EVERY * 25);
    expect(longestGap(heavySends)).toBeLessThanOrEqual(200 + 25 + 1e-9);
    expect(longestGap(heavySends)).toBeGreaterThanOrEqual(200);
  });

  it('goes back to sharing looks when pulses turn light again', () => {
    const lengths = [...Array(50).fill(25), ...Array(8000).fill(0.001)];
    const { looks } = run(lengths);
    const lightLooks = looks.filter((t) => t > 50 * 25);
    expect(lightLooks.length).toBeLessThanOrEqual(8000 / PULSE_LOOK_EVERY + 1);
    expect(HEAVY_PULSES_MS).toBeLessThan(25);
  });
});
