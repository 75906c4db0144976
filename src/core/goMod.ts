// Reads the header of a go.mod file: the module path and the go version line.

export interface GoModHeader {
  module?: string;
  go?: string;
}

export function parseGoModHeader(text: string): GoModHeader {
  const out: GoModHeader = {};
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    const mod = /^module\s+("?)([^"\s]+)\1$/.exec(line);
    if (mod && out.module === undefined) out.module = mod[2];
    const go = /^go\s+(\S+)$/.exec(line);
    if (go && out.go === undefined) out.go = go[1];
  }
  return out;
}
