/** Index chosen by a digit key among `count` options: 1..9 are the first nine, 0 the tenth. */
export function optionIndexFromKey(key: string, count: number): number | undefined {
  if (!/^[0-9]$/.test(key)) return undefined;
  const index = key === '0' ? 9 : Number(key) - 1;
  return index < count ? index : undefined;
}
