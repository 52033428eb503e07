/**
 * Messages about faults: an export that failed, weights that overflow the pass, trained weights
 * the browser would not keep, a CSV first line that reads as a header (merged into en.ts / ko.ts).
 */
export const faultsEn = {
  'notice.exportFailed': 'Could not save {what}: {message}',
  'export.what.weights': 'the weights',
  'export.what.trace': 'the trace',
  'export.what.lossCsv': 'the loss CSV',
  'export.what.view': 'the picture of {view}',
  'export.unknownReason': 'the browser gave no reason',
};

export const faultsKo: Record<keyof typeof faultsEn, string> = {
  'notice.exportFailed': '{what} 저장에 실패했습니다: {message}',
  'export.what.weights': '가중치',
  'export.what.trace': '트레이스',
  'export.what.lossCsv': '손실 CSV',
  'export.what.view': '{view} 그림',
  'export.unknownReason': '브라우저가 이유를 알려 주지 않았습니다',
};
