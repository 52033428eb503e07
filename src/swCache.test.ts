/** The service worker's pruning: files of earlier builds go, this build's files and the page stay. */
import { describe, expect, it } from 'vitest';
import { pageCacheKey, stalePaths } from './swCache';

describe('pruning the offline cache', () => {
  it('drops what only an earlier build listed, keeps this build and the page', () => {
    const cached = ['/', '/favicon.svg', '/assets/index-OLD111.js', '/assets/index-NEW222.js', '/assets/engine.worker-OLD333.js', '/assets/katex-SAME44.js'];
    const current = ['/', '/favicon.svg', '/assets/index-NEW222.js', '/assets/katex-SAME44.js', '/assets/engine.worker-NEW555.js'];
    expect(stalePaths(cached, current)).toEqual(['/assets/index-OLD111.js', '/assets/engine.worker-OLD333.js']);
  });

  it('never drops the page itself, even from a list without it', () => {
    expect(stalePaths(['/', '/a.js'], ['/a.js'])).toEqual([]);
  });
});

describe('caching pages', () => {
  it('keeps the app under "/", and another page of the site under its own path', () => {
    expect(pageCacheKey('/')).toBe('/');
    expect(pageCacheKey('/index.html')).toBe('/');
    expect(pageCacheKey('/embed-demo.html')).toBe('/embed-demo.html');
  });
});
