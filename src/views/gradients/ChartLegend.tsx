/** The key of a chart over time: each curve's line and its name (names may hold $…$ TeX), then any notes. */
import type { ReactNode } from 'react';
import { Rich } from '../ui/Rich';
import { Swatch, type ChartSeries } from './TimeChart';

export function ChartLegend({ series, children }: { series: readonly (Pick<ChartSeries, 'id' | 'color' | 'dash' | 'marker'> & { legend: string })[]; children?: ReactNode }) {
  return (
    <ul className="gp-legend mech-legend">
      {series.map((s) => (
        <li key={s.id}>
          <Swatch color={s.color} dash={s.dash} marker={s.marker} />
          <span>
            <Rich text={s.legend} />
          </span>
        </li>
      ))}
      {children}
    </ul>
  );
}
