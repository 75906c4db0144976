// Fails when src/ has an import circle. Every import counts, type-only ones included: a type import
// back into a module is still a circle a reader has to hold in their head. Run by `npm run lint`.
//
// It reads the project's own tsconfigs and resolves imports with TypeScript itself, so it sees
// exactly what the compiler sees (no second resolver to keep in step).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src') + path.sep;
const configs = ['tsconfig.node.json', 'tsconfig.web.json'];

/** The import graph of one tsconfig's files under src/: file → files it imports. */
function importGraph(configName) {
  const configPath = path.join(root, configName);
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(configPath));
  const graph = new Map();
  for (const file of parsed.fileNames.map((f) => path.resolve(f))) {
    if (!file.startsWith(src)) continue;
    const { importedFiles } = ts.preProcessFile(ts.sys.readFile(file) ?? '', true, true);
    const targets = new Set();
    for (const { fileName } of importedFiles) {
      const resolved = ts.resolveModuleName(fileName, file, parsed.options, ts.sys).resolvedModule;
      const target = resolved && path.resolve(resolved.resolvedFileName);
      if (target && target.startsWith(src) && !resolved.isExternalLibraryImport) targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function circles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)?.has(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const rel = (f) => path.relative(root, f);
const seen = new Set();
let count = 0;
for (const name of configs) {
  for (const component of circles(importGraph(name))) {
    const key = component.join('\n');
    if (seen.has(key)) continue;
    seen.add(key);
    count++;
    console.error(`import circle (${component.length} files):\n  ${component.map(rel).join('\n  ')}`);
  }
}
if (count > 0) {
  console.error(`check-cycles: ${count} import circle(s) in src/. Move the shared types into a leaf module both sides import.`);
  process.exit(1);
}
console.log('check-cycles: no import circle in src/');
