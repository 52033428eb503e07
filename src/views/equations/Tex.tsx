/**
 * Formulas for the views: rendered by KaTeX once its chunk (katexTex.tsx) has loaded. The first
 * view does not wait for it: the chunk is fetched once the first session is on screen (a formula
 * rendered before then does not fetch it sooner, see views/deferred/firstView.ts); until then a
 * quiet placeholder of a formula's height stands in.
 */
import { lazy, Suspense } from 'react';
import { afterFirstView } from '../deferred/firstView';
import type { NumericPart } from './equationTex';

export const loadKatex = () => import('./katexTex');
const Equation = lazy(() => afterFirstView(loadKatex).then((m) => ({ default: m.Equation })));
const NumericEquation = lazy(() => afterFirstView(loadKatex).then((m) => ({ default: m.NumericEquation })));

const pending = (className?: string) => <span className={className ? `equation pending ${className}` : 'equation pending'} aria-hidden="true" />;

export function Tex({ tex, className }: { tex: string; className?: string }) {
  return (
    <Suspense fallback={pending(className)}>
      <Equation tex={tex} className={className} />
    </Suspense>
  );
}

/** A line with one unit's numbers (see equationTex.ts). */
export function NumericTex({ parts, className }: { parts: readonly NumericPart[]; className?: string }) {
  return (
    <Suspense fallback={pending(className)}>
      <NumericEquation parts={parts} className={className} />
    </Suspense>
  );
}
