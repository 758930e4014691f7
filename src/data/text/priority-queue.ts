// A binary min-heap of (priority, tie) number pairs, for BPE training and encoding.

/** Pops the smallest priority first, and among equal priorities the smallest tie. */
export class PriorityQueue {
  private readonly priorities: number[] = [];
  private readonly ties: number[] = [];

  get size(): number {
    return this.priorities.length;
  }

  push(priority: number, tie: number): void {
    const { priorities, ties } = this;
    let i = priorities.length;
    priorities.push(priority);
    ties.push(tie);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!precedes(priority, tie, priorities[parent]!, ties[parent]!)) break;
      priorities[i] = priorities[parent]!;
      ties[i] = ties[parent]!;
      i = parent;
    }
    priorities[i] = priority;
    ties[i] = tie;
  }

  /** The smallest entry as [priority, tie], removed; undefined when empty. */
  pop(): [priority: number, tie: number] | undefined {
    const { priorities, ties } = this;
    if (priorities.length === 0) return undefined;
    const top: [number, number] = [priorities[0]!, ties[0]!];
    const priority = priorities.pop()!;
    const tie = ties.pop()!;
    const n = priorities.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (
        right < n &&
        precedes(priorities[right]!, ties[right]!, priorities[child]!, ties[child]!)
      ) {
        child = right;
      }
      if (!precedes(priorities[child]!, ties[child]!, priority, tie)) break;
      priorities[i] = priorities[child]!;
      ties[i] = ties[child]!;
      i = child;
    }
    priorities[i] = priority;
    ties[i] = tie;
    return top;
  }
}

function precedes(priority: number, tie: number, otherPriority: number, otherTie: number): boolean {
  return priority < otherPriority || (priority === otherPriority && tie < otherTie);
}
