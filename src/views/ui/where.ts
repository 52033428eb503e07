/** The name of one recurrence (a layer in a direction) as the panels write it: "layer 1 · reverse". */
import type { MessageKey } from '../../content/i18n';

type Tr = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** "" for a network of one layer in one direction (nothing to tell apart), else the layer and, for two directions, the direction. */
export function recurrenceName(tr: Tr, where: { layer: number; direction: number }, model: { numLayers: number; directions: number }): string {
  if (model.numLayers * model.directions === 1) return '';
  if (model.directions === 1) return tr('where.layer', { layer: where.layer });
  return tr('where.layerDir', { layer: where.layer, dir: tr(where.direction === 1 ? 'dir.reverse' : 'dir.forward') });
}

/**
 * The name of a sub-step (SUBSTEPS key) of a cell at its place: in reverse the gradient is sent back
 * to t + 1, and below the top layer the output step sends h_t up instead of computing y_t.
 */
export function substepName(tr: Tr, key: string, place: { layer: number; layers: number; direction: number }): string {
  if (key === 'dprev' && place.direction === 1) return tr('substep.dprevReverse');
  if (key === 'y' && place.layer < place.layers - 1) return tr('substep.yUp', { above: place.layer + 1 });
  return tr(`substep.${key}` as MessageKey);
}
