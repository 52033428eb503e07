/**
 * Observers the UI benchmark (ui-bench.ts) installs in the page: long tasks, frames, the loss
 * curve's redraws, a text appearing. Scripts as strings, evaluated in the page as they are.
 */
import type { Page } from '@playwright/test';

/** Long tasks (as __lt) and frames (as __frames) from the next call on, for the training run. */
export const WATCH_FRAMES = `(() => {
  window.__lt = [];
  window.__frames = 0;
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__lt.push(e.duration))).observe({ type: 'longtask' });
  const tick = () => { window.__frames++; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`;

/** Long tasks and frames from the next call on (the observer sees tasks over 50 ms only). */
export const WATCH_LONG_TASKS = `(() => {
  window.__watch = { longTasks: [], frames: 0, redraws: 0 };
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__watch.longTasks.push(e.duration))).observe({ type: 'longtask' });
  const tick = () => { window.__watch.frames++; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const path = document.querySelector('[data-testid="loss-curve"] path.loss-line');
  if (path) new MutationObserver((r) => (window.__watch.redraws += r.length)).observe(path, { attributes: true, attributeFilter: ['d'] });
})()`;

interface Watch {
  longTasks: number[];
  frames: number;
  redraws: number;
}
export const readWatch = (page: Page) => page.evaluate(() => (window as unknown as { __watch: Watch }).__watch);
export const longest = (xs: number[]) => (xs.length ? Math.max(...xs) : 0);

/** Resolves in the page, with performance.now(), once the body's text contains `text`. */
export const WHEN_TEXT = `(text) => new Promise((resolve) => {
  const check = () => { if (document.body.textContent.includes(text)) { obs.disconnect(); resolve(performance.now()); return true; } return false; };
  const obs = new MutationObserver(check);
  if (!check()) obs.observe(document.body, { subtree: true, childList: true, characterData: true });
})`;
