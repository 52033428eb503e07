/**
 * A formula, rendered by KaTeX once it has loaded (a separate chunk: the first view does not
 * wait for it); until then the TeX source stands in, so nothing jumps or goes blank.
 */
import { lazy, Suspense } from 'react';

const Equation = lazy(() => import('./Equation').then((m) => ({ default: m.Equation })));

export function Tex({ tex, className }: { tex: string; className?: string }) {
  return (
    <Suspense fallback={<span className={className ? `equation pending ${className}` : 'equation pending'}>{tex}</span>}>
      <Equation tex={tex} className={className} />
    </Suspense>
  );
}
