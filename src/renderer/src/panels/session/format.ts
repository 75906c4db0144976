// Small display helpers for the Session view.
export { formatBytes } from '../../../../shared/format';

export const errorText = (err: unknown) => (err as Error)?.message ?? String(err);
