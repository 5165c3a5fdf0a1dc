/** The p-th percentile of a sample (the value at index ⌊n·p/100⌋ of the sorted sample). */
export const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;
