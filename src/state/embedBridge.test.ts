import { describe, expect, it } from 'vitest';
import { readEmbedRequest, withEmbed } from './embedBridge';
import { parseHash, toHash } from './url';

describe('embed mode', () => {
  it('reads each request the embedding page may send', () => {
    expect(readEmbedRequest({ unroll: 'step', by: -1 })).toEqual({ unroll: 'step', by: -1 });
    expect(readEmbedRequest({ unroll: 'seek', phase: 'backward', t: 3 })).toEqual({ unroll: 'seek', phase: 'backward', t: 3 });
    expect(readEmbedRequest({ unroll: 'play', extra: 1 })).toEqual({ unroll: 'play' });
    expect(readEmbedRequest({ unroll: 'open', hash: '#cell=gru' })).toEqual({ unroll: 'open', hash: '#cell=gru' });
  });

  it('says what is wrong with anything else, and never throws', () => {
    for (const bad of [null, 'step', 42, {}, { unroll: 'step', by: 2 }, { unroll: 'seek', phase: 'up', t: 1 }, { unroll: 'seek', phase: 'forward', t: -1 }, { unroll: 'seek', phase: 'forward', t: 1.5 }, { unroll: 'open' }, { unroll: 'eval', code: '1' }]) {
      expect(typeof readEmbedRequest(bad), JSON.stringify(bad)).toBe('string');
    }
  });

  it('a link opened inside the frame stays embedded', () => {
    expect(withEmbed('#cell=gru&H=4', 'timeline,cell')).toBe('#cell=gru&H=4&embed=timeline,cell');
    expect(withEmbed('', 'cell')).toBe('#embed=cell');
    expect(withEmbed('#embed=equations&T=5', 'cell')).toBe('#embed=equations&T=5');
  });

  it('the embed field takes known panels once each, and is written back', () => {
    expect(parseHash('#embed=timeline,cell,equations').embed).toEqual(['timeline', 'cell', 'equations']);
    expect(toHash(parseHash('#embed=cell,timeline'))).toContain('embed=cell%2Ctimeline');
    expect(parseHash('#embed=cell,cell').problems).toHaveLength(1);
    expect(parseHash('#embed=topbar').embed).toBeNull();
    expect(parseHash('#embed=').embed).toBeNull();
  });
});
