// Maps the compiler's logopt codes and -m text lines to remark kinds. Codes are those of
// cmd/compile/internal/logopt callers (go1.26); text forms were checked on go1.26.8 -m=2 output.
import type { RemarkKind } from '../../shared/remarks';

export interface Classified {
  kind: RemarkKind;
  reason?: string;
  cost?: number;
  budget?: number;
}

const CODE_KINDS: Record<string, RemarkKind> = {
  canInlineFunction: 'canInline',
  cannotInlineFunction: 'cannotInline',
  cannotInlineCall: 'cannotInlineCall',
  escape: 'escape',
  escapes: 'escape',
  leak: 'leak',
  nilcheck: 'nilCheck',
  isInBounds: 'boundsCheck',
  isSliceInBounds: 'boundsCheck',
  copy: 'copy',
  'iteration-variable-to-heap': 'loopvar',
  'iteration-variable-to-stack': 'loopvar',
  'loop-modified-for': 'loopvar',
};

/** "function too complex: cost 100 exceeds budget 80" → cost and budget. */
export function inlineCost(text: string): { cost?: number; budget?: number } {
  const m = /cost (\d+) exceeds budget (\d+)/.exec(text);
  if (m) return { cost: Number(m[1]), budget: Number(m[2]) };
  const c = /cost:? (\d+)/.exec(text);
  return c ? { cost: Number(c[1]) } : {};
}

/** A logopt diagnostic's kind; null for the message-less twin the compiler writes after each escape. */
export function classifyCode(code: string, message: string): Classified | null {
  const kind = CODE_KINDS[code] ?? 'other';
  if (code === 'escape' && message === '') return null;
  if (kind === 'canInline') return { kind, ...inlineCost(message) };
  if (kind === 'cannotInline' || kind === 'cannotInlineCall') {
    const reason = message.split(':')[0]!.trim();
    return { kind, ...(reason ? { reason } : {}), ...inlineCost(message) };
  }
  return { kind };
}

export interface TextFact extends Classified {
  /** The logopt code the same fact has in -json output ('' when -json has none). */
  code: string;
  function?: string;
  /** The line opens an -m=2 flow explanation (flow lines follow). */
  flowHeader?: boolean;
}

// Order matters: the first pattern that matches wins.
const TEXT_RULES: Array<[RegExp, (m: RegExpExecArray) => TextFact]> = [
  // Names of generic instances hold spaces ("F[go.shape.struct { a int }]").
  [/^can inline (.+?) with cost (\d+) as: /, (m) => ({ kind: 'canInline', code: 'canInlineFunction', function: m[1]!, cost: Number(m[2]) })],
  [/^can inline (.+)$/, (m) => ({ kind: 'canInline', code: 'canInlineFunction', function: m[1]! })],
  [
    /^cannot inline (.+?): (.*)$/,
    (m) => ({ kind: 'cannotInline', code: 'cannotInlineFunction', function: m[1]!, reason: m[2]!.split(':')[0]!.trim(), ...inlineCost(m[2]!) }),
  ],
  [/^inlining call to (.+)$/, () => ({ kind: 'inlinedCall', code: '' })],
  [/^(.*) escapes to heap in (\S+):$/, (m) => ({ kind: 'escape', code: 'escape', function: m[2]!, flowHeader: true })],
  [/^parameter (\S+) leaks to (.*) for (\S+) with derefs=\d+:$/, (m) => ({ kind: 'leak', code: 'leak', function: m[3]!, flowHeader: true })],
  [/^moved to heap: /, () => ({ kind: 'escape', code: 'escape' })],
  [/ escapes to heap$/, () => ({ kind: 'escape', code: 'escape' })],
  [/ does not escape$/, () => ({ kind: 'noescape', code: '' })],
  [/^leaking param( content)?: /, () => ({ kind: 'leak', code: '' })],
  [/^Found Is(Slice)?InBounds$/, (m) => ({ kind: 'boundsCheck', code: m[1] ? 'isSliceInBounds' : 'isInBounds' })],
  [/nil check$/, () => ({ kind: 'nilCheck', code: 'nilcheck' })],
  [/^(\S+) capturing by (value|ref): /, (m) => ({ kind: 'other', code: '', function: m[1]! })],
];

export function classifyText(message: string): TextFact {
  for (const [re, make] of TEXT_RULES) {
    const m = re.exec(message);
    if (m) return make(m);
  }
  return { kind: 'other', code: '' };
}
