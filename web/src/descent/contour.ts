// The decision boundary as a line: the level set p = ½ of a sampled grid, by marching squares.

/**
 * Line segments [x0, y0, x1, y1] (in grid units, pixel centres at i + ½) where the `size`×`size` row-major
 * grid `values` crosses `level`, each cell's crossings linearly interpolated along its edges.
 */
export function contourSegments(
  values: ArrayLike<number>,
  size: number,
  level: number,
): number[][] {
  const segments: number[][] = [];
  const at = (row: number, column: number) => values[row * size + column]! - level;
  for (let row = 0; row + 1 < size; row++) {
    for (let column = 0; column + 1 < size; column++) {
      const corners: [number, number, number][] = [
        [column, row, at(row, column)],
        [column + 1, row, at(row, column + 1)],
        [column + 1, row + 1, at(row + 1, column + 1)],
        [column, row + 1, at(row + 1, column)],
      ];
      const crossings: number[][] = [];
      for (let edge = 0; edge < 4; edge++) {
        const [x0, y0, v0] = corners[edge]!;
        const [x1, y1, v1] = corners[(edge + 1) % 4]!;
        if (v0 < 0 === v1 < 0) continue;
        const t = v0 / (v0 - v1);
        crossings.push([x0 + t * (x1 - x0) + 0.5, y0 + t * (y1 - y0) + 0.5]);
      }
      for (let i = 0; i + 1 < crossings.length; i += 2) {
        segments.push([...crossings[i]!, ...crossings[i + 1]!]);
      }
    }
  }
  return segments;
}
