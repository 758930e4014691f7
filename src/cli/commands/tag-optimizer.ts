// One optimizer for fit made of two: SparseAdam for the embedding tables (row-sparse gradients: only the
// rows of a batch's words move) and Adam for the dense rest, stepped together and saved as one state.
import { optim, type Tensor } from "../../node.js";

const PARTS = ["sparse", "dense"] as const;

/**
 * SparseAdam on `sparse` and Adam on `dense` with the same learning rate and betas — what PyTorch
 * users do with two optimizers, behind the one Optimizer interface fit takes.
 * @example const optimizer = new SplitAdam(tagger.parameterGroups(), 2e-3); // in optim.fit({ optimizer, … })
 */
export class SplitAdam implements optim.Optimizer {
  readonly parameters: readonly Tensor[];
  private readonly sparse: optim.SparseAdam;
  private readonly dense: optim.Adam;

  constructor(groups: { sparse: readonly Tensor[]; dense: readonly Tensor[] }, lr: number) {
    this.sparse = new optim.SparseAdam(groups.sparse, { lr });
    this.dense = new optim.Adam(groups.dense, { lr });
    this.parameters = [...groups.sparse, ...groups.dense];
  }

  get stepCount(): number {
    return this.dense.stepCount;
  }

  get learningRate(): number {
    return this.dense.learningRate;
  }

  step(): void {
    this.sparse.step();
    this.dense.step();
  }

  zeroGrad(): void {
    this.sparse.zeroGrad();
    this.dense.zeroGrad();
  }

  /** Both states in one: each part's slots and hyperparameters under "sparse." and "dense.". */
  stateDict(): optim.OptimizerState {
    const hyperparameters: Record<string, number | boolean> = {};
    const slots: Record<string, (number[] | null)[]> = {};
    const kinds: string[] = [];
    for (const part of PARTS) {
      const state = this[part].stateDict();
      kinds.push(state.kind);
      hyperparameters[`${part}.stepCount`] = state.stepCount;
      for (const [name, value] of Object.entries(state.hyperparameters))
        hyperparameters[`${part}.${name}`] = value;
      for (const [name, value] of Object.entries(state.slots)) slots[`${part}.${name}`] = value;
    }
    return {
      kind: `SplitAdam(${kinds.join(",")})`,
      stepCount: this.stepCount,
      hyperparameters,
      slots,
    };
  }

  loadStateDict(state: optim.OptimizerState): void {
    if (state.kind !== "SplitAdam(SparseAdam,Adam)")
      throw new Error(`SplitAdam.loadStateDict: state is for ${state.kind}`);
    for (const part of PARTS) {
      const own = (record: Record<string, unknown>) =>
        Object.fromEntries(
          Object.entries(record)
            .filter(([name]) => name.startsWith(`${part}.`))
            .map(([name, value]) => [name.slice(part.length + 1), value]),
        );
      const { stepCount, ...hyperparameters } = own(state.hyperparameters);
      if (typeof stepCount !== "number" || !Number.isSafeInteger(stepCount) || stepCount < 0)
        throw new Error(`SplitAdam.loadStateDict: "${part}.stepCount" must be a step count`);
      this[part].loadStateDict({
        kind: part === "sparse" ? "SparseAdam" : "Adam",
        stepCount,
        hyperparameters: hyperparameters as Record<string, number | boolean>,
        slots: own(state.slots) as Record<string, (number[] | null)[]>,
      });
    }
  }
}
