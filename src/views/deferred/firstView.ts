/**
 * The moment the first session is on screen. Code the first view does not need (the panels below
 * the timeline, the dialogs) waits for it, so that downloading, compiling and rendering that code
 * never delays the first session. App.tsx says when it has come: once the frame that shows the
 * session is painted, where it also marks the first interactive view.
 */
import { messageTask } from '../ui/messageTask';

let shown: () => void = () => undefined;
const firstView = new Promise<void>((resolve) => {
  shown = resolve;
});

/** Called once the first session has been painted, or could not be opened (later calls do nothing). */
export function firstViewShown(): void {
  shown();
}

/** Resolves after the first view; then runs `load`. */
export function afterFirstView<T>(load: () => Promise<T>): Promise<T> {
  return firstView.then(load);
}

/**
 * Runs `f` as the first task after the frame being drawn, from within that frame's animation
 * callback. A user-blocking task where the browser has a task scheduler (Chromium): a message
 * (the fallback) queues behind whatever other work was posted before it, which put the mark up
 * to 40 ms after the paint.
 */
export function afterThisFrame(f: () => void): void {
  const scheduler = (globalThis as { scheduler?: { postTask?: (f: () => void, o: { priority: string }) => Promise<void> } }).scheduler;
  if (scheduler?.postTask) {
    void scheduler.postTask(f, { priority: 'user-blocking' });
    return;
  }
  messageTask(f);
}
