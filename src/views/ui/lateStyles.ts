/**
 * Styles the first view does not need, added once the code that needs them has loaded: KaTeX's
 * (with its chunk) and the whole web font's faces (after the first view). They come after the
 * page's stylesheet, where the bundle used to put them, so the cascade order is unchanged.
 */
export function addLateStyles(name: string, css: string): void {
  // (no page in Node, where unit tests typeset equations)
  if (typeof document === 'undefined') return;
  if (document.head.querySelector(`style[data-late="${name}"]`)) return;
  const style = document.createElement('style');
  style.dataset.late = name;
  style.textContent = css;
  document.head.append(style);
}
