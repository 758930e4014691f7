// The engine's one speed-up, kept in this module: visit states and order positions live in the
// vertices' `mark` slots (numbers stamped by each walk) instead of Maps. It gains ≈ 3× on large
// scalar graphs (Value: no Map per vertex) and two passes fewer over the graph (the walk stamps each
// position as it finishes, and the sweep reads it). Vertices without a slot fall back to Maps.
import type { Vertex } from "./vertex.js";

let nextStamp = 1;

/**
 * Reserves `count` consecutive stamps, each larger than every stamp handed out before, so a mark left
 * by an earlier walk never looks like one of this walk's.
 */
export function takeStamps(count: number): number {
  const first = nextStamp;
  nextStamp += count;
  return first;
}

/**
 * For orders whose walk stamped the positions: the stamp of position 0 and whether every vertex had
 * a mark slot. Weak, so a recorded order (and the graph it lists) is never kept alive by it.
 */
const stampedOrders = new WeakMap<readonly Vertex[], { base: number; allMarked: boolean }>();

/** Records that `order[i].mark = base + i` for every vertex of `order` with a mark slot. */
export function recordStampedOrder(
  order: readonly Vertex[],
  base: number,
  allMarked: boolean,
): void {
  stampedOrders.set(order, { base, allMarked });
}

/** Whether a vertex is unseen, on the walk's stack, or finished (placed in the order). */
export type VisitState = "unseen" | "visiting" | "done";

/**
 * The visit states of one depth-first walk. In a mark slot: `visiting` while on the stack; once
 * finished, visiting + 1 + its position, so the order's positions need no second pass; earlier
 * walks' marks are all smaller than this walk's `visiting` stamp.
 */
export class VisitMarks {
  private readonly visiting = takeStamps(1);
  private readonly states = new Map<Vertex, VisitState>();
  private finished = 0;

  state(vertex: Vertex): VisitState {
    const mark = vertex.mark;
    if (mark === undefined) return this.states.get(vertex) ?? "unseen";
    return mark === this.visiting ? "visiting" : mark > this.visiting ? "done" : "unseen";
  }

  enter(vertex: Vertex): void {
    if (vertex.mark === undefined) this.states.set(vertex, "visiting");
    else vertex.mark = this.visiting;
  }

  /** Marks `vertex` done as the next vertex of the order. */
  finish(vertex: Vertex): void {
    if (vertex.mark === undefined) this.states.set(vertex, "done");
    else vertex.mark = this.visiting + 1 + this.finished;
    this.finished++;
  }

  /** Records the finished order's stamps, so Positions reads them without another pass. */
  close(order: readonly Vertex[]): void {
    takeStamps(order.length);
    recordStampedOrder(order, this.visiting + 1, this.states.size === 0);
  }
}

/** Position lookup for the vertices of one order: O(1) through `mark` slots, else through a Map. */
export class Positions {
  private readonly base: number;
  private index: Map<Vertex, number> | null = null;
  private complete = false;

  constructor(private readonly order: readonly Vertex[]) {
    const stamped = stampedOrders.get(order);
    if (stamped !== undefined) {
      // the walk that made `order` stamped the positions already (one pass fewer over the graph); a
      // later walk may have re-stamped some, which of() detects
      this.base = stamped.base;
      if (!stamped.allMarked) this.index = this.fullIndex();
      return;
    }
    this.base = takeStamps(order.length);
    for (let i = 0; i < order.length; i++) {
      const vertex = order[i]!;
      if (vertex.mark !== undefined) vertex.mark = this.base + i;
      else (this.index ??= new Map()).set(vertex, i);
    }
  }

  /** The position of `vertex` in the order, or −1 when it is not in it. */
  of(vertex: Vertex): number {
    const mark = vertex.mark;
    if (mark !== undefined) {
      const position = mark - this.base;
      if (position >= 0 && position < this.order.length && this.order[position] === vertex) {
        return position;
      }
      // A nested walk re-stamped it (or it is outside the order): fall back to a full index.
      if (!this.complete) this.index = this.fullIndex();
    }
    return this.index?.get(vertex) ?? -1;
  }

  private fullIndex(): Map<Vertex, number> {
    const index = new Map<Vertex, number>();
    this.order.forEach((vertex, i) => index.set(vertex, i));
    this.complete = true;
    return index;
  }
}
