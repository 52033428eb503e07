/** Messages for embed mode on course pages: the step-range lock (merged into en.ts / ko.ts). */
export const embedkitEn = {
  'status.range': ' · steps {from}–{to} only',
} as const;

export const embedkitKo: Record<keyof typeof embedkitEn, string> = {
  'status.range': ' · {from}–{to} 단계만',
};
