// The built-in GODEBUG profiles. Every setting here is checked against the real toolchain's catalog
// by the tests (test/core/godebug/catalog.test.ts), so a preset can never name a setting that does not exist.
import type { GodebugProfile } from '../../shared/godebug';

export const BUILTIN_PROFILES: GodebugProfile[] = [
  { id: 'gc', name: 'GC', godebug: 'gctrace=1', builtin: true, description: 'one line per GC cycle: heap before/after/goal, pauses, GC CPU' },
  { id: 'gc-pacer', name: 'GC pacer', godebug: 'gctrace=1,gcpacertrace=1', builtin: true, description: 'GC cycles plus the pacer\'s state' },
  { id: 'sched', name: 'Scheduler', godebug: 'schedtrace=1000', builtin: true, description: 'scheduler state every second' },
  { id: 'sched-detail', name: 'Scheduler (detail)', godebug: 'schedtrace=1000,scheddetail=1', builtin: true, description: 'scheduler state with every P, M and G, every second' },
  { id: 'init', name: 'Init cost', godebug: 'inittrace=1', builtin: true, description: 'clock time and allocations of every package init' },
  { id: 'scav', name: 'Scavenger', godebug: 'scavtrace=1', builtin: true, description: 'memory returned to the OS' },
  { id: 'http2', name: 'HTTP/2', godebug: 'http2debug=1', builtin: true, description: 'net/http HTTP/2 verbose logs' },
  { id: 'http2-frames', name: 'HTTP/2 frames', godebug: 'http2debug=2', builtin: true, description: 'HTTP/2 logs with every frame and hpack field' },
  { id: 'preempt-off', name: 'Preemption off', godebug: 'asyncpreemptoff=1', builtin: true, description: 'no signal-based goroutine preemption' },
  {
    id: 'cgocheck',
    name: 'cgo pointer checks',
    godebug: 'cgocheck=1,invalidptr=1',
    builtin: true,
    description: 'cgo pointer checks and invalid-pointer crashes on (the defaults, made explicit); full checks need GOEXPERIMENT=cgocheck2',
  },
];
