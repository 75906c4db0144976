// The build profile form: target, packages, flags, environment, what to capture, and "profile the
// compiler for package P". Validation messages sit next to their field; the parent shows the live
// command preview of the draft and saves it for the project.
import type { ReactNode } from 'react';
import { PROFILE_ENV_KEYS } from '../../../../shared/api';
import { CAPTURE_FLAGS, type DraftErrors, type ProfileDraft } from './profileDraft';

interface Props {
  draft: ProfileDraft;
  errors: DraftErrors;
  onChange: (d: ProfileDraft) => void;
}

function Field({ label, error, children }: { label: string; error?: string | undefined; children: ReactNode }) {
  return (
    // The message stays outside the <label> so the input's accessible name is the label alone.
    <div className="pe-field">
      <label>
        <span className="pe-label">{label}</span>
        {children}
      </label>
      {error && (
        <span className="pe-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export function ProfileEditor({ draft, errors, onChange }: Props) {
  const set = <K extends keyof ProfileDraft>(k: K, v: ProfileDraft[K]) => onChange({ ...draft, [k]: v });
  const text = (k: 'name' | 'description' | 'packages' | 'gcflags' | 'ldflags' | 'tags' | 'cpuProfilePackage' | 'ssaFunc' | 'testFlags', placeholder = '') => (
    <input value={draft[k]} placeholder={placeholder} spellCheck={false} onChange={(e) => set(k, e.target.value)} aria-invalid={!!errors[k]} />
  );
  const flag = (k: 'race' | 'trimpath' | 'rebuildAll' | 'privateCache' | 'keepBinary', label: string) => (
    <label className="pe-check">
      <input type="checkbox" checked={draft[k]} onChange={(e) => set(k, e.target.checked)} /> {label}
    </label>
  );
  return (
    <div className="profile-editor" data-testid="profile-editor">
      <Field label="name" error={errors.name}>
        {text('name')}
      </Field>
      <Field label="description" error={errors.description}>
        {text('description')}
      </Field>
      <div className="pe-row">
        <label className="pe-check">
          <input type="radio" name="pe-target" checked={draft.target === 'build'} onChange={() => set('target', 'build')} /> go build
        </label>
        <label className="pe-check">
          <input type="radio" name="pe-target" checked={draft.target === 'test'} onChange={() => set('target', 'test')} /> go test -c
        </label>
        <label className="pe-check">
          <input type="radio" name="pe-target" checked={draft.target === 'run-tests'} onChange={() => set('target', 'run-tests')} /> go test (run the tests)
        </label>
      </div>
      {draft.target === 'run-tests' && (
        <Field label="test flags" error={errors.testFlags}>
          {text('testFlags', '-count=1 -run=TestX')}
        </Field>
      )}
      <Field label="packages" error={errors.packages}>
        {text('packages', './...')}
      </Field>
      <Field label="-tags" error={errors.tags}>
        {text('tags', 'a,b')}
      </Field>
      <Field label="-gcflags" error={errors.gcflags}>
        {text('gcflags', "-m=2 or ./store=-N -l")}
      </Field>
      <Field label="-ldflags" error={errors.ldflags}>
        {text('ldflags', '-s -w')}
      </Field>
      <div className="pe-row">
        {flag('race', '-race')}
        {flag('trimpath', '-trimpath')}
        {flag('rebuildAll', '-a')}
        {flag('privateCache', 'private cache')}
        {flag('keepBinary', 'keep the linked binary in out/ (main only)')}
      </div>
      <div className="pe-env">
        {PROFILE_ENV_KEYS.map((k) => (
          <Field key={k} label={k} error={errors[`env.${k}`]}>
            <input
              value={draft.env[k]}
              spellCheck={false}
              placeholder="inherited"
              aria-invalid={!!errors[`env.${k}`]}
              onChange={(e) => set('env', { ...draft.env, [k]: e.target.value })}
            />
          </Field>
        ))}
      </div>
      <div className="pe-row">
        {CAPTURE_FLAGS.map(([k, label]) => (
          <label key={k} className="pe-check pe-capture">
            <input type="checkbox" checked={draft.capture[k]} onChange={(e) => set('capture', { ...draft.capture, [k]: e.target.checked })} /> {label}
          </label>
        ))}
      </div>
      <Field label="profile the compiler for package" error={errors.cpuProfilePackage}>
        {text('cpuProfilePackage', './store or net/http (empty: none)')}
      </Field>
      {draft.cpuProfilePackage.trim() && !draft.privateCache && !draft.rebuildAll && (
        <span className="muted small">The profiled package always compiles (its flags change every run); its dependencies may come from the cache.</span>
      )}
      <Field label="SSA of function (GOSSAFUNC)" error={errors.ssaFunc}>
        {text('ssaFunc', 'example.com/m/store.(*Store).Add (empty: none)')}
      </Field>
    </div>
  );
}
