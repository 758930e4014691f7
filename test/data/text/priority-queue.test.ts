// The heap pops by priority, then tie, whatever the push order.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { PriorityQueue } from "../../../src/data/text/priority-queue.js";

test("pops in (priority, tie) order", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 9 }))),
      (entries) => {
        const queue = new PriorityQueue();
        for (const [priority, tie] of entries) queue.push(priority, tie);
        assert.equal(queue.size, entries.length);
        const popped: [number, number][] = [];
        for (let top = queue.pop(); top !== undefined; top = queue.pop()) popped.push(top);
        const sorted = [...entries].sort(([p, t], [q, u]) => p - q || t - u);
        assert.deepEqual(popped, sorted);
      },
    ),
    { seed: 1, numRuns: 200 },
  );
  assert.equal(new PriorityQueue().pop(), undefined);
});
