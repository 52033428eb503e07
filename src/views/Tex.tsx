/**
 * A formula, rendered by KaTeX once it has loaded (a separate chunk: the first view does not
 * wait for it; main.tsx fetches it right after the first paint). Until then a quiet placeholder
 * of a formula's height stands in.
 */
import { lazy, Suspense } from 'react';

export const loadEquation = () => import('./Equation');
const Equation = lazy(() => loadEquation().then((m) => ({ default: m.Equation })));

export function Tex({ tex, className }: { tex: string; className?: string }) {
  return (
    <Suspense fallback={<span className={className ? `equation pending ${className}` : 'equation pending'} aria-hidden="true" />}>
      <Equation tex={tex} className={className} />
    </Suspense>
  );
}
