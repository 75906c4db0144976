// What a feature view is given by the workbench: the API, the open project, and a way to open the
// source editor at a place. A leaf module, so the views and the registry that lists them import no circle.
import type { GopsyApi, WorkspaceState } from '../../../shared/api';

export interface SourceTarget {
  /** Project-relative path, or a path the toolchain printed (resolved like console links). */
  path: string;
  line: number;
  /** 1-based byte column as the toolchain prints it. */
  byteColumn?: number;
}

export interface ViewProps {
  api: GopsyApi;
  workspace: WorkspaceState | null;
  /** Opens the source editor at a place (and switches to it). */
  openSource: (target: SourceTarget) => void;
}
