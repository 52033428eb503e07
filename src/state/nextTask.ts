/** Runs f in a task of its own, after the current one. */
export function nextTask(f: () => void): void {
  setTimeout(f, 0);
}

/** Runs f in a task after the browser has drawn the next frame (at once where nothing draws frames). */
export function afterNextFrame(f: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => nextTask(f));
  else nextTask(f);
}
