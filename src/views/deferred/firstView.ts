/**
 * The moment the first session is on screen. Code the first view does not need (the panels below
 * the timeline, the dialogs) waits for it, so that downloading, compiling and rendering that code
 * never delays the first session. App.tsx says when it has come: once the frame that shows the
 * session is painted, where it also marks the first interactive view.
 */
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
