/** Messages of the training panel (merged into en.ts / ko.ts). */
export const trainingEn = {
  'training.title': 'Training',
  'training.controls': 'Training controls',
  'training.train': 'Train',
  'training.pause': 'Pause training',
  'training.one': 'Train one iteration',
  'training.optimizer': 'Optimizer',
  'training.opt.sgd': 'SGD',
  'training.opt.momentum': 'SGD + momentum',
  'training.opt.adam': 'Adam',
  'training.lr': 'Learning rate (lr)',
  'training.lrShort': 'lr',
  'training.clip': 'Clipping threshold',
  'training.clipShort': 'clip',
  'training.clipOff': 'off',
  'training.batch': 'Batch size',
  'training.batchShort': 'batch',
  'training.field.decimal': 'Enter a number from {min} to {max}.',
  'training.readout': 'Training state',
  'training.iteration': 'iteration',
  'training.loss': 'loss',
  'training.itPerSec': '{value} it/s',
  'training.gradNorm': 'gradient norm {value}',
  'training.clipped': 'clipped',
  'training.clippedHelp': 'The gradient norm was over the threshold, so the step was scaled down to it.',
  'training.notClipped': 'not clipped',
  'training.running': 'training…',
  'training.nextNote': 'The views now show the sequence the next iteration trains on: step through its forward and backward pass.',
  'training.diverged': 'The loss became NaN or infinite at iteration {iteration}, so training stopped; that step changed nothing. Lower the learning rate or turn on clipping.',
  'training.restoreFinite': 'Restore the last good weights',
  'training.restoreFiniteHelp': 'the last weights whose loss was finite and at most 10× the best loss seen',

  'training.curve': 'Loss curve',
  'training.curveSummary': 'Loss of {count} iterations ({from} to {to}); last {last}, lowest {min}.',
  'training.curveEmpty': 'Press Train: the loss of every iteration appears here.',
  'training.logScale': 'Log scale',
  'training.curveAggregated': '{per} iterations per pixel, lowest to highest',
  'training.axisIteration': 'iteration',
  'training.history': 'Rewind',
  'training.historyValue': 'iteration {iteration}, loss {loss}',
  'training.historyStart': 'iteration {iteration}, before training',
  'training.historyPending': 'iteration {iteration}, loss measured by the next iteration',
  'training.test': 'Test on {count} new sequences',
  'training.testResult': 'At iteration {iteration}, on {count} new sequences: {accuracy} answered right, loss {loss}',
  'training.testResultLoss': 'At iteration {iteration}, on {count} new sequences: loss {loss}',
  'training.historyHelp': 'Drag to rewind to a stored snapshot of the weights (one every 10 iterations, the last 100 kept).',
  'training.historyEmpty': 'snapshots to rewind to appear as training runs',

  'training.seq.example': 'example sequence',
  'training.seq.next': 'next training sequence',
  'training.fit': 'Prediction and target',
  'training.fitSummary': 'Prediction y and target over the {steps} steps of {which}; sequence loss {loss}.',
  'training.target': 'target',
  'training.prediction': 'prediction y',
  'training.column': 'output 1 of {count} shown',
  'training.seqLoss': 'sequence loss {loss}',
  'training.sample': 'Sampled text',
  'training.sampleButton': 'Write a sample',
  'training.temperature': 'Temperature',
  'training.temperatureHelp': 'Low: the likeliest characters; high: more surprises.',
  'training.sampleEmpty': 'Train a little, then let the model write.',
  'training.copyTitle': 'Recall at the last step',
  'training.copyAnswer': 'answer {symbol}',
  'training.copyCorrect': 'correct {symbol}',
  'training.copyRight': 'right',
  'training.copyWrong': 'wrong',
  'training.copySymbol': 'symbol {k}',
  'training.copyBlank': 'nothing yet',
  'training.copyProbs': 'Probability of each class at the last step',
  'training.copyProb': '{name}: {p}',

  'training.data': 'Data in and out',
  'training.import': 'Import weights',
  'training.export': 'Export weights',
  'training.exportTrace': 'Export trace',
  'training.exportCsv': 'Export loss CSV',
  'training.uploadCsv': 'Upload CSV',
  'training.imported': 'Loaded {cell} weights with H = {hidden}.',
  'training.fileTooBig': 'The file is over {max} MB.',
  'training.fileUnreadable': 'The file could not be read.',
  'training.csvLoaded': 'Read {rows} rows × {columns} column(s): each row is x_t, the next row the target.',
  'training.csv.empty': 'The file holds no numbers.',
  'training.csv.notNumber': "line {line}: '{text}' is not a number",
  'training.csv.tooLarge': 'line {line}: {text} is larger than {max} in size',
  'training.csv.emptyCell': 'line {line}: value {column} is empty',
  'training.csv.ragged': 'line {line} has {n} values, line {first} has {m}',
  'training.csv.headerRagged': 'line {line} has {n} values, the header on line {first} names {m} columns',
  'training.csv.tooFewRows': 'at least {min} rows are needed (the values at t and at t + 1); the file has {rows}',
  'training.csv.tooManyRows': 'line {line}: more than {max} rows',
  'training.csv.tooManyColumns': 'line {line} has {n} columns; at most {max}',
  'training.csv.tooManyValues': '{rows} rows × {columns} columns is more than {max} numbers',
  'training.csv.tableNote': '{rows} rows × {columns} columns from a CSV file; upload another CSV in the training panel to change them.',
  'training.snippet.summary': 'Weights from PyTorch',
  'training.snippet.intro': 'An nn.RNN / nn.LSTM / nn.GRU (1 to 4 layers, one direction or both) followed by an nn.Linear named head: save its state_dict as JSON and import it here. Export weights gives a file the same model loads back with load_state_dict.',
  'training.snippet.code': `import json
import torch.nn as nn

class Model(nn.Module):
    def __init__(self, I, H, O):
        super().__init__()
        # or nn.GRU, or nn.RNN (tanh); num_layers 1 … 4, bidirectional or not
        self.lstm = nn.LSTM(I, H, num_layers=2, bidirectional=True, batch_first=True)
        self.head = nn.Linear(2 * H, O)              # must be called head; 2·H for two directions

    def forward(self, x):
        h, _ = self.lstm(x)
        return self.head(h)

model = Model(1, 8, 1)
# ... train the model ...
weights = {k: v.tolist() for k, v in model.state_dict().items()}
# keys: lstm.weight_ih_l0, lstm.weight_hh_l0, lstm.bias_ih_l0, lstm.bias_hh_l0,
#       lstm.weight_ih_l0_reverse, …, lstm.weight_ih_l1, …, lstm.bias_hh_l1_reverse, head.weight, head.bias
with open('weights.json', 'w') as f:
    json.dump(weights, f)`,
} as const;

