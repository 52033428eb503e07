/**
 * The page's entry, kept a few hundred bytes long so it runs at once: it starts the engine worker,
 * which fetches and compiles the engine while the app's own code (src/root.tsx, preloaded by the
 * page, see `preloadApp` in vite.config.ts) downloads and evaluates, then hands over to the app.
 * The worker is ready by the time the app asks for its first session.
 */
import './worker/spawn';

void import('./root');
