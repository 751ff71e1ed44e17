import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { bundleExportsParse, JsLiteralError, jsLiteralToJson } from './js-literal';

describe('JS literal reader', () => {
	it('quotes keys and reads minified booleans and numbers', () => {
		const { json } = jsLiteralToJson(`{a:!0,b:!1,c:.5,d:-.25,e:[1,2e-3,null],f:"x:y",g:'it\\'s'}`);
		expect(JSON.parse(json)).toEqual({
			a: true,
			b: false,
			c: 0.5,
			d: -0.25,
			e: [1, 0.002, null],
			f: 'x:y',
			g: "it's"
		});
	});

	it('refuses code', () => {
		expect(() => jsLiteralToJson('{a:alert(1)}')).toThrow(JsLiteralError);
		expect(() => bundleExportsParse('module.exports=e()')).toThrow(/No exported data/);
	});

	it("reads nsfwjs's MobileNetV2 topology and weights exactly as node's require does", () => {
		const dir = 'node_modules/nsfwjs/dist/models/mobilenet_v2/';
		const require = createRequire(import.meta.url);
		const model = bundleExportsParse(readFileSync(dir + 'model.min.js', 'utf8'));
		expect(model).toEqual(require(`../../../../../${dir}model.min.js`));
		const weights = bundleExportsParse(readFileSync(dir + 'group1-shard1of1.min.js', 'utf8'));
		expect(typeof weights).toBe('string');
		expect((weights as string).length).toBeGreaterThan(3_000_000);
	});
});
