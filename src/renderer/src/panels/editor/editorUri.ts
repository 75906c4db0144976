// The editor's model URI of a file path and back: project files are gopsy:/<relative path>; files read
// outside the project (GOROOT, the module cache) keep their absolute path under the authority `ext`.
import { monaco } from './monaco';

const EXTERNAL = 'ext';

export function modelUri(path: string): monaco.Uri {
  return path.startsWith('/')
    ? monaco.Uri.from({ scheme: 'gopsy', authority: EXTERNAL, path })
    : monaco.Uri.from({ scheme: 'gopsy', path: '/' + path });
}

export function pathOfUri(uri: monaco.Uri): string {
  return uri.authority === EXTERNAL ? uri.path : uri.path.slice(1);
}

export const languageOf = (path: string) => (path.endsWith('.go') ? 'go' : 'plaintext');
