/**
 * Presets that show each claim of the lesson (content/presets.ts): a click opens a network and data
 * where the claim holds on every seed the claims test tries. The ones for this cell come first.
 */
import { useActions, useApp, useT } from '../../state/context';
import type { CellType } from '../../state/model';
import { PRESET_IDS, PRESETS, type PresetId } from '../../state/presets';

/** The presets of the vanishing tab, by cell (the training and truncation ones live in their chapters). */
const FOR_CELL: Record<CellType, PresetId[]> = {
  rnn: ['vanishing', 'exploding', 'saturation'],
  lstm: ['highwayOpen', 'highwayClosed'],
  gru: ['zPathOpen', 'zPathClosed'],
};

export function PresetChips({ cell }: { cell: CellType }) {
  const tr = useT();
  const actions = useActions();
  const lang = useApp((s) => s.lang);
  const order = [...FOR_CELL[cell], ...PRESET_IDS.filter((id) => !FOR_CELL[cell].includes(id) && Object.values(FOR_CELL).flat().includes(id))];
  return (
    <div className="gp-card preset-card" data-testid="presets">
      <h3>{tr('preset.title')}</h3>
      <p className="sub gp-tight">{tr('preset.about')}</p>
      <ul className="preset-chips">
        {order.map((id) => (
          <li key={id}>
            <button type="button" className="chip" aria-label={tr('preset.open', { title: PRESETS[id].title[lang] })} onClick={() => actions.openPreset(id)}>
              {PRESETS[id].title[lang]}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
