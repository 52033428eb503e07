/**
 * Service worker: after the first visit the app works offline. Content-hashed assets are
 * served from the cache first (they never change under one name); the page itself is fetched
 * from the network first so a new version arrives, with the cached copy as the offline fallback.
 * A new version, once active, deletes what only earlier versions used.
 */
import { pageCacheKey, stalePaths } from './swCache';

interface FetchEventLike extends Event {
  request: Request;
  respondWith(r: Promise<Response>): void;
}
interface ExtendableEventLike extends Event {
  waitUntil(p: Promise<unknown>): void;
}
const sw = self as unknown as {
  addEventListener(type: 'fetch', f: (e: FetchEventLike) => void): void;
  addEventListener(type: 'install' | 'activate', f: (e: ExtendableEventLike) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
};

const CACHE = 'unroll-v2';

// On install, cache every file of the build (listed by the build in precache.json), fonts
// included, so even a language never shown before works offline.
sw.addEventListener('install', (e) => {
  e.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      let files = ['/', '/favicon.svg'];
      try {
        files = (await (await fetch('/precache.json', { cache: 'no-store' })).json()) as string[];
      } catch {
        /* dev server or a partial deploy: cache as pages are used */
      }
      await cache.addAll(files);
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(pruneEarlierVersions)
      .then(() => sw.clients.claim()),
  );
});

/** Deletes the cached files this build does not list (when its list can be read; else keeps all). */
async function pruneEarlierVersions(): Promise<void> {
  let current: string[];
  try {
    current = (await (await fetch('/precache.json', { cache: 'no-store' })).json()) as string[];
  } catch {
    return;
  }
  if (!Array.isArray(current)) return;
  const cache = await caches.open(CACHE);
  const requests = await cache.keys();
  const stale = new Set(stalePaths(requests.map((r) => new URL(r.url).pathname), current));
  await Promise.all(requests.filter((r) => stale.has(new URL(r.url).pathname)).map((r) => cache.delete(r)));
}

sw.addEventListener('fetch', (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== sw.location.origin) return;
  const isPage = req.mode === 'navigate' || url.pathname === '/' || url.pathname.endsWith('.html');
  e.respondWith(isPage ? networkFirst(req) : cacheFirst(req));
});

async function cacheFirst(req: Request): Promise<Response> {
  // ignoreVary: fonts are fetched in CORS mode (with an Origin header) but cached without one.
  const hit = await caches.match(req, { ignoreVary: true });
  if (hit) return hit;
  const res = await fetch(req);
  // Clone now: once the page reads the body, a clone is no longer possible.
  if (res.ok) {
    const copy = res.clone();
    void caches.open(CACHE).then((c) => c.put(req, copy));
  }
  return res;
}

async function networkFirst(req: Request): Promise<Response> {
  const key = pageCacheKey(new URL(req.url).pathname);
  try {
    const res = await fetch(req);
    if (res.ok) {
      const copy = res.clone();
      void caches.open(CACHE).then((c) => c.put(key, copy));
    }
    return res;
  } catch {
    return (await caches.match(key)) ?? (await caches.match(req)) ?? new Response('offline', { status: 503 });
  }
}
