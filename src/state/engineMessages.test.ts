/**
 * Engine refusals in the Korean UI: the sentences the worker really sends (a size over a limit, a
 * weights file refused for each reason, an overflow, a stopped worker) are said in Korean with
 * their numbers and names; English stays as the engine wrote it; an unknown sentence is kept.
 */
import { describe, expect, it } from 'vitest';
import { localizeEngine, localizeEngineVars } from '../content/i18n/engineMessages';
import { checkLimits, UI_LIMITS } from '../engine/limits';
import { EngineHost, type HostReply } from '../worker/host';
import type { DataSpec, EngineReply, EngineRequest, ModelSpec } from '../worker/protocol';

const MODEL: ModelSpec = { cell: 'lstm', hidden: 4, seed: 1, init: 'pytorch', hhScale: 1, forgetBias: 1, updateBias: 0 };
const DATA: DataSpec = { task: 'sine', steps: 6, truncation: 0 };
type Body = EngineRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

function refusal(host: EngineHost, body: Body): string {
  const r = (host.handle({ ...body, id: 1 } as EngineRequest) as HostReply).reply as EngineReply;
  if (r.type !== 'error') throw new Error(`expected a refusal, got ${r.type}`);
  return r.message;
}

const hangul = /[\uac00-\ud7a3]/;

describe('engine refusals in Korean', () => {
  const host = new EngineHost();
  host.handle({ type: 'open', id: 1, model: MODEL, data: DATA, weights: null });
  const exported = host.handle({ type: 'exportWeights', id: 2 }).reply as Extract<EngineReply, { type: 'exportWeights' }>;
  const weights = JSON.parse(exported.json) as Record<string, number[][]>;
  const dict = ((weights as { state_dict?: unknown }).state_dict ?? weights) as Record<string, number[][]>;
  const key = (suffix: string) => Object.keys(dict).find((k) => k.endsWith(suffix))!;

  const cases: [string, string, RegExp][] = [
    ['a hidden size over the limit', refusal(host, { type: 'open', model: { ...MODEL, hidden: 300 }, data: DATA, weights: null }), /^은닉 크기 300은\(는\) 한도 256을\(를\) 넘습니다$/],
    ['a sequence over the limit', refusal(host, { type: 'open', model: MODEL, data: { ...DATA, steps: 5000 }, weights: null }), /^시퀀스 길이 5000은\(는\) 한도 2000단계를 넘습니다$/],
    ['working memory over the limit', checkLimits({ cell: 'lstm', inputSize: 1, hiddenSize: 256, outputSize: 1, numLayers: 4, directions: 2 }, 2000, UI_LIMITS)!, /^이 크기에는 작업 메모리에 수 \d+개가 필요해 한도 \d+개를 넘습니다/],
    ['a file that is not JSON', refusal(host, { type: 'importWeights', json: '{nope' }), /^올바른 JSON 파일이 아닙니다 \(.+\)$/],
    ['an unknown key', refusal(host, { type: 'importWeights', json: JSON.stringify({ ...dict, bogus: [[1]] }) }), /^state_dict 키 'bogus'은\(는\) Unroll이 아는 매개변수가 아닙니다$/],
    ['a missing key', refusal(host, { type: 'importWeights', json: JSON.stringify(Object.fromEntries(Object.entries(dict).filter(([k]) => !k.endsWith('weight_hh_l0')))) }), /^state_dict에 '.*weight_hh_l0'이\(가\) 없습니다$/],
    ['a wrong shape', refusal(host, { type: 'importWeights', json: JSON.stringify({ ...dict, [key('weight_ih_l0')]: [[1, 2]] }) }), /^state_dict\['.*'\]: 모양이 \[.+\]이어야 하는데 \[.+\]입니다$/],
    ['weights of 1e308', refusal(host, { type: 'importWeights', json: JSON.stringify({ ...dict, [key('head.weight')]: [[1e308, 0, 0, 0]] }) }), /^계산이 넘쳤습니다: .+ 값이 유한한 수가 아닙니다\. 입력이나 가중치를 줄이세요 \(가장 큰 가중치는 head\.weight의 1e\+308\)$/],
    ['nothing trained', refusal(new EngineHost(), { type: 'restoreFinite' }), /^아직 학습한 적이 없습니다$/],
    ['a silent worker', 'no answer for 1.6 s', /^1\.6초 동안 응답이 없음$/],
  ];
  for (const [what, english, korean] of cases) {
    it(`says ${what} in Korean, and in English as written`, () => {
      expect(localizeEngine('ko', english)).toMatch(korean);
      expect(localizeEngine('en', english)).toBe(english);
    });
  }

  it('says what overflowed in Korean too', () => {
    expect(localizeEngine('ko', 'the computation overflowed: the loss is not a finite number; scale the inputs or weights down')).toBe('계산이 넘쳤습니다: 손실 값이 유한한 수가 아닙니다. 입력이나 가중치를 줄이세요');
  });

  it('keeps a sentence no rule knows, and localizes only the values that carry engine sentences', () => {
    expect(localizeEngine('ko', 'something new went wrong')).toBe('something new went wrong');
    expect(localizeEngineVars('ko', { reason: 'the engine worker was stopped', url: 'the engine worker was stopped' })).toEqual({ reason: '엔진 워커가 멈춤', url: 'the engine worker was stopped' });
    expect(hangul.test(localizeEngineVars('ko', { message: 'nothing has been trained yet' }).message as string)).toBe(true);
  });
});
