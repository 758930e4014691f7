// What the convergence monitor says about the run, in the lecture's words (§6 for full GD, §7 for SGD).
import { el, formatNumber } from "../dom";
import type { Trainer } from "./trainer";

const RECENT = 4;
const plural = (count: number) => `${count} step${count === 1 ? "" : "s"}`;

/** Paragraphs for the monitor panel: the guarantee in force and each failed check, most recent first. */
export function describeDescent(trainer: Trainer): HTMLElement[] {
  const product = trainer.lr * trainer.problem.lipschitz;
  const alpha = `α = ${formatNumber(trainer.lr, 3)}`;
  const parts: HTMLElement[] = [];
  if (!Number.isFinite(trainer.loss)) {
    parts.push(
      el(
        "p",
        { class: "warning" },
        `Diverged: f = ${formatNumber(trainer.loss)} at step ${trainer.steps}; training stopped.`,
      ),
    );
  }
  if (trainer.method !== "gd") {
    const name = trainer.method === "sgd" ? "SGD with one random sample" : "Mini-batch SGD";
    parts.push(
      el(
        "p",
        { class: "info" },
        `${name}: a step follows ∇f of the batch, not of f, so f may rise even with αL < 1 (§7). The monitor checks full GD only.`,
      ),
    );
    return parts;
  }
  const increases = trainer.warnings.filter((warning) => warning.kind === "increase");
  const shortfalls = trainer.warnings.length - increases.length;
  const guarantee =
    product < 1
      ? `${alpha}, αL = ${formatNumber(product, 3)} < 1: the lecture guarantees f(θₖ) − f(θₖ₊₁) ≥ (α/2)‖∇f(θₖ)‖² at every step.`
      : `${alpha}, αL = ${formatNumber(product, 3)} ≥ 1: no guarantee, f may rise.`;
  parts.push(el("p", { class: product < 1 ? "info" : "warning" }, guarantee));
  if (trainer.warnings.length === 0) {
    parts.push(
      el(
        "p",
        { class: "ok", testid: "monitor-ok" },
        `Monitor: all ${trainer.steps} steps descended as promised.`,
      ),
    );
    return parts;
  }
  parts.push(
    el(
      "p",
      { class: "warning", testid: "monitor-warning" },
      `Monitor: ${[
        increases.length > 0 ? `f rose at ${plural(increases.length)}` : "",
        shortfalls > 0 ? `f fell by less than (α/2)‖∇f‖² at ${plural(shortfalls)}` : "",
      ]
        .filter((part) => part !== "")
        .join("; ")}.`,
    ),
  );
  const recent = trainer.warnings.slice(-RECENT).reverse();
  parts.push(
    el(
      "ul",
      { class: "warning-list" },
      ...recent.map((warning) =>
        el(
          "li",
          {},
          warning.kind === "increase"
            ? `step ${warning.step} → ${warning.step + 1}: f rose ${formatNumber(warning.before)} → ${formatNumber(warning.after)}`
            : `step ${warning.step} → ${warning.step + 1}: f fell ${formatNumber(warning.before - warning.after, 3)}, less than (α/2)‖∇f‖² = ${formatNumber(warning.required, 3)}`,
        ),
      ),
    ),
  );
  return parts;
}
