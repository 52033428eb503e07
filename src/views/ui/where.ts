/** The name of one recurrence (a layer in a direction) as the panels write it: "layer 1 · reverse". */
import type { MessageKey } from '../../content/i18n';

type Tr = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** "" for a network of one layer in one direction (nothing to tell apart), else the layer and, for two directions, the direction. */
export function recurrenceName(tr: Tr, where: { layer: number; direction: number }, model: { numLayers: number; directions: number }): string {
  if (model.numLayers * model.directions === 1) return '';
  if (model.directions === 1) return tr('where.layer', { layer: where.layer });
  return tr('where.layerDir', { layer: where.layer, dir: tr(where.direction === 1 ? 'dir.reverse' : 'dir.forward') });
}
