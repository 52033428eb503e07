/**
 * One chapter of a lesson file: what it opens (setup or preset, view, phase, step, layer, unit),
 * what it says, where it points, the claims it states and the questions it asks.
 */
import { CONFIG_LIMITS } from '../../engine/fieldLimits';
import { CELL_TYPES } from '../../engine/params';
import { CLAIMS } from '../claims';
import { ITEM_KINDS, type ItemKind } from '../predictItems';
import { PRESET_IDS } from '../presets';
import { CHAPTER_DEFAULTS, LESSON_FOCI, LESSON_LIMITS as LL, LESSON_TABS, type Chapter, type PresetChoice } from './format';
import type { JsonNode } from './jsonTree';
import { join, type Reader } from './reader';
import { checkTogether, knownNetwork, readSetup } from './setup';
import { readParagraphs, readText, type LangsSeen } from './texts';

export const CHAPTER_KEYS = ['id', 'setup', 'preset', 'view', 'phase', 't', 'layer', 'unit', 'focus', 'tab', 'title', 'body', 'tryIt', 'tryPresets', 'trainFor', 'claims', 'predict'] as const;

const ID = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

function readPreset(r: Reader, node: JsonNode, path: string): PresetChoice | undefined {
  const unknown = (n: JsonNode, id: string) => r.add(n.pos, 'preset.unknown', { value: id.slice(0, 40), list: PRESET_IDS.join(', ') });
  if (node.kind === 'string') return (PRESET_IDS as string[]).includes(node.value) ? { id: node.value as PresetChoice['id'] } : unknown(node, node.value);
  const f = r.object(node, path, ['id', 'cell'], ['id']);
  const idNode = f?.get('id')?.value;
  if (!f || !idNode) return undefined;
  const id = r.string(idNode, join(path, 'id'));
  if (id === undefined) return undefined;
  if (!(PRESET_IDS as string[]).includes(id)) return unknown(idNode, id);
  const cellNode = f.get('cell')?.value;
  if (!cellNode) return { id: id as PresetChoice['id'] };
  const cell = r.choice(cellNode, join(path, 'cell'), CELL_TYPES);
  return cell === undefined ? undefined : { id: id as PresetChoice['id'], cell };
}

/** A list of distinct strings, each checked by `one`. */
function distinct<V extends string>(r: Reader, node: JsonNode, path: string, max: number, one: (n: JsonNode, p: string) => V | undefined): V[] | undefined {
  const items = r.array(node, path, max);
  if (!items) return undefined;
  const out: V[] = [];
  let bad = false;
  items.forEach((n, k) => {
    const v = one(n, `${path}[${k}]`);
    if (v === undefined) bad = true;
    else if (out.includes(v)) {
      r.add(n.pos, 'list.twice', { key: path, value: v });
      bad = true;
    } else out.push(v);
  });
  return bad ? undefined : out;
}

