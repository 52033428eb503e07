/**
 * Messages of the numbers in the equations and the cell diagram that open "How this number is
 * made" (merged into en.ts / ko.ts). {name} is the quantity as the dialog writes it (h_3[1]).
 */
export const explainNumEn = {
  'explainNum.at': 't = {t}, unit {unit}',
  'explainNum.atStep': 't = {t}',
  'explainNum.own': '{name} at {at}: {shown} (exact {exact}) — how this number is made',
  'explainNum.part': '{shown} (exact {exact}), a term of {name} at {at} — how {name} is made',
  'explainNum.ownTitle': 'exact: {exact} (click to see how it is made)',
  'explainNum.partTitle': 'exact: {exact}, a term of {name} (click to see how {name} is made)',
};

export const explainNumKo: Record<keyof typeof explainNumEn, string> = {
  'explainNum.at': 't = {t}, 유닛 {unit}',
  'explainNum.atStep': 't = {t}',
  'explainNum.own': '{at}의 {name}: {shown} (정확한 값 {exact}) — 이 값이 나온 과정',
  'explainNum.part': '{shown} (정확한 값 {exact}), {name} 계산에 쓰인 항 ({at}) — {name} 값이 나온 과정',
  'explainNum.ownTitle': '정확한 값: {exact} (클릭하면 이 값이 나온 과정을 봅니다)',
  'explainNum.partTitle': '정확한 값: {exact}, {name} 계산에 쓰인 항 (클릭하면 {name} 값이 나온 과정을 봅니다)',
};
