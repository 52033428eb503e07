/** Runs f in a task of its own, after the current one. */
export function nextTask(f: () => void): void {
  setTimeout(f, 0);
}

/**
 * Runs f in a task after the browser has drawn two more frames: the store's change in the first,
 * the panels that follow the store a frame later (context.tsx, useLaggedCopy) in the second. At
 * once where nothing draws frames.
 */
export function afterPanelsDrawn(f: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => requestAnimationFrame(() => nextTask(f)));
  else nextTask(f);
}
