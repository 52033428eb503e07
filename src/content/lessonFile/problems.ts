/**
 * The problems a lesson file can have, each with its position and its message in both languages.
 * {name} in a message is filled from the problem's vars.
 */
import type { Lang } from '../i18n';
import type { Pos } from './jsonTree';

export interface Problem {
  pos: Pos;
  code: ProblemCode;
  vars: Record<string, string | number>;
}

const MESSAGES = {
  'json.unexpected': { en: 'unexpected {found}: this is not valid JSON', ko: '예상하지 못한 {found}: 올바른 JSON이 아닙니다' },
  'json.end': { en: 'the file ends too early (a bracket, brace or quote is not closed)', ko: '파일이 너무 일찍 끝납니다(괄호나 따옴표가 닫히지 않았습니다)' },
  'json.duplicate': { en: 'the key "{found}" appears twice in the same object', ko: '같은 객체에 키 "{found}"가 두 번 나옵니다' },
  'json.deep': { en: 'nested more than 32 levels deep', ko: '32단계보다 깊게 중첩되어 있습니다' },
  'json.badEscape': { en: 'the escape {found} does not exist in JSON', ko: 'JSON에 없는 이스케이프 {found}입니다' },
  'json.badNumber': { en: 'a number JSON does not allow', ko: 'JSON이 허용하지 않는 숫자입니다' },
  'json.control': { en: 'a control character ({found}) inside a string: write \\n for a line break', ko: '문자열 안에 제어 문자({found})가 있습니다. 줄바꿈은 \\n으로 쓰세요' },
  'file.tooLong': { en: 'the file has {n} characters; a lesson file may have at most {max}', ko: '파일이 {n}자입니다. 수업 파일은 최대 {max}자까지 됩니다' },
  'lesson.format': { en: '"format" must be "unroll-lesson": this is not a lesson file', ko: '"format"은 "unroll-lesson"이어야 합니다. 수업 파일이 아닙니다' },
  'lesson.version': { en: '"version" is {found}; this app reads version 1', ko: '"version"이 {found}입니다. 이 앱은 버전 1을 읽습니다' },
  'key.unknown': { en: 'unknown key "{key}" (allowed here: {allowed})', ko: '모르는 키 "{key}"입니다(여기 쓸 수 있는 키: {allowed})' },
  'key.missing': { en: '"{key}" is missing', ko: '"{key}"가 없습니다' },
  'type.object': { en: '"{key}" must be an object {…}', ko: '"{key}"는 객체 {…}여야 합니다' },
  'type.array': { en: '"{key}" must be a list […]', ko: '"{key}"는 목록 […]이어야 합니다' },
  'type.string': { en: '"{key}" must be a string', ko: '"{key}"는 문자열이어야 합니다' },
  'type.integer': { en: '"{key}" must be a whole number', ko: '"{key}"는 정수여야 합니다' },
  'type.number': { en: '"{key}" must be a number', ko: '"{key}"는 숫자여야 합니다' },
  'type.boolean': { en: '"{key}" must be true or false', ko: '"{key}"는 true나 false여야 합니다' },
  'type.paragraphs': { en: '"{key}" must be a string or a list of strings (paragraphs)', ko: '"{key}"는 문자열이나 문자열 목록(문단)이어야 합니다' },
  range: { en: '"{key}" is {value}; it must be from {min} to {max}', ko: '"{key}"가 {value}입니다. {min}부터 {max}까지여야 합니다' },
  oneOf: { en: '"{key}" is "{value}"; it must be one of {list}', ko: '"{key}"가 "{value}"입니다. 다음 중 하나여야 합니다: {list}' },
  'text.none': { en: '"{key}" needs text in Korean ("ko") or English ("en")', ko: '"{key}"에는 한국어("ko")나 영어("en") 글이 있어야 합니다' },
  'text.empty': { en: '"{key}" is empty', ko: '"{key}"가 비어 있습니다' },
  'text.tooLong': { en: '"{key}" has {n} characters; at most {max}', ko: '"{key}"가 {n}자입니다. 최대 {max}자까지 됩니다' },
  'text.dollars': { en: '"{key}" has an odd number of $: a formula $…$ is not closed', ko: '"{key}"에 $가 홀수 개 있습니다. 수식 $…$이 닫히지 않았습니다' },
  'list.tooMany': { en: '"{key}" has {n} items; at most {max}', ko: '"{key}"에 항목이 {n}개 있습니다. 최대 {max}개까지 됩니다' },
  'list.tooFew': { en: '"{key}" needs at least {min} items', ko: '"{key}"에는 항목이 {min}개 이상 있어야 합니다' },
  'list.twice': { en: '"{key}" names "{value}" twice', ko: '"{key}"에 "{value}"가 두 번 있습니다' },
  'chapter.badId': { en: 'chapter id "{value}": use letters, digits and -, at most {max} characters', ko: '장 id "{value}": 영문자, 숫자, -만 써서 {max}자 이내로 쓰세요' },
  'chapter.twice': { en: 'chapter id "{value}" is used twice', ko: '장 id "{value}"가 두 번 쓰였습니다' },
  'preset.unknown': { en: 'there is no preset "{value}" (the presets: {list})', ko: '프리셋 "{value}"는 없습니다(프리셋: {list})' },
  'claim.unknown': { en: 'there is no claim "{value}" (the claims: {list})', ko: '주장 "{value}"는 없습니다(주장: {list})' },
  'claim.notShown': { en: 'claim "{value}" is checked on the preset {presets}; the chapter must open one of them ("preset" or "tryPresets")', ko: '주장 "{value}"는 프리셋 {presets}에서 검증됩니다. 이 장이 그중 하나를 열어야 합니다("preset"이나 "tryPresets")' },
  'setup.customTask': { en: 'task "custom" needs the reader\'s own values, which a lesson file does not carry', ko: '"custom" 과제에는 읽는 사람의 값이 필요한데, 수업 파일은 그 값을 담지 않습니다' },
  'setup.truncation': { en: 'truncation {k} is more than the {T} steps', ko: '절단 길이 {k}가 시점 수 {T}보다 큽니다' },
  'setup.twoWays': { en: 'two directions need truncation 0 (it is {k})', ko: '양방향에서는 절단 길이가 0이어야 합니다({k}입니다)' },
  'setup.memory': { en: 'this network needs {entries} numbers of working memory, over the app\'s limit of {limit}', ko: '이 네트워크는 작업 메모리로 숫자 {entries}개가 필요해 앱의 한도 {limit}개를 넘습니다' },
  'chapter.t': { en: '"{key}" is {value}; the chapter\'s network has {T} steps (0 … {last}, or −1 … −{T} counted from the end)', ko: '"{key}"가 {value}입니다. 이 장의 네트워크는 시점이 {T}개입니다(0 … {last}, 또는 끝에서부터 −1 … −{T})' },
  'chapter.layer': { en: '"{key}" is {value}; the chapter\'s network has {L} layers (0 … {last})', ko: '"{key}"가 {value}입니다. 이 장의 네트워크는 층이 {L}개입니다(0 … {last})' },
  'chapter.unit': { en: '"{key}" is {value}; the chapter\'s network has {H} units (0 … {last})', ko: '"{key}"가 {value}입니다. 이 장의 네트워크는 유닛이 {H}개입니다(0 … {last})' },
} as const satisfies Record<string, Record<Lang, string>>;

export type ProblemCode = keyof typeof MESSAGES;

/** The problem's message in `lang`. */
export function problemText(p: Pick<Problem, 'code' | 'vars'>, lang: Lang): string {
  return MESSAGES[p.code][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in p.vars ? String(p.vars[name]) : whole));
}

/** "line 3, column 7" in `lang`. */
export function whereText(pos: Pos, lang: Lang): string {
  return lang === 'ko' ? `${pos.line}행 ${pos.col}열` : `line ${pos.line}, column ${pos.col}`;
}

/** How a character found in the wrong place is named: the end, or the character quoted (a control character escaped). */
export function foundText(found: string): string {
  if (found === '') return 'end of file';
  const code = found.codePointAt(0)!;
  return code < 0x20 || code === 0x7f ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `'${found}'`;
}
