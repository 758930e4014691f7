// Page 2: gradient descent you can watch; the boundary and the loss curve redraw as the model trains.
import "./descent.css";
import { el, formatNumber, replaceChildren } from "../dom";
import { descentControls } from "./descent-controls";
import { describeDescent } from "./descent-text";
import { drawHeatMap, extentOf, gridPoints, type Extent } from "./heat-map";
import { drawLossChart } from "./loss-chart";
import { makeToyProblem } from "./toy-problem";
import { Trainer } from "./trainer";
import type { Tensor } from "gradus";

/** Builds page 2 into `root`. */
export function mountDescentPage(root: HTMLElement): void {
  const controls = descentControls();
  const button = (label: string, testid: string, title: string) =>
    el("button", { type: "button", testid, title }, label);
  const train = button("Train", "train", "Start or pause training (a few steps per frame)");
  const stepOnce = button("Step", "step-once", "One update θ ← θ − α∇f_batch(θ)");
  const reset = button("Reset", "reset-training", "A fresh model and data from the seed");
  const boundary = el("canvas", {
    testid: "boundary",
    class: "boundary",
    width: "520",
    height: "520",
  });
  const chart = el("canvas", {
    testid: "loss-chart",
    class: "loss-chart",
    width: "640",
    height: "330",
  });
  const readout = (testid: string) => el("strong", { testid }, "…");
  const stepCount = readout("step-count");
  const loss = readout("loss-value");
  const initialLoss = readout("loss-initial");
  const accuracy = readout("accuracy");
  const alphaL = readout("alpha-l");
  const monitor = el("div", { class: "monitor", testid: "warnings", "aria-live": "polite" });

  let trainer: Trainer | null = null;
  let grid: Tensor | null = null;
  let extent: Extent = { min: -1, max: 1 };
  let running = false;
  let hasChosenRate = false;

  const draw = () => {
    if (trainer === null || grid === null) return;
    drawHeatMap(boundary, trainer.problem, grid, extent);
    drawLossChart(chart, trainer.losses, trainer.warnings);
    const probabilities = trainer.problem.probabilities(trainer.problem.x);
    let correct = 0;
    trainer.problem.labels.forEach(
      (label, i) => (correct += Number(probabilities[i]! >= 0.5) === label ? 1 : 0),
    );
    stepCount.textContent = String(trainer.steps);
    loss.textContent = formatNumber(trainer.loss, 6);
    initialLoss.textContent = formatNumber(trainer.losses[0]!, 6);
    accuracy.textContent = `${formatNumber((100 * correct) / trainer.problem.labels.length, 3)}%`;
    const product = trainer.lr * trainer.problem.lipschitz;
    alphaL.textContent = formatNumber(product, 3);
    alphaL.className = product < 1 ? "good" : "bad";
    replaceChildren(monitor, ...describeDescent(trainer));
    train.textContent = running ? "Pause" : "Train";
  };

  const restart = () => {
    running = false;
    const settings = controls.read();
    const problem = makeToyProblem(settings.dataset, settings.model, settings.seed);
    if (!hasChosenRate) controls.setLearningRate(0.9 / problem.lipschitz);
    controls.showLipschitz(problem.lipschitz);
    const { learningRate, method, batchSize, seed } = controls.read();
    trainer = new Trainer(problem, method, learningRate, batchSize, seed);
    extent = extentOf(problem.x);
    grid = gridPoints(extent);
    draw();
  };

  const tick = () => {
    if (!running || trainer === null) return;
    for (let i = 0; i < controls.read().stepsPerFrame; i++) {
      if (!trainer.step()) {
        running = false;
        break;
      }
    }
    draw();
    if (running) requestAnimationFrame(tick);
  };

  const changeRate = () => {
    hasChosenRate = true;
    const lr = controls.read().learningRate;
    if (trainer !== null && lr !== trainer.lr) trainer.setLearningRate(lr);
    draw();
  };

  train.addEventListener("click", () => {
    running = !running;
    draw();
    if (running) requestAnimationFrame(tick);
  });
  stepOnce.addEventListener("click", () => {
    running = false;
    trainer?.step();
    draw();
  });
  reset.addEventListener("click", restart);
  for (const control of [
    controls.dataset,
    controls.model,
    controls.method,
    controls.batchSize,
    controls.seed,
  ]) {
    control.addEventListener("change", restart);
  }
  controls.slider.addEventListener("input", changeRate);
  controls.lrInput.addEventListener("change", changeRate);
  controls.safe.addEventListener("click", () => {
    if (trainer !== null) controls.setLearningRate(0.9 / trainer.problem.lipschitz);
    changeRate();
  });

  const stat = (label: string, value: HTMLElement) =>
    el("div", { class: "stat" }, el("span", {}, label), value);
  replaceChildren(
    root,
    controls.element,
    el("div", { class: "buttons" }, train, stepOnce, reset),
    el(
      "div",
      { class: "descent-layout" },
      el(
        "figure",
        {},
        boundary,
        el("figcaption", {}, "Pr[y = 1 | x]: white at ½, the dark line is the decision boundary"),
      ),
      el(
        "div",
        { class: "descent-side" },
        el(
          "div",
          { class: "stats" },
          stat("step k", stepCount),
          stat("f(θₖ)", loss),
          stat("f(θ₀)", initialLoss),
          stat("accuracy", accuracy),
          stat("αL", alphaL),
        ),
        el(
          "figure",
          {},
          chart,
          el("figcaption", {}, "full-batch loss f(θₖ), log scale; red dots: f rose under full GD"),
        ),
        monitor,
      ),
    ),
  );
  restart();
}
