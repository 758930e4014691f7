// The descent page's controls: data, model, method and batch size, the step size α with 1/L marked, seed, speed.
import { el, formatNumber } from "../dom";
import type { DatasetName, ModelName } from "./toy-problem";
import type { MethodName } from "./trainer";

/** log₁₀ α runs over [LOG_MIN, LOG_MAX] on the slider, in hundredths of a decade. */
const LOG_MIN = -3;
const LOG_MAX = 2;

export interface DescentSettings {
  readonly dataset: DatasetName;
  readonly model: ModelName;
  readonly method: MethodName;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
  readonly stepsPerFrame: number;
}

const select = (testid: string, label: string, options: [string, string][], value: string) => {
  const element = el("select", { testid, "aria-label": label });
  for (const [optionValue, text] of options)
    element.append(el("option", { value: optionValue }, text));
  element.value = value;
  return element;
};

const field = (label: string, ...controls: HTMLElement[]) =>
  el("label", { class: "field" }, el("span", {}, label), ...controls);

/** Builds the controls; `read` returns the current settings, `showLipschitz` marks 1/L on the slider. */
export function descentControls() {
  const dataset = select(
    "dataset",
    "data set",
    [
      ["blobs", "blobs"],
      ["moons", "moons"],
    ],
    "blobs",
  );
  const model = select(
    "model",
    "model",
    [
      ["logistic", "logistic regression"],
      ["mlp", "MLP 2-16-16-1 (tanh)"],
    ],
    "logistic",
  );
  const method = select(
    "method",
    "method",
    [
      ["gd", "full GD"],
      ["sgd", "SGD (one sample)"],
      ["miniBatchSgd", "mini-batch SGD"],
    ],
    "gd",
  );
  const batchSize = el("input", {
    testid: "batch-size",
    type: "number",
    min: "1",
    max: "200",
    value: "16",
  });
  const slider = el("input", {
    testid: "lr-slider",
    type: "range",
    min: String(LOG_MIN * 100),
    max: String(LOG_MAX * 100),
    value: "0",
    "aria-label": "step size α (log scale)",
  });
  const lrInput = el("input", {
    testid: "lr-input",
    type: "text",
    inputmode: "decimal",
    value: "1",
    "aria-label": "step size α",
  });
  const marker = el("div", { class: "marker", testid: "inverse-l-marker" });
  const inverseL = el("span", { testid: "inverse-l" }, "…");
  const safe = el(
    "button",
    { type: "button", class: "secondary", testid: "lr-safe", title: "α = 0.9/L, so αL < 1" },
    "α = 0.9/L",
  );
  const seed = el("input", { testid: "seed", type: "number", min: "0", value: "1" });
  const speed = select(
    "speed",
    "steps per frame",
    [
      ["1", "1 step/frame"],
      ["5", "5 steps/frame"],
      ["20", "20 steps/frame"],
    ],
    "5",
  );

  const setLearningRate = (lr: number) => {
    lrInput.value = formatNumber(lr, 3);
    slider.value = String(Math.round(Math.log10(lr) * 100));
  };
  slider.addEventListener("input", () => {
    lrInput.value = formatNumber(10 ** (Number(slider.value) / 100), 3);
  });
  lrInput.addEventListener("input", () => {
    const lr = Number(lrInput.value);
    lrInput.classList.toggle("invalid", !(lr > 0));
    if (lr > 0) slider.value = String(Math.round(Math.log10(lr) * 100));
  });
  method.addEventListener("change", () => (batchSize.disabled = method.value !== "miniBatchSgd"));
  batchSize.disabled = true;

  const element = el(
    "div",
    { class: "descent-controls" },
    field("data", dataset),
    field("model", model),
    field("method", method),
    field("B", batchSize),
    el(
      "div",
      { class: "field lr" },
      el("span", {}, "step size α"),
      el("div", { class: "slider" }, slider, marker),
      lrInput,
      el(
        "span",
        {
          class: "inverse-l",
          title: "L ≈ ‖∇²f(θ₀)‖, by power iteration on Hessian-vector products",
        },
        "1/L = ",
        inverseL,
      ),
      safe,
    ),
    field("seed", seed),
    field("speed", speed),
  );
  return {
    element,
    dataset,
    model,
    method,
    batchSize,
    lrInput,
    slider,
    safe,
    seed,
    speed,
    setLearningRate,
    read: (): DescentSettings => ({
      dataset: dataset.value as DatasetName,
      model: model.value as ModelName,
      method: method.value as MethodName,
      batchSize: Math.max(1, Math.round(Number(batchSize.value) || 1)),
      learningRate:
        Number(lrInput.value) > 0 ? Number(lrInput.value) : 10 ** (Number(slider.value) / 100),
      seed: Math.max(0, Math.round(Number(seed.value) || 0)),
      stepsPerFrame: Number(speed.value),
    }),
    showLipschitz: (lipschitz: number) => {
      inverseL.textContent = formatNumber(1 / lipschitz, 3);
      const position = (Math.log10(1 / lipschitz) - LOG_MIN) / (LOG_MAX - LOG_MIN);
      marker.hidden = !(position >= 0 && position <= 1);
      marker.style.left = `${(position * 100).toFixed(2)}%`;
      marker.title = `1/L = ${formatNumber(1 / lipschitz, 3)}`;
    },
  };
}

export type DescentControls = ReturnType<typeof descentControls>;