export const trainingKo: Record<keyof typeof trainingEn, string> = {
  'training.title': '학습',
  'training.controls': '학습 조작',
  'training.train': '학습 시작',
  'training.pause': '학습 멈춤',
  'training.one': '한 번만 학습',
  'training.optimizer': '최적화기',
  'training.opt.sgd': 'SGD',
  'training.opt.momentum': 'SGD + 모멘텀',
  'training.opt.adam': 'Adam',
  'training.lr': '학습률',
  'training.lrShort': '학습률',
  'training.clip': '클리핑 임계값',
  'training.clipShort': '클리핑',
  'training.clipOff': '끔',
  'training.batch': '배치 크기',
  'training.batchShort': '배치',
  'training.field.decimal': '{min}부터 {max} 사이의 수를 넣으세요.',
  'training.readout': '학습 상태',
  'training.iteration': '반복',
  'training.loss': '손실',
  'training.itPerSec': '초당 {value}회',
  'training.gradNorm': '기울기 노름 {value}',
  'training.clipped': '잘림',
  'training.clippedHelp': '기울기 노름이 임계값을 넘어서, 이번 갱신은 임계값 크기로 줄여서 적용했습니다.',
  'training.notClipped': '안 잘림',
  'training.running': '학습 중…',
  'training.nextNote': '지금 화면에는 다음 반복이 학습할 시퀀스가 나옵니다. 그 순전파와 역전파를 한 단계씩 따라가 보세요.',
  'training.diverged': '{iteration}번째 반복에서 손실이 NaN 또는 무한대가 되어 학습을 멈췄습니다. 그 단계는 가중치를 바꾸지 않았습니다. 학습률을 낮추거나 클리핑을 켜 보세요.',
  'training.restoreFinite': '마지막 정상 가중치로 되돌리기',
  'training.restoreFiniteHelp': '손실이 유한하고 지금까지의 최저 손실의 10배 이하였던 마지막 가중치',

  'training.curve': '손실 곡선',
  'training.curveSummary': '반복 {count}번({from}~{to})의 손실. 마지막 {last}, 최저 {min}.',
  'training.curveEmpty': '학습을 시작하면 반복마다 손실이 여기에 그려집니다.',
  'training.logScale': '로그 눈금',
  'training.curveAggregated': '픽셀 하나에 반복 {per}번, 최저~최고',
  'training.axisIteration': '반복',
  'training.history': '되감기',
  'training.historyValue': '반복 {iteration}, 손실 {loss}',
  'training.historyStart': '반복 {iteration}, 학습 전',
  'training.historyPending': '반복 {iteration}, 손실은 다음 반복에서 측정',
  'training.test': '새 시퀀스 {count}개로 시험',
  'training.testResult': '반복 {iteration}에서 새 시퀀스 {count}개: {accuracy} 맞힘, 손실 {loss}',
  'training.testResultLoss': '반복 {iteration}에서 새 시퀀스 {count}개: 손실 {loss}',
  'training.historyHelp': '끌어서 저장된 가중치로 되감습니다(10번마다 하나씩, 최근 100개까지 보관).',
  'training.historyEmpty': '학습하면 되감을 지점이 쌓입니다',

  'training.seq.example': '예시 시퀀스',
  'training.seq.next': '다음 학습 시퀀스',
  'training.fit': '예측과 정답',
  'training.fitSummary': '{which}의 {steps}개 시점에서 예측 y와 정답. 시퀀스 손실 {loss}.',
  'training.target': '정답',
  'training.prediction': '예측 y',
  'training.column': '출력 {count}개 중 첫 번째',
  'training.seqLoss': '시퀀스 손실 {loss}',
  'training.sample': '생성한 글',
  'training.sampleButton': '글 써 보기',
  'training.temperature': '온도',
  'training.temperatureHelp': '낮으면 가장 그럴듯한 글자, 높으면 더 뜻밖의 글자가 나옵니다.',
  'training.sampleEmpty': '조금 학습시킨 뒤 모델에게 글을 쓰게 해 보세요.',
  'training.copyTitle': '마지막 시점의 기억',
  'training.copyAnswer': '답 {symbol}',
  'training.copyCorrect': '정답 {symbol}',
  'training.copyRight': '맞음',
  'training.copyWrong': '틀림',
  'training.copySymbol': '기호 {k}',
  'training.copyBlank': '아직 없음',
  'training.copyProbs': '마지막 시점의 클래스별 확률',
  'training.copyProb': '{name}: {p}',

  'training.data': '데이터 가져오기와 내보내기',
  'training.import': '가중치 가져오기',
  'training.export': '가중치 내보내기',
  'training.exportTrace': '트레이스 내보내기',
  'training.exportCsv': '손실 CSV 내보내기',
  'training.uploadCsv': 'CSV 올리기',
  'training.imported': '{cell} 가중치(H = {hidden})를 불러왔습니다.',
  'training.fileTooBig': '파일이 {max} MB보다 큽니다.',
  'training.fileUnreadable': '파일을 읽을 수 없습니다.',
  'training.csvLoaded': '{rows}행 × {columns}열을 읽었습니다. 각 행이 x_t이고 다음 행이 정답입니다.',
  'training.csv.empty': '파일에 숫자가 없습니다.',
  'training.csv.notNumber': "{line}번째 줄: '{text}'은(는) 숫자가 아닙니다",
  'training.csv.tooLarge': '{line}번째 줄: {text}의 크기가 {max}보다 큽니다',
  'training.csv.emptyCell': '{line}번째 줄: {column}번째 값이 비어 있습니다',
  'training.csv.ragged': '{line}번째 줄에는 값이 {n}개, {first}번째 줄에는 {m}개 있습니다',
  'training.csv.headerRagged': '{line}번째 줄에는 값이 {n}개인데, {first}번째 줄의 머리글은 열 {m}개를 가리킵니다',
  'training.csv.tooFewRows': 't와 t + 1의 값이 있어야 하므로 적어도 {min}행이 필요합니다. 파일에는 {rows}행이 있습니다',
  'training.csv.tooManyRows': '{line}번째 줄: {max}행을 넘습니다',
  'training.csv.tooManyColumns': '{line}번째 줄에 열이 {n}개 있습니다. 최대 {max}개까지입니다',
  'training.csv.tooManyValues': '{rows}행 × {columns}열은 숫자 {max}개를 넘습니다',
  'training.csv.tableNote': 'CSV 파일에서 읽은 {rows}행 × {columns}열입니다. 바꾸려면 학습 패널에서 다른 CSV를 올리세요.',
  'training.snippet.summary': 'PyTorch 가중치 만들기',
  'training.snippet.intro': 'nn.RNN / nn.LSTM / nn.GRU(1~4층, 한 방향 또는 양방향) 뒤에 head라는 이름의 nn.Linear를 둔 모델입니다. state_dict를 JSON으로 저장해서 여기로 가져오세요. "가중치 내보내기"로 받은 파일은 같은 모델이 load_state_dict로 그대로 읽습니다.',
  'training.snippet.code': `import json
import torch.nn as nn

class Model(nn.Module):
    def __init__(self, I, H, O):
        super().__init__()
        # nn.GRU나 nn.RNN(tanh)도 됩니다. num_layers 1~4, 양방향도 됩니다
        self.lstm = nn.LSTM(I, H, num_layers=2, bidirectional=True, batch_first=True)
        self.head = nn.Linear(2 * H, O)              # 이름은 꼭 head. 양방향이면 입력이 2·H

    def forward(self, x):
        h, _ = self.lstm(x)
        return self.head(h)

model = Model(1, 8, 1)
# ... 모델 학습 ...
weights = {k: v.tolist() for k, v in model.state_dict().items()}
# 키: lstm.weight_ih_l0, lstm.weight_hh_l0, lstm.bias_ih_l0, lstm.bias_hh_l0,
#     lstm.weight_ih_l0_reverse, …, lstm.weight_ih_l1, …, lstm.bias_hh_l1_reverse, head.weight, head.bias
with open('weights.json', 'w') as f:
    json.dump(weights, f)`,
};
