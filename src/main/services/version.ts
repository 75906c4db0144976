// gopsy's own version, stamped into the build from package.json.
import pkg from '../../../package.json';

export const GOPSY_VERSION: string = pkg.version;
