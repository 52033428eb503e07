/** Step latency read off a Chromium performance trace of real key presses (ui-bench.ts). */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

/** One step as seen in a performance trace of the renderer's main thread. */
export interface StepTiming {
  /** main-thread work from the key press to the end of the first frame after it (timeline, status) */
  firstWork: number;
  /** the same, in wall time: includes waiting for the display's next frame */
  firstWall: number;
  /** wall time to the end of the frame that shows every panel updated (they follow a frame later) */
  completeWall: number;
  /** main-thread work in that whole span */
  completeWork: number;
  /** the longest single task in that span: what decides whether a frame is missed */
  longestTask: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  args?: { data?: { type?: string } };
}

/**
 * Presses → like a person (a trusted key event, one every ~120 ms) while Chromium records a
 * trace, then reads each step off the renderer's main thread: the tasks from the press to the
 * frame commits after it. Work is the sum of those tasks (no idle time); wall time includes the
 * wait for the display. 'unroll:panels' is the mark the app sets when the panels have caught up.
 */
export async function stepLatency(page: Page, steps: number): Promise<StepTiming[]> {
  const browser = page.context().browser()!;
  const path = `e2e/output/bench-trace.json`;
  await browser.startTracing(page, { path, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
  for (let i = 0; i < steps; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(120);
  }
  await browser.stopTracing();
  const events = (JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const keys = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown').sort((x, y) => x.ts - y.ts);
  const tid = keys[0].tid;
  const onMain = (name: string) => events.filter((e) => e.tid === tid && e.name === name && e.ph === 'X').sort((x, y) => x.ts - y.ts);
  const tasks = onMain('RunTask');
  const commits = onMain('Commit');
  const marks = events.filter((e) => e.name === 'unroll:panels').sort((x, y) => x.ts - y.ts);
  const out: StepTiming[] = [];
  for (const key of keys) {
    const start = tasks.find((t) => t.ts <= key.ts && t.ts + (t.dur ?? 0) >= key.ts)?.ts ?? key.ts;
    const first = commits.find((c) => c.ts > key.ts);
    const mark = marks.find((m) => m.ts > key.ts);
    const complete = mark && commits.find((c) => c.ts > mark.ts);
    if (!first || !complete) continue;
    const end1 = first.ts + (first.dur ?? 0);
    const end2 = complete.ts + (complete.dur ?? 0);
    let work1 = 0;
    let work2 = 0;
    let longest = 0;
    for (const t of tasks) {
      const a = t.ts;
      const b = t.ts + (t.dur ?? 0);
      work1 += Math.max(0, Math.min(b, end1) - Math.max(a, start));
      const w = Math.max(0, Math.min(b, end2) - Math.max(a, start));
      work2 += w;
      if (w > 0) longest = Math.max(longest, b - a);
    }
    out.push({ firstWork: work1 / 1000, firstWall: (end1 - start) / 1000, completeWall: (end2 - start) / 1000, completeWork: work2 / 1000, longestTask: longest / 1000 });
  }
  return out;
}
