// Small DOM helpers for the playground: element creation with attributes and children, number formatting.

type Child = Node | string | null;

/** Creates `<tag>` with attributes (`testid` becomes `data-testid`) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name === "testid" ? "data-testid" : name, value);
  }
  for (const child of children) if (child !== null) element.append(child);
  return element;
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(...children.filter((child): child is Node | string => child !== null));
}

/** A number for display: NaN and ±∞ spelled out, else `digits` significant digits without trailing zeros. */
export function formatNumber(value: number, digits = 5): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  const text = String(Number(value.toPrecision(digits)));
  return text.startsWith("-") ? `−${text.slice(1)}` : text;
}

/** Parses a number typed by a person, accepting the Unicode minus; NaN when it is not one. */
export function parseNumber(text: string): number {
  const trimmed = text.trim().replace("−", "-");
  return trimmed === "" ? Number.NaN : Number(trimmed);
}

/** A number as a factor in a product: negative numbers in parentheses, e.g. "(−1)". */
export function formatFactor(value: number): string {
  const text = formatNumber(value);
  return value < 0 || text.startsWith("−") ? `(${text})` : text;
}
