/**
 * Messages for the first view's deferred parts: what a panel whose code is still loading says in its
 * place (merged into en.ts / ko.ts).
 */
export const firstviewEn = {
  'lazy.training': 'Loading the training panel…',
  'lazy.gradients': 'Loading the gradient panel…',
};

export const firstviewKo: Record<keyof typeof firstviewEn, string> = {
  'lazy.training': '학습 패널을 불러오는 중…',
  'lazy.gradients': '기울기 패널을 불러오는 중…',
};
