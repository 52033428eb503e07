import { useEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

export interface ElementSize {
  width: number;
  height: number;
}

/**
 * The inner size (clientWidth × clientHeight) of an element, kept up to date. Read only inside the
 * ResizeObserver callback, which the browser runs after layout: reading it while React commits
 * would force an extra layout of the whole page (that alone cost ~300 ms of the first view). The
 * update is flushed before the paint, so the first frame already has the measured size.
 */
export function useElementSize<E extends HTMLElement>(initial: ElementSize = { width: 0, height: 0 }): [RefObject<E | null>, ElementSize] {
  const ref = useRef<E>(null);
  const [size, setSize] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      const width = el.clientWidth;
      const height = el.clientHeight;
      flushSync(() => setSize((s) => (s.width === width && s.height === height ? s : { width, height })));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, size];
}
