/** Stable labels A, B, C... by display position. */
export function outputLabel(position: number): string {
  return String.fromCharCode(65 + position);
}
