import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import { Ajv } from 'ajv';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  directories: { output: string };
  linux: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
}
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it("validates against electron-builder's own schema", () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects a broken config (the schema check can fail)', () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(schema);
    expect(validate({ ...config, asarUnpack: 42, notAnOption: true })).toBe(false);
  });

  it('targets AppImage and deb, dmg (+ zip for updates) and nsis, with icons, into release/', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.directories.output).toBe('release');
    for (const icon of [config.linux.icon, config.mac.icon, config.win.icon])
      expect(typeof icon).toBe('string');
  });

  it("ships built files only and keeps node-notifier's helpers out of the asar", () => {
    expect(config.files).toEqual(
      expect.arrayContaining(['dist/main/**', 'dist/preload/**', 'dist/renderer/**', '!**/*.map']),
    );
    expect(config.files.some((f) => f.startsWith('src'))).toBe(false);
    expect(config.asarUnpack).toContain('node_modules/node-notifier/vendor/**');
  });
});
