/**
 * The page's entry, kept a few hundred bytes long and loaded `async` (see `preloadApp` in
 * vite.config.ts), so it runs as soon as it arrives rather than after the stylesheet: it starts the
 * engine worker, which fetches and compiles the engine while the app's own code (src/root.tsx,
 * preloaded beside it) downloads, then hands over to the app once the document and its stylesheet
 * are there (the app lays itself out from its first render). The worker is ready by the time the
 * app asks for its first session.
 */
import './worker/spawn';

function documentReady(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

function stylesheetsLoaded(): Promise<void> {
  const pending = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].filter((link) => !link.sheet);
  return Promise.all(pending.map((link) => new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true });
  }))).then(() => undefined);
}

void documentReady()
  .then(stylesheetsLoaded)
  .then(() => import('./root'));
