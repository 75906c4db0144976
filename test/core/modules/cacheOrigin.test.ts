import { describe, expect, it } from 'vitest';
import { moduleOfCachePath, unescapeModulePath } from '../../../src/core/modules/cacheOrigin';

describe('module of a module cache path', () => {
  it('reads module@version, undoing the cache escaping of capitals', () => {
    expect(moduleOfCachePath('github.com/!burnt!sushi/toml@v1.4.0/decode.go')).toBe('github.com/BurntSushi/toml@v1.4.0');
    expect(moduleOfCachePath('golang.org/x/tools/gopls@v0.23.0/internal/golang/hover.go')).toBe('golang.org/x/tools/gopls@v0.23.0');
    expect(unescapeModulePath('github.com/!azure/azure-sdk')).toBe('github.com/Azure/azure-sdk');
  });
  it('is null outside an extracted module', () => {
    expect(moduleOfCachePath('cache/download/golang.org/x/mod/@v/v0.20.0.zip')).toBeNull();
    expect(moduleOfCachePath('github.com/foo')).toBeNull();
  });
});
