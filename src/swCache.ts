/**
 * Which cached files a new version of the app no longer needs. Asset names carry a content hash,
 * so every build adds new names to the one cache; without pruning, the files of every earlier
 * version would stay on the user's disk for good.
 */

/** The cached paths not in this build's precache list (the page itself, '/', is always kept). */
export function stalePaths(cached: readonly string[], current: readonly string[]): string[] {
  const keep = new Set(current);
  keep.add('/');
  return cached.filter((p) => !keep.has(p));
}

/**
 * Under which name a fetched page is cached: the app's own page under '/' (whatever query or
 * hash it was opened with), any other page of the site (the embedding demo, /embed-demo.html)
 * under its own path, so that it never stands in for the app offline.
 */
export function pageCacheKey(pathname: string): string {
  return pathname.endsWith('.html') && pathname !== '/index.html' ? pathname : '/';
}
