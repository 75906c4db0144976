// Monaco from the local package (no CDN): the editor features, the Go grammar and the one worker Go needs.
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/go/register';
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

export { monaco };
