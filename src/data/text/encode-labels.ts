// Labels (part-of-speech tags, classes) as int32 ids by their position in a fixed list.

/**
 * The id of each label: its index in `classes`. An unknown label throws, naming it and its position.
 * @example encodeLabels(["DET", "NOUN"], data.UNIVERSAL_TAGS); // Int32Array [5, 0]
 */
export function encodeLabels(labels: readonly string[], classes: readonly string[]): Int32Array {
  const ids = new Map(classes.map((label, id) => [label, id]));
  return Int32Array.from(labels, (label, position) => {
    const id = ids.get(label);
    if (id === undefined) {
      throw new RangeError(
        `encodeLabels: label "${label}" at position ${position} is not one of the ${classes.length} classes`,
      );
    }
    return id;
  });
}