/** The chapter, or undefined when it has a problem (every problem found is recorded). */
export function readChapter(r: Reader, node: JsonNode, path: string, seen: LangsSeen): Chapter | undefined {
  const f = r.object(node, path, CHAPTER_KEYS, ['id', 'title', 'body']);
  if (!f) return undefined;
  const before = r.problems.length;
  const p = (k: string) => join(path, k);
  const v = (k: (typeof CHAPTER_KEYS)[number]) => f.get(k)?.value;
  const ch: Partial<Chapter> & { config: Chapter['config'] } = { ...CHAPTER_DEFAULTS, config: {}, claims: [] };
  const idNode = v('id');
  if (idNode) {
    const id = r.string(idNode, p('id'));
    if (id !== undefined && (!ID.test(id) || id.length > LL.idChars)) r.add(idNode.pos, 'chapter.badId', { value: id.slice(0, 60), max: LL.idChars });
    else ch.id = id;
  }
  const setupNode = v('setup');
  const setup = setupNode ? readSetup(r, setupNode, p('setup')) : undefined;
  if (setup) ch.config = setup.setup;
  const presetNode = v('preset');
  if (presetNode) ch.preset = readPreset(r, presetNode, p('preset'));
  const known = knownNetwork(ch.config, ch.preset);
  if (setup) checkTogether(r, known, setup.at);
  const viewNode = v('view');
  if (viewNode) ch.view = r.choice(viewNode, p('view'), ['rolled', 'unrolled'] as const);
  const phaseNode = v('phase');
  if (phaseNode) ch.phase = r.choice(phaseNode, p('phase'), ['forward', 'backward'] as const);
  // the step, layer and unit must exist in the chapter's network (where it is known; the app bounds the rest)
  const T = known.steps ?? CONFIG_LIMITS.steps.max;
  const tNode = v('t');
  if (tNode) {
    const t = r.integer(tNode, p('t'), -CONFIG_LIMITS.steps.max, CONFIG_LIMITS.steps.max - 1);
    if (t !== undefined && (t >= T || t < -T)) r.add(tNode.pos, 'chapter.t', { key: p('t'), value: t, T, last: T - 1 });
    else ch.t = t;
  }
  const Lc = known.layers ?? CONFIG_LIMITS.layers.max;
  const layerNode = v('layer');
  if (layerNode) ch.layer = r.integer(layerNode, p('layer'), 0, CONFIG_LIMITS.layers.max - 1);
  if (layerNode && ch.layer !== undefined && ch.layer >= Lc) ch.layer = r.add(layerNode.pos, 'chapter.layer', { key: p('layer'), value: ch.layer, L: Lc, last: Lc - 1 });
  const H = known.hidden ?? CONFIG_LIMITS.hidden.max;
  const unitNode = v('unit');
  if (unitNode && unitNode.kind !== 'null') {
    const unit = r.integer(unitNode, p('unit'), 0, CONFIG_LIMITS.hidden.max - 1);
    if (unit !== undefined && unit >= H) r.add(unitNode.pos, 'chapter.unit', { key: p('unit'), value: unit, H, last: H - 1 });
    else ch.unit = unit;
  }
  const focusNode = v('focus');
  if (focusNode) ch.focus = r.choice(focusNode, p('focus'), LESSON_FOCI);
  const tabNode = v('tab');
  if (tabNode) ch.tab = r.choice(tabNode, p('tab'), LESSON_TABS);
  const titleNode = v('title');
  if (titleNode) ch.title = readText(r, titleNode, p('title'), LL.titleChars, seen);
  const bodyNode = v('body');
  if (bodyNode) ch.body = readParagraphs(r, bodyNode, p('body'), { ...LL.paragraphs, chars: LL.paragraphChars }, seen);
  const tryNode = v('tryIt');
  if (tryNode) ch.tryIt = readText(r, tryNode, p('tryIt'), LL.tryChars, seen);
  const tryPresetsNode = v('tryPresets');
  if (tryPresetsNode) {
    const items = r.array(tryPresetsNode, p('tryPresets'), LL.tryPresets);
    const list = items?.map((n, k) => readPreset(r, n, `${p('tryPresets')}[${k}]`));
    if (list?.every((x): x is PresetChoice => x !== undefined)) ch.tryPresets = list;
  }
  const trainNode = v('trainFor');
  if (trainNode) ch.trainFor = r.integer(trainNode, p('trainFor'), LL.trainFor.min, LL.trainFor.max);
  const claimsNode = v('claims');
  if (claimsNode) {
    const claimIds = CLAIMS.map((c) => c.id);
    const claims = distinct(r, claimsNode, p('claims'), LL.claims, (n, q) => {
      const id = r.string(n, q);
      if (id !== undefined && !claimIds.includes(id)) return r.add(n.pos, 'claim.unknown', { value: id.slice(0, 40), list: claimIds.join(', ') });
      return id;
    });
    // a claim was checked on its presets: the chapter must let the reader open one of them
    const shown = new Set([ch.preset?.id, ...(ch.tryPresets ?? []).map((x) => x.id)]);
    if (claims && claimsNode.kind === 'array') {
      claims.forEach((id, k) => {
        const claim = CLAIMS.find((c) => c.id === id)!;
        if (!claim.presets.some((x) => shown.has(x))) r.add(claimsNode.items[k].pos, 'claim.notShown', { value: id, presets: claim.presets.join(', ') });
      });
    }
    ch.claims = claims;
  }
  const predictNode = v('predict');
  if (predictNode) ch.predict = distinct<ItemKind>(r, predictNode, p('predict'), ITEM_KINDS.length, (n, q) => r.choice(n, q, ITEM_KINDS));
  if (r.problems.length > before) return undefined;
  for (const k of Object.keys(ch) as (keyof Chapter)[]) if (ch[k] === undefined) delete ch[k];
  return ch as Chapter;
}
