// Small display helpers of the Build view.
export function ms(v: number | undefined): string {
  if (v === undefined) return '';
  if (v < 1) return `${(v * 1000).toFixed(0)} µs`;
  if (v < 1000) return `${v.toFixed(v < 10 ? 1 : 0)} ms`;
  return `${(v / 1000).toFixed(v < 10_000 ? 2 : 1)} s`;
}

export const MODE_COLOURS: Record<string, string> = {
  build: '#4f8fdc',
  link: '#b07ae8',
  'build check cache': '#5b6270',
  vet: '#5fb97a',
  'test build': '#d7a04a',
};

export function modeColour(mode: string, cacheHit: boolean): string {
  if (cacheHit) return '#3c4a5c';
  return MODE_COLOURS[mode] ?? '#c98a5a';
}
