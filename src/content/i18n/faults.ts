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
  'csv.headerRead': 'The first line ({names}) was read as column names, not as data.',
  'notice.weightsNotKept': "The browser's storage for this tab is full: the trained weights will not survive a reload. Export them to keep them.",
};

export const faultsKo: Record<keyof typeof faultsEn, string> = {
  'notice.exportFailed': '{what} 저장에 실패했습니다: {message}',
  'export.what.weights': '가중치',
  'export.what.trace': '트레이스',
  'export.what.lossCsv': '손실 CSV',
  'export.what.view': '{view} 그림',
  'export.unknownReason': '브라우저가 이유를 알려 주지 않았습니다',
  'csv.headerRead': '첫 줄({names})은 데이터가 아니라 열 이름으로 읽었습니다.',
  'notice.weightsNotKept': '이 탭의 브라우저 저장 공간이 가득 차서, 학습한 가중치가 새로 고침 후에는 남지 않습니다. 보관하려면 내보내기를 하세요.',
};
