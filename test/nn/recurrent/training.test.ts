// A seeded smoke test: an LSTM with a linear read-out learns to recall the first token of a sequence
// after four more (memory across steps), trained with Adam and gradient clipping.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, nn, optim, rand, type Tensor } from "../../../src/index.js";

test("LSTM + Linear learn to recall the first of five tokens (loss falls 20×)", () => {
  const generator = new Generator(0);
  const lstm = new nn.LSTM(1, 12, { generator, batchFirst: true });
  const readout = new nn.Linear(12, 1, { generator });
  const parameters = [...lstm.parameters(), ...readout.parameters()];
  const optimizer = new optim.Adam(parameters, { lr: 0.02 });
  const loss = (): [Tensor, number] => {
    const x = rand([32, 5, 1], { generator }).mul(2).sub(1);
    const [output] = lstm.forward(x);
    const prediction = readout.forward(output.slice(1, 4, 5).squeeze(1));
    const value = nn.mseLoss(prediction, x.slice(1, 0, 1).squeeze(1));
    return [value, value.item()];
  };
  const first = loss()[1];
  let last = first;
  for (let step = 0; step < 300; step++) {
    optimizer.zeroGrad();
    const [value, number] = loss();
    value.backward();
    optim.clipGradNorm(parameters, 1);
    optimizer.step();
    last = number;
  }
  assert.ok(last < first / 20, `loss ${first} → ${last}`);
});
